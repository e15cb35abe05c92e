"""A council's profile: composition, indicators, family group, nearest neighbours, benchmark.

Everything is computed from the councils' indicator table (see
:func:`commonground.places.selectors.council_matrix`) and the analytics functions; this
module only arranges the results for a page, a download or the API.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from commonground.analytics.neighbours import nearest
from commonground.places import family, indicators, selectors
from commonground.places.indicators import BY_KEY, NEIGHBOUR_KEYS, Indicator
from commonground.places.models import Area
from commonground.places.population import AgeStructure

NEIGHBOURS = 15


@dataclass(frozen=True)
class Part:
    label: str
    count: float
    share: float  # per cent of the total


@dataclass(frozen=True)
class Benchmark:
    rank: int  # 1 = highest value in the comparison group
    of: int
    quartile: int | None  # 1 = best quarter, 4 = worst; None when neither way is better

    @property
    def verdict(self) -> str:
        return {1: "best", 4: "worst"}.get(self.quartile or 0, "middle" if self.quartile
                                           else "neutral")


@dataclass(frozen=True)
class IndicatorValue:
    indicator: Indicator
    value: float | None
    benchmark: Benchmark | None

    @property
    def display(self) -> str:
        return self.indicator.format(self.value)


@dataclass(frozen=True)
class NeighbourView:
    code: str
    name: str
    distance: float
    shares: list[tuple[str, float]]  # (indicator label, per cent of the distance), largest first


@dataclass
class CouncilProfile:
    area: Area
    population: float | None
    composition: list[Part]
    values: dict[str, IndicatorValue]
    family: family.FamilyView | None
    neighbours: list[NeighbourView]
    groups: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    age: AgeStructure | None = None

    def ordered(self, keys: tuple[str, ...]) -> list[IndicatorValue]:
        return [self.values[k] for k in keys if k in self.values]

    @property
    def lga(self) -> list[IndicatorValue]:
        return self.ordered(indicators.LGA_FOUR)

    @property
    def others(self) -> list[IndicatorValue]:
        shown = set(indicators.LGA_FOUR) | {"population", "deprivation_wales"}
        return [v for k, v in self.values.items() if k not in shown
                and not (k.startswith("deprivation") and v.value is None)]


def composition_of(values: list[Any], total: float | None, labels: list[str]) -> list[Part]:
    whole = float(total if total else sum(values))
    return [Part(label, float(v), 100.0 * float(v) / whole if whole else 0.0)
            for label, v in zip(labels, values, strict=True)]


def benchmark(values: Any, row: int, peers: list[int], indicator: Indicator) -> Benchmark | None:
    """Rank of council ``row`` among itself and ``peers`` on one indicator column."""
    members = [row, *peers]
    own = values[row]
    group = values[members]
    group = group[~np.isnan(group)]
    if math.isnan(own) or group.size < 2:
        return None
    rank = int(np.sum(group > own)) + 1
    of = int(group.size)
    quartile = None
    if indicator.higher_is_better is not None:
        position = rank if indicator.higher_is_better else int(np.sum(group < own)) + 1
        quartile = min(4, math.ceil(4 * position / of))
    return Benchmark(rank=rank, of=of, quartile=quartile)


def neighbours_of(matrix: selectors.Matrix, code: str, k: int = NEIGHBOURS,
                  keys: tuple[str, ...] = NEIGHBOUR_KEYS,
                  weights: Sequence[float] | None = None) -> list[NeighbourView]:
    """The ``k`` councils nearest ``code`` on indicators ``keys`` (weighted, or equally)."""
    columns = [indicators.KEYS.index(key) for key in keys]
    found = nearest(matrix.values[:, columns], matrix.codes, matrix.index[code], k=k,
                    weights=None if weights is None else np.asarray(weights, dtype=np.float64))
    out = []
    for n in found:
        shares = sorted(((BY_KEY[key].label, 100.0 * float(s))
                         for key, s in zip(keys, n.shares, strict=True)
                         if not math.isnan(s)), key=lambda pair: -pair[1])
        out.append(NeighbourView(n.code, matrix.names[n.index], n.distance, shares))
    return out


def council_profile(area: Area) -> CouncilProfile:
    matrix = selectors.council_matrix()
    composition: list[Part] = []
    found = selectors.values_of(indicators.DERIVED_COMPOSITION, area)
    if found:
        dataset, row_values = found
        composition = composition_of(row_values.values, row_values.total, dataset.labels)
    age = selectors.age_structure(area)
    if matrix is None or area.code not in matrix.index:
        return CouncilProfile(area, None, composition, {}, None, [], age=age)
    row = matrix.index[area.code]
    neighbours = neighbours_of(matrix, area.code)
    peers = [matrix.index[n.code] for n in neighbours]
    values = {}
    for j, indicator in enumerate(indicators.INDICATORS):
        v = float(matrix.values[row, j])
        values[indicator.key] = IndicatorValue(
            indicator, None if math.isnan(v) else v,
            benchmark(matrix.values[:, j], row, peers, indicator))
    judgements = selectors.judgements()
    view = family.explain(matrix, area.code, judgements.get(area.code))
    profile = CouncilProfile(area, values["population"].value, composition, values, view,
                             neighbours, age=age)
    profile.groups = comparison_groups(matrix, area, judgements, view.number)
    return profile


def comparison_groups(matrix: selectors.Matrix, area: Area, judgements: dict[str, Any],
                      number: int | None) -> dict[str, list[tuple[str, str]]]:
    """Other councils to compare with: same region, sharing a boundary, same family group."""
    def named(codes: list[str]) -> list[tuple[str, str]]:
        return sorted(((c, matrix.names[matrix.index[c]]) for c in codes
                       if c in matrix.index and c != area.code), key=lambda p: p[1])

    parent = area.parent.code if area.parent else ""
    groups = {"region": named([c for c, p in zip(matrix.codes, matrix.parents, strict=True)
                               if p == parent]),
              "geographic": named(selectors.geographic_neighbours(area))}
    if number:
        every = family.all_groups(matrix, judgements)
        groups["family"] = named([c for c, g in zip(matrix.codes, every, strict=True)
                                  if g == number])
    return groups
