"""The one query parser both engines share: words, "quoted phrases" and synonyms.

A query becomes a list of clauses; every clause must match (AND), and a clause
matches when any of its alternatives does (OR). Each alternative is a phrase of
word tokens. A phrase the user put in quotes must appear as written; any other term
of several words ("young people", a synonym such as "English as a second language")
matches a document holding all its words, anywhere. That is what people expect of a
search box, and it lets both engines answer from their word indexes alone, without
reading each candidate's word positions (see docs/search.md, Performance).

Synonyms and abbreviations of the field (``data/knowledge/synonyms.yaml``) are
recognised here, longest match first, so "English classes" also finds "ESOL".
Stop words are dropped here rather than left to the engines, so SQLite (which keeps
them) and PostgreSQL (which drops them) match the same documents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml
from django.conf import settings

# PostgreSQL's English (Snowball) stop-word list, so both engines ignore the same words.
STOP_WORDS = frozenset("""
i me my myself we our ours ourselves you your yours yourself yourselves he him his
himself she her hers herself it its itself they them their theirs themselves what which
who whom this that these those am is are was were be been being have has had having do
does did doing a an the and but if or because as until while of at by for with about
against between into through during before after above below to from up down in out on
off over under again further then once here there when where why how all any both each
few more most other some such no nor not only own same so than too very s t can will
just don should now
""".split())  # noqa: SIM905 - a list this long reads better as text

MAX_QUERY_CHARS = 300
MAX_CLAUSES = 12
MAX_SYNONYM_WORDS = 8
_WORD = re.compile(r"[^\W_]+")
_QUOTED = re.compile(r'"([^"]*)"')

Phrase = tuple[str, ...]


def words(text: str) -> Phrase:
    """Lower-case word tokens, split as FTS5's unicode61 tokenizer splits them."""
    return tuple(_WORD.findall(text.lower()))


@dataclass(frozen=True)
class SynonymGroup:
    id: str
    expansion: str
    terms: tuple[str, ...]


@dataclass(frozen=True)
class Clause:
    """What the user typed (``label``) and every phrase that counts as a match."""

    label: str
    alternatives: tuple[Phrase, ...]
    synonym_group: SynonymGroup | None = None
    exact: bool = False  # quoted by the user: the words together, in order

    @property
    def word_sets(self) -> tuple[Phrase, ...]:
        """For a clause matched word by word: each alternative's words without stop
        words (which carry no meaning once positions are not checked)."""
        out: list[Phrase] = []
        for phrase in self.alternatives:
            kept = tuple(dict.fromkeys(w for w in phrase if w not in STOP_WORDS))
            if kept and kept not in out:
                out.append(kept)
        return tuple(out)


@dataclass(frozen=True)
class ParsedQuery:
    text: str
    clauses: tuple[Clause, ...] = field(default_factory=tuple)

    @property
    def is_empty(self) -> bool:
        return not self.clauses

    @property
    def expansions(self) -> list[tuple[str, list[str]]]:
        """(what was typed, the other terms searched for it), for "also searched for"."""
        out = []
        for clause in self.clauses:
            if clause.synonym_group is not None:
                others = [t for t in clause.synonym_group.terms
                          if words(t) != words(clause.label)]
                out.append((clause.label, others))
        return out


def synonyms_path() -> Path:
    default = Path(settings.BASE_DIR) / "data" / "knowledge" / "synonyms.yaml"
    return Path(getattr(settings, "SEARCH_SYNONYMS_FILE", default))


@lru_cache(maxsize=4)
def load_synonyms(path: Path) -> dict[Phrase, SynonymGroup]:
    """Map each term's word tokens to its group. Missing file: no synonyms."""
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    table: dict[Phrase, SynonymGroup] = {}
    for raw in data.get("groups", []):
        terms = [str(t) for t in raw.get("terms", [])]
        expansion = str(raw.get("expansion", ""))
        if expansion and words(expansion) not in {words(t) for t in terms}:
            terms.append(expansion)
        group = SynonymGroup(id=str(raw["id"]), expansion=expansion, terms=tuple(terms))
        for term in terms:
            key = words(term)
            # First group wins for a shared term; the file is ordered by importance.
            if key and len(key) <= MAX_SYNONYM_WORDS:
                table.setdefault(key, group)
    return table


def _trim(phrase: Phrase) -> Phrase:
    """Without leading and trailing stop words, which PostgreSQL would drop anyway."""
    start, end = 0, len(phrase)
    while start < end and phrase[start] in STOP_WORDS:
        start += 1
    while end > start and phrase[end - 1] in STOP_WORDS:
        end -= 1
    return phrase[start:end]


def _phrase_alternatives(phrases: list[Phrase], *,
                         typed: Phrase | None = None) -> tuple[Phrase, ...]:
    """Usable phrases. A synonym that trimming would shorten ("report it" -> "report")
    is left out rather than broadened, so both engines match the same documents."""
    out: list[Phrase] = []
    for phrase in phrases:
        trimmed = _trim(phrase)
        if not trimmed or (trimmed != phrase and phrase != typed):
            continue
        if trimmed not in out:
            out.append(trimmed)
    return tuple(out)


def _clauses_for_words(tokens: Phrase, table: dict[Phrase, SynonymGroup]) -> list[Clause]:
    clauses: list[Clause] = []
    i = 0
    while i < len(tokens):
        for size in range(min(MAX_SYNONYM_WORDS, len(tokens) - i), 0, -1):
            span = tokens[i:i + size]
            group = table.get(span)
            if group is not None:
                alternatives = _phrase_alternatives([span, *(words(t) for t in group.terms)],
                                                    typed=span)
                if alternatives:
                    clauses.append(Clause(" ".join(span), alternatives, group))
                i += size
                break
        else:
            token = tokens[i]
            if token not in STOP_WORDS:
                clauses.append(Clause(token, ((token,),)))
            i += 1
    return clauses


def parse(text: str) -> ParsedQuery:
    text = (text or "").strip()[:MAX_QUERY_CHARS]
    table = load_synonyms(synonyms_path())
    clauses: list[Clause] = []
    for phrase_text in _QUOTED.findall(text):
        phrase = words(phrase_text)
        alternatives = _phrase_alternatives([phrase], typed=phrase) if phrase else ()
        if alternatives:
            clauses.append(Clause(" ".join(phrase), alternatives, exact=len(phrase) > 1))
    clauses.extend(_clauses_for_words(words(_QUOTED.sub(" ", text)), table))
    unique: list[Clause] = []
    for clause in clauses:
        if all(c.alternatives != clause.alternatives for c in unique):
            unique.append(clause)
    return ParsedQuery(text=text, clauses=tuple(unique[:MAX_CLAUSES]))
