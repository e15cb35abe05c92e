"""Indicators of the small areas inside a council, or of a custom area, from their counts.

The indices come from :mod:`commonground.analytics`; here rows are only arranged. The
same table feeds the map page, its CSV and GeoJSON downloads and the API, so every
place shows the same numbers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from commonground.analytics.diversity import area_simpson_interaction
from commonground.analytics.segregation import all_indices
from commonground.core.errors import not_found
from commonground.places import selectors
from commonground.places.models import Area, AreaLevel, CustomArea, Dataset
from commonground.places.selectors import SUB_LEVELS

SUB_LEVEL_ORDER = [str(level) for level in SUB_LEVELS]


@dataclass(frozen=True)
class Row:
    area: Area
    total: float
    counts: list[float]
    shares: list[float]  # per cent of the area's total
    diversity: float | None


@dataclass(frozen=True)
class Summary:
    """The whole (council or custom area) seen through its parts."""

    population: float
    counts: list[float]
    shares: list[float]
    diversity: float | None
    dissimilarity: float | None  # multigroup D across the parts
    parts: int


@dataclass(frozen=True)
class SubAreaTable:
    level: str
    dataset: Dataset
    rows: list[Row]
    summary: Summary | None

    @property
    def labels(self) -> list[str]:
        return self.dataset.labels

    @property
    def keys(self) -> list[str]:
        return self.dataset.keys

    def measures(self) -> list[tuple[str, str]]:
        """(key, label) of what a map of this table can show."""
        return [("diversity", _("Ethnic diversity (Simpson’s interaction)")),
                ("population", _("Population"))] + [
            (f"share:{k}", _("%(group)s (%% of residents)") % {"group": _(label)})
            for k, label in zip(self.keys, self.labels, strict=True)]

    def value(self, row: Row, measure: str) -> float | None:
        if measure == "population":
            return row.total
        if measure == "diversity":
            return row.diversity
        if measure.startswith("share:") and measure[6:] in self.keys:
            return row.shares[self.keys.index(measure[6:])]
        return None


def _nan_to_none(value: Any) -> float | None:
    v = float(value)
    return None if math.isnan(v) else v


def build(level: str, dataset: Dataset, rows: list[tuple[Area, list[Any], float | None]]
          ) -> SubAreaTable:
    if not rows:
        return SubAreaTable(level, dataset, [], None)
    counts = np.array([r[1] for r in rows], dtype=np.float64)
    totals = np.array([r[2] if r[2] is not None else sum(r[1]) for r in rows],
                      dtype=np.float64)
    diversity = area_simpson_interaction(counts)
    out = []
    for i, (area, values, _total) in enumerate(rows):
        whole = totals[i]
        out.append(Row(area, float(whole), [float(v) for v in values],
                       [100.0 * float(v) / whole if whole else 0.0 for v in values],
                       _nan_to_none(diversity[i])))
    indices = all_indices(counts, np.zeros(len(rows), dtype=np.int64))
    sums = counts.sum(axis=0)
    population = float(totals.sum())
    summary = Summary(
        population=population, counts=[float(v) for v in sums],
        shares=[100.0 * float(v) / population if population else 0.0 for v in sums],
        diversity=_nan_to_none(indices["simpson_interaction"][0]),
        dissimilarity=_nan_to_none(indices["multi_dissimilarity"][0]) if len(rows) > 1
        else None, parts=len(rows))
    return SubAreaTable(level, dataset, out, summary)


def csv_rows(table: SubAreaTable) -> tuple[list[str], list[list[Any]]]:
    header = ["code", "name", "population", "diversity",
              *[f"{k}_count" for k in table.keys], *[f"{k}_pct" for k in table.keys]]
    rows = [[r.area.code, r.area.name, r.total, r.diversity, *r.counts, *r.shares]
            for r in table.rows]
    return header, rows


def nothing_to_draw(level: str, areas: int, shapes: int) -> str | None:
    """Why a map of ``areas`` areas, ``shapes`` of them with a boundary, is empty or
    partial; None when every area can be drawn."""
    if areas == shapes:
        return None
    kind = str(AreaLevel(level).label if level in AreaLevel.values else _("Area")).lower()
    if shapes == 0:
        return ngettext(
            "No %(kind)s boundaries are loaded for this %(areas)s area, so the map has nothing "
            "to draw. The table has every figure; an administrator can load the boundaries "
            "with the import_boundaries command.",
            "No %(kind)s boundaries are loaded for these %(areas)s areas, so the map has "
            "nothing to draw. The table has every figure; an administrator can load the "
            "boundaries with the import_boundaries command.", areas) % {
                "kind": kind, "areas": f"{areas:,}"}
    return ngettext(
        "%(missing)s of this %(areas)s area has no %(kind)s boundary loaded and is left off "
        "the map; the table has every figure.",
        "%(missing)s of these %(areas)s areas have no %(kind)s boundary loaded and are left "
        "off the map; the table has every figure.", areas) % {
            "missing": f"{areas - shapes:,}", "areas": f"{areas:,}", "kind": kind}


def feature_collection(table: SubAreaTable, measure: str) -> dict[str, Any]:
    """The table's areas with their shapes; a ``note`` says why any are missing (an
    empty collection always says why)."""
    features = []
    for row in table.rows:
        if not row.area.boundary:
            continue
        features.append({
            "type": "Feature", "geometry": row.area.boundary,
            "properties": {"code": row.area.code, "name": row.area.name,
                           "population": row.total, "diversity": row.diversity,
                           "value": table.value(row, measure)},
        })
    collection: dict[str, Any] = {"type": "FeatureCollection", "features": features}
    note = nothing_to_draw(table.level, len(table.rows), len(features))
    if not table.rows:
        note = _("No areas of this level have figures loaded, so there is nothing to draw.")
    if note:
        collection["note"] = note
    return collection


def for_council(council: Area, level: str, *, shapes: bool = False) -> SubAreaTable:
    """The council's areas of ``level`` with the counts dataset loaded for them (and their
    boundaries with ``shapes``)."""
    for found_level, dataset in selectors.sub_area_levels(council):
        if found_level == level:
            return build(level, dataset, selectors.children_with_values(council, level, dataset,
                                                                        shapes=shapes))
    raise not_found("set of areas")


def for_dataset(council: Area, dataset: Dataset, *, shapes: bool = False) -> SubAreaTable:
    """The council's areas in a counts dataset of their level (an upload, say)."""
    return build(dataset.level, dataset, selectors.children_with_values(
        council, dataset.level, dataset, shapes=shapes))


