"""One row of indicators per council, computed from the source datasets after an import.

The segregation and diversity indices come from :func:`commonground.analytics.segregation.
all_indices` over each council's LSOAs in one vectorised call; the rest are read from the
council tables. The results are stored as two datasets (``council-indicators`` and
``council-ethnicity``) so that pages, maps and the API read them without recomputing.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from commonground.accounts.models import User
from commonground.analytics.segregation import all_indices
from commonground.places import importing, indicators
from commonground.places.indicators import KEYS
from commonground.places.models import Area, AreaLevel, AreaValues, Dataset, DatasetKind
from commonground.places.readers import Table

SOURCE_NOTE = "Computed by Common Ground from the datasets named on each indicator"


def _rows(slug: str) -> tuple[Dataset | None, list[tuple[int, list[Any], float | None]]]:
    dataset = Dataset.objects.filter(slug=slug, organisation=None).first()
    if dataset is None:
        return None, []
    return dataset, list(AreaValues.objects.filter(dataset=dataset)
                         .values_list("area_id", "values", "total"))


def _column(slug: str, key: str) -> dict[int, float]:
    """area id -> value of one column of a council dataset (missing values left out)."""
    dataset, rows = _rows(slug)
    if dataset is None or key not in dataset.keys:
        return {}
    j = dataset.keys.index(key)
    return {area: float(v[j]) for area, v, _t in rows if v[j] is not None}


def _segregation(values: dict[int, dict[str, float | None]], composition: Table,
                 codes: dict[int, str]) -> None:
    dataset, rows = _rows(indicators.ETHNICITY_LSOA)
    if dataset is None or not rows or "white" not in dataset.keys:
        return
    council_of = dict(Area.objects.filter(level=AreaLevel.LSOA).values_list("id", "council_id"))
    rows = [r for r in rows if council_of.get(r[0]) is not None]
    counts = np.array([r[1] for r in rows], dtype=np.float64)
    totals = np.array([r[2] if r[2] is not None else sum(r[1]) for r in rows], dtype=np.float64)
    councils = np.array([council_of[r[0]] for r in rows])
    multi = all_indices(counts, councils)
    white = dataset.keys.index("white")
    # Ethnic minority residents (every group but White) against White residents.
    pair = np.column_stack([totals - counts[:, white], counts[:, white]])
    two = all_indices(pair, councils, focal=0, total=totals)
    sums = np.zeros((len(multi["region"]), counts.shape[1]))
    order = np.searchsorted(multi["region"], councils)
    np.add.at(sums, order, counts)
    for i, council in enumerate(multi["region"].tolist()):
        row = values.setdefault(council, {})
        row["population"] = float(two["population"][i])
        row["diversity"] = _float(multi["simpson_interaction"][i])
        row["segregation_d"] = _float(multi["multi_dissimilarity"][i])
        row["minority_d"] = _float(two["dissimilarity"][i])
        row["isolation"] = _float(two["isolation"][i])
        composition.codes.append(codes[council])
        composition.values.append([int(v) if float(v).is_integer() else float(v)
                                   for v in sums[i]])
        composition.totals.append(float(two["population"][i]))
    composition.columns = list(dataset.columns)
    _rural(values, rows, council_of)


def _rural(values: dict[int, dict[str, float | None]],
           lsoa_rows: list[tuple[int, list[Any], float | None]],
           council_of: dict[int, int]) -> None:
    dataset, classes = _rows(indicators.RURAL_URBAN_LSOA)
    if dataset is None:
        return
    rural = {area for area, v, _t in classes if str(v[0]).upper().startswith("R")}
    classed = {area for area, _v, _t in classes}
    people: dict[int, list[float]] = {}
    for area, counts, total in lsoa_rows:
        if area in classed:
            acc = people.setdefault(council_of[area], [0.0, 0.0])
            size = float(total if total is not None else sum(counts))
            acc[0] += size if area in rural else 0.0
            acc[1] += size
    for council, (in_rural, everyone) in people.items():
        if everyone > 0:
            values.setdefault(council, {})["rural"] = 100.0 * in_rural / everyone


def _ages(values: dict[int, dict[str, float | None]]) -> None:
    """Shares of all residents aged 65 and over and 15 and under (TS009 by sex, summed)."""
    dataset, rows = _rows(indicators.AGE_SEX_COUNCIL)
    if dataset is None:
        return
    keys = dataset.keys
    older = [keys.index(f"{sex}_65_plus") for sex in ("female", "male") if f"{sex}_65_plus" in keys]
    young = [keys.index(f"{sex}_0_15") for sex in ("female", "male") if f"{sex}_0_15" in keys]
    if len(older) != 2 or len(young) != 2:
        return
    for area, counts, total in rows:
        whole = float(total if total is not None else sum(counts))
        if whole > 0:
            row = values.setdefault(area, {})
            row["aged_65_plus"] = 100.0 * sum(float(counts[j]) for j in older) / whole
            row["aged_under_16"] = 100.0 * sum(float(counts[j]) for j in young) / whole


def _float(value: Any) -> float | None:
    v = float(value)
    return None if math.isnan(v) else v


def council_table() -> tuple[Table, Table]:
    """The derived indicators and the councils' ethnic composition, ready to store."""
    codes = dict(Area.objects.filter(level=AreaLevel.COUNCIL).values_list("id", "code"))
    values: dict[int, dict[str, float | None]] = {}
    composition = Table(columns=[])
    _segregation(values, composition, codes)
    simple = {
        "english_proficiency": (indicators.COUNCIL_CENSUS,
                                "engprof_pct_cannot_speak_english_well_or_at_all"),
        "economic_inactivity": (indicators.COUNCIL_CENSUS, "econact_pct_economically_inactive"),
        "born_outside_uk": (indicators.COUNCIL_CENSUS, "cob_pct_born_outside_uk"),
        "level4_plus": (indicators.COUNCIL_CENSUS, "qual_pct_level4_plus"),
        "deprivation": (indicators.IMD_ENGLAND, "Score"),
        "deprivation_wales": (indicators.WIMD_WALES, "Score"),
        "get_on_well": (indicators.PLACE_SURVEY, "get_on_well"),
    }
    for key, (slug, column) in simple.items():
        for area, value in _column(slug, column).items():
            values.setdefault(area, {})[key] = value
    _ages(values)
    movers = _column(indicators.COUNCIL_MIGRATION, "migrant_from_outside_uk")
    residents = _column(indicators.COUNCIL_MIGRATION, "all_usual_residents")
    for area, moved in movers.items():
        if residents.get(area):
            values.setdefault(area, {})["migration"] = 10_000.0 * moved / residents[area]
    table = Table(columns=[{"key": i.key, "label": i.label} for i in indicators.INDICATORS])
    for area in sorted(a for a in values if a in codes):
        table.codes.append(codes[area])
        table.values.append([values[area].get(k) for k in KEYS])
        table.totals.append(None)
    return table, composition


def refresh_council_indicators(*, actor: User | None = None) -> Dataset | None:
    """Recompute and store the council indicators; the caller holds the transaction."""
    table, composition = council_table()
    if not table.codes:
        return None
    known = importing.known_codes(AreaLevel.COUNCIL)
    spec = importing.DatasetSpec(slug=indicators.DERIVED, title="Council indicators",
                                 level=AreaLevel.COUNCIL, period="2021", source=SOURCE_NOTE)
    if composition.codes:
        importing.save_table(
            spec=importing.DatasetSpec(
                slug=indicators.DERIVED_COMPOSITION, title="Ethnic group by council (sum of "
                "LSOAs)", level=AreaLevel.COUNCIL, period="2021-03-21", source=SOURCE_NOTE),
            kind=DatasetKind.COUNTS, table=composition, known=known, actor=actor,
            organisation=None)
    return importing.save_table(spec=spec, kind=DatasetKind.VALUES, table=table, known=known,
                                actor=actor, organisation=None)
