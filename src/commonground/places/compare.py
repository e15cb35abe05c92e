"""Councils side by side, and nearest neighbours on indicators and weights the reader picks.

Both read the councils' indicator table (:func:`selectors.council_matrix`) and arrange it;
the statistics are :mod:`commonground.analytics`'. What other sections know of the same
councils (surveys, plans, tensions) comes through :mod:`commonground.core.area_summaries`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from commonground.analytics.family_groups import GROUP_NAMES
from commonground.core.errors import InvalidInput
from commonground.places import family, indicators, profile, selectors
from commonground.places.indicators import Indicator
from commonground.places.models import AreaValues

MIN_COUNCILS, MAX_COUNCILS = 2, 5
WEIGHTS = (0, 1, 2, 3)  # 0: not used


@dataclass(frozen=True)
class Council:
    code: str
    name: str
    family_group: int | None

    @property
    def family_name(self) -> str:
        return GROUP_NAMES.get(self.family_group or 0, "")


@dataclass(frozen=True)
class IndicatorRow:
    indicator: Indicator
    values: list[str]  # formatted, one per council in order
    highest: int | None  # position of the highest value, when more than one is known


@dataclass(frozen=True)
class CompositionRow:
    label: str
    shares: list[float | None]  # per cent of each council's residents


@dataclass(frozen=True)
class Comparison:
    councils: list[Council]
    rows: list[IndicatorRow]
    composition: list[CompositionRow]


def comparison(codes: Sequence[str]) -> Comparison:
    """Two to five councils (by code) side by side; refuses others with a clear message."""
    codes = list(dict.fromkeys(c.strip().upper() for c in codes if c.strip()))
    matrix = selectors.council_matrix()
    if not MIN_COUNCILS <= len(codes) <= MAX_COUNCILS:
        message = _("Choose %(least)s to %(most)s different councils.") % {
            "least": MIN_COUNCILS, "most": MAX_COUNCILS}
        raise InvalidInput(message, fields={"c": [message]})
    unknown = [c for c in codes if matrix is None or c not in matrix.index]
    if matrix is None or unknown:
        raise InvalidInput(_("Some councils were not found."), fields={"c": [
            _("No council has the code %(codes)s.") % {"codes": ", ".join(unknown)}]})
    rows = [matrix.index[c] for c in codes]
    groups = family.all_groups(matrix, selectors.judgements())
    councils = [Council(c, matrix.names[i], int(groups[i]) or None) for c, i in
                zip(codes, rows, strict=True)]
    table = []
    for j, indicator in enumerate(indicators.INDICATORS):
        raw = [float(matrix.values[i, j]) for i in rows]
        if all(math.isnan(v) for v in raw):
            continue
        known = [v for v in raw if not math.isnan(v)]
        highest = raw.index(max(known)) if len(known) > 1 and len(set(known)) > 1 else None
        table.append(IndicatorRow(indicator, [indicator.format(None if math.isnan(v) else v)
                                              for v in raw], highest))
    return Comparison(councils, table, _composition(codes))


def _composition(codes: list[str]) -> list[CompositionRow]:
    found = {r.area.code: r for r in AreaValues.objects.filter(
        dataset__slug=indicators.DERIVED_COMPOSITION, dataset__organisation=None,
        area__code__in=codes).select_related("dataset", "area").defer("area__boundary")}
    if not found:
        return []
    labels = next(iter(found.values())).dataset.labels
    out = []
    for k, label in enumerate(labels):
        shares: list[float | None] = []
        for code in codes:
            row = found.get(code)
            whole = (row.total or sum(row.values)) if row else 0
            shares.append(100.0 * row.values[k] / whole if row and whole else None)
        out.append(CompositionRow(label, shares))
    return out


@dataclass(frozen=True)
class Choice:
    """The indicators and weights a reader chose for nearest neighbours."""

    weights: dict[str, int]  # indicator key -> weight (0 = not used)

    @classmethod
    def default(cls) -> Choice:
        return cls({k: 1 if k in indicators.NEIGHBOUR_KEYS else 0 for k in choosable()})

    @classmethod
    def from_query(cls, query: Mapping[str, str]) -> Choice:
        """Weights from ``w_<key>`` parameters; the default when none is given."""
        if not any(f"w_{k}" in query for k in choosable()):
            return cls.default()
        weights = {}
        for key in choosable():
            raw = query.get(f"w_{key}", "0")
            weights[key] = int(raw) if raw.isdigit() and int(raw) in WEIGHTS else 0
        return cls(weights)

    @property
    def used(self) -> list[str]:
        return [k for k, w in self.weights.items() if w > 0]


def choosable() -> tuple[str, ...]:
    """Indicators a reader may use for nearest neighbours: all but the Welsh deprivation
    score (on another scale than the English one, and Wales only)."""
    return tuple(k for k in indicators.KEYS if k != "deprivation_wales")


def neighbours(code: str, choice: Choice, k: int = profile.NEIGHBOURS
               ) -> list[profile.NeighbourView]:
    """The ``k`` councils nearest ``code`` on the chosen indicators and weights."""
    matrix = selectors.council_matrix()
    if matrix is None or code not in matrix.index:
        return []
    used = choice.used
    if not used:
        message = _("Choose at least one indicator.")
        raise InvalidInput(message, fields={f"w_{choosable()[0]}": [message]})
    try:
        return profile.neighbours_of(matrix, code, k, tuple(used),
                                     [choice.weights[key] for key in used])
    except ValueError as error:  # e.g. every chosen indicator is the same for all councils
        raise InvalidInput(_("These indicators cannot tell councils apart: %(reason)s.")
                           % {"reason": error}) from error
