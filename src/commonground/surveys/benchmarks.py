"""What a council's survey figures are compared with: the published national surveys
(data/surveys/benchmarks.csv, see BENCHMARKS_PROVENANCE.md) and the 2008 Place Survey's
NI1 for the council and its nearest neighbours (places' council indicator
``get_on_well``)."""

from __future__ import annotations

import csv
import functools
import math
from dataclasses import dataclass

from django.conf import settings

from commonground.places import profile
from commonground.places import selectors as place_selectors

FILE = settings.BASE_DIR / "data" / "surveys" / "benchmarks.csv"
ENGLAND = ("E92000001", "K04000001")  # England; England and Wales
WALES = ("W92000004", "K04000001")


@dataclass(frozen=True)
class National:
    survey: str
    geography: str
    geography_code: str
    period: str
    fieldwork: str
    mode: str
    value: float  # per cent
    definition: str
    caveat: str
    uncertainty: str
    source_url: str

    @property
    def link(self) -> str:
        """The first address of the source (the column may name several, with notes)."""
        for token in self.source_url.split():
            if token.startswith(("http://", "https://")):
                return token
        return ""


@functools.cache
def _rows() -> tuple[dict[str, str], ...]:
    with FILE.open(encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle))


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None  # a published range such as "58-60"
    return value if math.isfinite(value) else None


def national(indicator_code: str, council_code: str, *, limit: int = 4) -> list[National]:
    """The published all-adult figures for this indicator, the council's own country's
    first (Wales for Welsh councils), newest first within each."""
    if not indicator_code:
        return []
    places = WALES + ("E92000001",) if council_code.startswith("W") else ENGLAND
    found = []
    for row in _rows():
        value = _number(row["estimate_pct"])
        if (row["indicator"] != indicator_code or row["group"] != "all adults"
                or value is None or row["geography_code"] not in places):
            continue
        found.append(National(row["survey"], row["geography"], row["geography_code"],
                              row["period"],
                              row["fieldwork"], row["mode"], value,
                              row["indicator_definition"], row["comparability_note"],
                              row["uncertainty_note"], row["source_url"]))
    # The file lists each survey's years in order: newest first, own country first.
    ordered = sorted(reversed(found), key=lambda n: places.index(n.geography_code))
    return ordered[:limit]


@dataclass(frozen=True)
class PlaceSurvey:
    code: str
    name: str
    value: float  # per cent
    is_council: bool


def place_survey(council_code: str) -> list[PlaceSurvey]:
    """NI1 of 2008/09 for the council, then its nearest neighbours that have it."""
    matrix = place_selectors.council_matrix()
    if matrix is None or council_code not in matrix.index:
        return []
    column = matrix.column("get_on_well")
    out = []
    own = float(column[matrix.index[council_code]])
    if not math.isnan(own):
        out.append(PlaceSurvey(council_code, matrix.names[matrix.index[council_code]], own,
                               True))
    for neighbour in profile.neighbours_of(matrix, council_code):
        value = float(column[matrix.index[neighbour.code]])
        if not math.isnan(value):
            out.append(PlaceSurvey(neighbour.code, neighbour.name, value, False))
    return out
