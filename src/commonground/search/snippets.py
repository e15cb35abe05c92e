"""Highlighted snippets, made in Python so both engines show the same, safe HTML.

The text is escaped piece by piece and only our own ``<mark>`` tags are added, so a
document containing markup can never inject any. Matching is by a light stem (a
word's common English endings removed), close enough to the engines' stemmers for
highlighting: "monitoring" highlights "monitored" and "monitors".
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from html import escape  # Django's escape is this, behind a lazy-string wrapper

from django.utils.safestring import SafeString, mark_safe

from commonground.search.folding import fold
from commonground.search.query import STOP_WORDS, ParsedQuery

WINDOW_WORDS = 36
_TOKEN = re.compile(r"[^\W_]+")
_SUFFIXES = ("ations", "ation", "ings", "ing", "ions", "ion", "ies", "ied", "ers", "er",
             "ed", "es", "ly", "s", "e", "y")


@lru_cache(maxsize=50_000)
def light_stem(word: str) -> str:
    word = fold(word.lower())  # "dwr" marks "dŵr", as both engines match it
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


Phrase = tuple[str, ...]


def query_phrases(query: ParsedQuery) -> list[Phrase]:
    """Every alternative of every clause as a phrase of light stems, longest first."""
    phrases = {
        tuple(_stem_of(word) for word in phrase)
        for clause in query.clauses
        for phrase in clause.alternatives
    }
    # A term that is not quoted matches its words anywhere, so they are marked alone
    # too (a phrase is still marked whole where the words stand together).
    phrases |= {(_stem_of(word),) for clause in query.clauses if not clause.exact
                for words in clause.word_sets for word in words}
    return sorted(phrases, key=lambda p: (-len(p), p))


def _marked(tokens: list[re.Match[str]], phrases: list[Phrase]) -> list[Phrase | None]:
    """For each token, the phrase it is part of (or None). Linear in the text's length:
    phrases are looked up by the stem of their first word."""
    by_first: dict[str, list[Phrase]] = {}
    for phrase in phrases:
        by_first.setdefault(phrase[0], []).append(phrase)
    stems = [_stem_of(token.group(0)) for token in tokens]
    marks: list[Phrase | None] = [None] * len(tokens)
    for i, stem in enumerate(stems):
        for phrase in by_first.get(stem, ()):
            if tuple(stems[i:i + len(phrase)]) == phrase:
                for j in range(i, i + len(phrase)):
                    marks[j] = marks[j] or phrase
                break
    return marks


@lru_cache(maxsize=50_000)
def _stem_of(word: str) -> str:
    lowered = fold(word.lower())
    return lowered if lowered in STOP_WORDS else light_stem(lowered)


def highlight(text: str, phrases: list[Phrase]) -> SafeString:
    """The whole text, escaped, with matching words marked."""
    tokens = list(_TOKEN.finditer(text))
    return _render(text, tokens, _marked(tokens, phrases), 0, len(tokens))


def snippet(text: str, phrases: list[Phrase], *, window: int = WINDOW_WORDS) -> SafeString:
    """The ``window`` words of ``text`` holding the most different query phrases."""
    tokens = list(_TOKEN.finditer(text))
    if not tokens:
        return mark_safe("")
    marks = _marked(tokens, phrases) if phrases else [None] * len(tokens)
    marked = [i for i, mark in enumerate(marks) if mark]
    # The number of phrases inside the window only rises when a marked word enters
    # it, so the first best window starts at 0 or where one enters (p - window + 1).
    best_start, best_score = 0, -1
    for start in [0, *(p - window + 1 for p in marked if p - window + 1 > 0)]:
        first = bisect_left(marked, start)
        last = bisect_left(marked, start + window)
        score = len({marks[i] for i in marked[first:last]})
        if score > best_score:
            best_start, best_score = start, score
    return _render(text, tokens, marks, best_start, min(len(tokens), best_start + window))


def _render(text: str, tokens: list[re.Match[str]], marks: list[Phrase | None],
            start: int, end: int) -> SafeString:
    if not tokens:
        return mark_safe(escape(text))  # noqa: S308 - escaped
    begin_char = 0 if start == 0 else tokens[start].start()
    end_char = len(text) if end >= len(tokens) else tokens[end - 1].end()
    out: list[str] = ["… " if begin_char > 0 else ""]
    position = begin_char
    for index in range(start, end):
        token = tokens[index]
        out.append(escape(text[position:token.start()]))
        word = escape(token.group(0))
        out.append(f"<mark>{word}</mark>" if marks[index] else word)
        position = token.end()
    out.append(escape(text[position:end_char]))
    if end_char < len(text):
        out.append(" …")
    return mark_safe("".join(out).strip())  # noqa: S308 - every piece is escaped above