def inside(area: Area) -> SubAreaTable | None:
    """The areas nested in ``area`` (a ward's LSOAs) with their counts, or None."""
    if area.council_id is None:
        return None
    children = list(Area.objects.filter(parent=area).defer("boundary"))
    if not children:
        return None
    level = children[0].level
    # The council is among the ancestors already read with the area.
    council = next((a for a in selectors.ancestors(area) if a.pk == area.council_id), None)
    dataset = dict(selectors.sub_area_levels(council)).get(level) if council else None
    if dataset is None:
        return None
    return build(level, dataset, selectors.areas_with_values(children, dataset))


def for_custom(custom: CustomArea) -> SubAreaTable | None:
    """The custom area's members with their counts; members of several levels are read
    from each level's dataset, which must share their groups (wards' and LSOAs' do)."""
    members = list(custom.members.all())
    datasets = dict(selectors.sub_area_levels(custom.council))
    rows: list[tuple[Area, list[Any], float | None]] = []
    first: Dataset | None = None
    for level in sorted({m.level for m in members}, key=SUB_LEVEL_ORDER.index):
        dataset = datasets.get(level)
        if dataset is None or (first is not None and dataset.keys != first.keys):
            continue
        first = first or dataset
        rows += selectors.areas_with_values([m for m in members if m.level == level], dataset)
    if first is None:
        return None
    return build(custom.level, first, sorted(rows, key=lambda r: r[0].name))


def chosen_measure(table: SubAreaTable, wanted: str | None) -> str:
    keys = [k for k, _label in table.measures()]
    return wanted if wanted in keys else keys[0]
