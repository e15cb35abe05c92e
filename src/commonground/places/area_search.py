"""Find councils and wards by name, forgiving typos ("Mancester") and in Welsh ("Caerdydd").

The ~7,900 names of councils and wards (English and Welsh) are kept per process with
their trigrams, as PostgreSQL's pg_trgm makes them: each word padded with two spaces
before and one after, cut into three-letter pieces, after accents and case are dropped.
A query is scored against a name by how many of the query's trigrams the name has
(containment) and by the two sets' overlap (similarity, pg_trgm's ``similarity``); an exact
code, a name that starts with the query or contains it rank above either. Python does the
matching so it works the same on SQLite and PostgreSQL; the figures are in
docs/BENCHMARKS.md. The index is read again when the set of councils and wards changes
(its count or largest id; a rename in place shows after a restart, as for profiles).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Max

from commonground.core.stamped import StampedValues
from commonground.places.models import Area, AreaLevel

LEVELS = (AreaLevel.COUNCIL, AreaLevel.WARD)
MIN_CONTAINMENT = 0.5  # share of the query's trigrams a name must have
MIN_SIMILARITY = 0.3  # pg_trgm's default threshold
_NOT_WORD = re.compile(r"[^0-9a-z]+")


@dataclass(frozen=True)
class Entry:
    code: str
    name: str
    name_cy: str
    level: str
    council: str  # the ward's council name; empty for a council

    def name_in(self, language: str | None) -> str:
        return self.name_cy if self.name_cy and (language or "").startswith("cy") else self.name


@dataclass(frozen=True)
class Match:
    entry: Entry
    score: float
    matched: str  # the name (English or Welsh) that matched best


@dataclass(frozen=True)
class Index:
    entries: list[Entry]
    # One searchable text per name: (entry position, the name, normalised, its trigrams).
    texts: list[tuple[int, str, str, frozenset[str]]]
    by_trigram: dict[str, list[int]]  # trigram -> positions in ``texts``
    by_code: dict[str, int]


def normalise(text: str) -> str:
    """Lower case, no accents (ŵ -> w), only letters and digits between single spaces."""
    plain = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return _NOT_WORD.sub(" ", plain).strip()


def trigrams(text: str) -> frozenset[str]:
    """pg_trgm's trigrams of normalised text."""
    found: set[str] = set()
    for word in text.split():
        padded = f"  {word} "
        found.update(padded[i:i + 3] for i in range(len(padded) - 2))
    return frozenset(found)


def build(entries: list[Entry]) -> Index:
    texts: list[tuple[int, str, str, frozenset[str]]] = []
    by_trigram: dict[str, list[int]] = {}
    for position, entry in enumerate(entries):
        for name in sorted({entry.name, entry.name_cy} - {""}):
            text = normalise(name)
            grams = trigrams(text)
            for gram in grams:
                by_trigram.setdefault(gram, []).append(len(texts))
            texts.append((position, name, text, grams))
    return Index(entries, texts, by_trigram, {e.code: i for i, e in enumerate(entries)})


def _read() -> Index:
    councils = dict(Area.objects.filter(level=AreaLevel.COUNCIL).values_list("pk", "name"))
    rows = (Area.objects.filter(level__in=LEVELS)
            .values_list("code", "name", "name_cy", "level", "council_id").order_by("name"))
    return build([Entry(code, name, name_cy, level,
                        councils.get(council_id, "") if council_id else "")
                  for code, name, name_cy, level, council_id in rows])


_index: StampedValues[str, Index] = StampedValues(max_keys=1)


def index() -> Index:
    stamp = tuple(Area.objects.filter(level__in=LEVELS)
                  .aggregate(n=Count("pk"), last=Max("pk")).values())
    return _index.get("areas", stamp, _read)


def score(query: str, query_grams: int, text: str, text_grams: int, shared: int) -> float:
    """How well a normalised name matches a normalised query, 0 (not at all) to 3, given
    how many trigrams each has and how many they share."""
    if text == query:
        return 3.0
    if text.startswith(query):
        return 2.0 + len(query) / len(text)
    if f" {query}" in f" {text}":
        return 1.5 + len(query) / len(text)
    containment = shared / query_grams
    similarity = shared / (query_grams + text_grams - shared)
    if containment < MIN_CONTAINMENT and similarity < MIN_SIMILARITY:
        return 0.0
    return (containment + similarity) / 2


def search(query: str, *, levels: tuple[str, ...] = LEVELS, limit: int = 25,
           found: Index | None = None) -> list[Match]:
    """Councils and wards matching ``query`` best first (councils first on a tie)."""
    found = found or index()
    text = normalise(query)
    if not text:
        return []
    best: dict[int, Match] = {}
    code = found.by_code.get(query.strip().upper())
    if code is not None:
        best[code] = Match(found.entries[code], 4.0, found.entries[code].code)
    grams = trigrams(text)
    candidates: Counter[int] = Counter()
    for gram in grams:  # Counter.update counts a list in C
        candidates.update(found.by_trigram.get(gram, ()))
    # Either threshold needs at least this share of the query's trigrams (similarity s
    # with n shared of q: n >= s * q, as the name has at least n trigrams).
    need = max(1, math.ceil(len(grams) * MIN_SIMILARITY))
    for i, shared in candidates.items():
        if shared < need:
            continue
        position, name, name_text, name_grams = found.texts[i]
        value = score(text, len(grams), name_text, len(name_grams), shared)
        entry = found.entries[position]
        if value > 0 and entry.level in levels and (
                position not in best or best[position].score < value):
            best[position] = Match(entry, value, name)
    ordered = sorted(best.values(), key=lambda m: (-m.score, m.entry.level != AreaLevel.COUNCIL,
                                                   m.entry.name))
    return ordered[:limit]
