"""Reads of areas and datasets shaped for pages, maps and the API."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet

from commonground.accounts.models import Organisation
from commonground.core import scalars
from commonground.core.errors import not_found
from commonground.core.stamped import StampedValues
from commonground.places import indicators, population
from commonground.places.models import (
    Area,
    AreaLevel,
    AreasStamp,
    AreaValues,
    Dataset,
    FamilyGroupJudgement,
    ImportJob,
)

# The levels a council's sub-area data can be shown at, smallest last.
SUB_LEVELS = (AreaLevel.WARD, AreaLevel.LSOA, AreaLevel.OA)


def councils(query: str = "") -> QuerySet[Area]:
    # Without their boundaries: decoding every council's and region's GeoJSON was nine
    # tenths of the areas index's time, and no list of councils draws them.
    areas = (Area.objects.filter(level=AreaLevel.COUNCIL).select_related("parent")
             .defer("boundary", "parent__boundary"))
    query = query.strip()
    if query:
        areas = areas.filter(Q(name__icontains=query) | Q(code__iexact=query))
    return areas.order_by("name")


def area_by_code(code: str) -> Area:
    # Boundaries are large JSON documents that no page of one area draws (maps read their
    # sub-areas' shapes); decoding three of them per request was a third of a profile's time.
    area = (Area.objects.select_related("parent", "parent__parent", "parent__parent__parent")
            .defer("boundary", "parent__boundary", "parent__parent__boundary",
                   "parent__parent__parent__boundary")
            .filter(code=code).first())
    if area is None:
        raise not_found("area")
    return area


_councils: StampedValues[str, Area] = StampedValues()


def area_by_code_at(code: str, version: str) -> Area:
    """``area_by_code`` with councils kept per process for a data version, as
    ``sub_area_levels_at`` keeps their levels: the profile page asks on every request.

    Other levels are read each time (there are too many output areas to keep). A
    rename or new parent from a re-import of the areas is a new data version.
    """
    return _councils.get(code, version, lambda: area_by_code(code),
                         keep=lambda area: area.level == AreaLevel.COUNCIL)


def ancestors(area: Area) -> list[Area]:
    """From the country down to the area's parent (parents are select_related three deep,
    enough for an LSOA: ward, council, region)."""
    chain: list[Area] = []
    node = area.parent
    while node is not None:
        chain.insert(0, node)
        node = node.parent
    return chain


def public_dataset(slug: str) -> Dataset | None:
    return Dataset.objects.filter(slug=slug, organisation=None).first()


def organisation_datasets(organisation: Organisation) -> QuerySet[Dataset]:
    return Dataset.objects.filter(organisation=organisation).order_by("-updated_at", "title")


def organisation_jobs(organisation: Organisation, limit: int = 20) -> list[ImportJob]:
    return list(ImportJob.objects.filter(organisation=organisation)
                .select_related("created_by")
                .order_by("-created_at", "-pk")[:limit])


def composition_rows(area: Area) -> QuerySet[AreaValues]:
    """The area's rows of open counts datasets that are compositions of its residents
    (ethnic group...), oldest dataset first; age and sex are read through
    :func:`population_margins` and ``population`` instead."""
    return (area.values.select_related("dataset")
            .filter(dataset__organisation=None, dataset__kind="counts")
            .exclude(dataset__slug__in=population.SLUGS).order_by("dataset_id"))


def values_of(slug: str, area: Area) -> tuple[Dataset, AreaValues] | None:
    row = (AreaValues.objects.select_related("dataset")
           .filter(dataset__slug=slug, dataset__organisation=None, area=area).first())
    return None if row is None else (row.dataset, row)


@dataclass(frozen=True)
class Matrix:
    """Every council's derived indicators: ``values[i, j]`` for council ``codes[i]`` and
    indicator ``indicators.KEYS[j]`` (NaN where not known)."""

    codes: list[str]
    names: list[str]
    parents: list[str]
    values: Any  # ndarray (n_councils, n_indicators)
    index: dict[str, int]

    def column(self, key: str) -> Any:
        return self.values[:, indicators.KEYS.index(key)]


_matrix: StampedValues[str, Matrix] = StampedValues(max_keys=1)


def council_matrix() -> Matrix | None:
    """The councils' indicator table, read once per change of the derived dataset.

    Profiles compare a council with all others; reading 331 rows per page is cheap but
    parsing them on every request under load is not, so the table is kept per process
    and keyed on the dataset's ``updated_at``.
    """
    stamp = (Dataset.objects.filter(slug=indicators.DERIVED, organisation=None)
             .values_list("pk", "updated_at").first())
    if stamp is None:
        return None
    return _matrix.get("councils", stamp, lambda: _read_matrix(stamp[0]))


def _read_matrix(dataset_id: int) -> Matrix:
    # The stored columns, not today's list: a table derived before an indicator was added
    # reads as "not known" for it until the next import recomputes the table.
    stored = [c["key"] for c in Dataset.objects.get(pk=dataset_id).columns]
    where = [stored.index(k) if k in stored else None for k in indicators.KEYS]
    rows = list(AreaValues.objects.filter(dataset_id=dataset_id)
                .values_list("area__code", "area__name", "area__parent__code", "values")
                .order_by("area__code"))
    values = np.array([[np.nan if j is None or r[3][j] is None else r[3][j] for j in where]
                       for r in rows], dtype=np.float64).reshape(len(rows), len(indicators.KEYS))
    return Matrix(codes=[r[0] for r in rows], names=[r[1] for r in rows],
                  parents=[r[2] or "" for r in rows], values=values,
                  index={r[0]: i for i, r in enumerate(rows)})


def judgements() -> dict[str, FamilyGroupJudgement]:
    return {j.area.code: j for j in FamilyGroupJudgement.objects.select_related("area",
                                                                                 "updated_by")}


_levels: StampedValues[int, list[tuple[str, Dataset]]] = StampedValues()


def sub_area_levels_at(council: Area, version: str) -> list[tuple[str, Dataset]]:
    """``sub_area_levels`` kept per process for a data version (see ``data_version``).

    The profile page asks on every request and the answer changes only with the data.
    """
    return _levels.get(council.pk, version, lambda: sub_area_levels(council))


def sub_area_levels(council: Area) -> list[tuple[str, Dataset]]:
    """(level, counts dataset) pairs with data for some of the council's sub-areas.

    One query for every level: the first open counts dataset of each level (by ``pk``)
    that has a row for one of the council's areas.
    """
    has_rows = AreaValues.objects.filter(dataset=OuterRef("pk"), area__council=council)
    first: dict[str, Dataset] = {}
    for dataset in (Dataset.objects.filter(organisation=None, level__in=SUB_LEVELS,
                                           kind="counts")
                    .exclude(slug__in=population.SLUGS)
                    .filter(Exists(has_rows)).order_by("pk")):
        first.setdefault(dataset.level, dataset)
    return [(level, first[level]) for level in SUB_LEVELS if level in first]


def children_with_values(council: Area, level: str, dataset: Dataset, *, shapes: bool = False
                         ) -> list[tuple[Area, list[Any], float | None]]:
    """The council's areas of ``level`` with their row of ``dataset``; their boundaries
    only with ``shapes`` (an LSOA table of a large council would decode megabytes)."""
    rows = (AreaValues.objects.filter(dataset=dataset, area__council=council, area__level=level)
            .select_related("area").order_by("area__name"))
    if not shapes:
        rows = rows.defer("area__boundary")
    return [(r.area, r.values, r.total) for r in rows]


def uploads_covering(datasets: list[Dataset], council: Area) -> list[Dataset]:
    """Those of ``datasets`` (uploads a user may see) with rows for the council's wards,
    LSOAs or output areas, in one query."""
    if not datasets:
        return []
    has_rows = AreaValues.objects.filter(dataset=OuterRef("pk"), area__council=council)
    return list(Dataset.objects.filter(pk__in=[d.pk for d in datasets], kind="counts",
                                       level__in=SUB_LEVELS)
                .filter(Exists(has_rows)).order_by("title"))


@dataclass(frozen=True)
class Coverage:
    """An uploaded dataset's rows in one council, beside the Census residents of the same
    areas (from the open counts dataset of the level), so an analyst sees how the two
    compare."""

    council: Area | None
    areas: int
    total: float
    census: float | None

    @property
    def share(self) -> float | None:
        return 100.0 * self.total / self.census if self.census else None


def coverage(dataset: Dataset) -> list[Coverage]:
    """Per council, how many of its areas a dataset covers and its total (three queries)."""
    rows = list(AreaValues.objects.filter(dataset=dataset)
                .values_list("area_id", "area__council_id", "total", "values"))
    open_counts = (Dataset.objects.filter(organisation=None, kind="counts", level=dataset.level)
                   .exclude(slug__in=population.SLUGS).order_by("pk").first())
    census = {} if open_counts is None else dict(
        AreaValues.objects.filter(dataset=open_counts, area_id__in=[r[0] for r in rows])
        .values_list("area_id", "total"))
    by_council: dict[int | None, list[float]] = {}
    for area_id, council_id, total, values in rows:
        key = area_id if dataset.level == AreaLevel.COUNCIL else council_id
        acc = by_council.setdefault(key, [0, 0.0, 0.0, 0])
        acc[0] += 1
        acc[1] += float(total if total is not None else sum(v or 0 for v in values))
        if census.get(area_id) is not None:
            acc[2] += float(census[area_id] or 0)
            acc[3] += 1
    councils = Area.objects.filter(pk__in=[k for k in by_council if k]).defer("boundary")
    named = {c.pk: c for c in councils}
    return sorted((Coverage(named.get(k or 0), int(a), t, c if n == a else None)
                   for k, (a, t, c, n) in by_council.items()),
                  key=lambda c: c.council.name if c.council else "")


def dataset_rows(dataset: Dataset) -> list[tuple[str, str, list[Any], float | None]]:
    """(code, name, values, total) of every area of a dataset, by code."""
    return [(code, name, values, total) for code, name, values, total in
            AreaValues.objects.filter(dataset=dataset).order_by("area__code")
            .values_list("area__code", "area__name", "values", "total")]


def drawable(council: Area, level: str) -> int:
    """How many of the council's areas of ``level`` have a boundary to draw."""
    return Area.objects.filter(council=council, level=level, boundary__isnull=False).count()


def areas_with_values(areas: list[Area], dataset: Dataset) -> list[tuple[Area, list[Any],
                                                                        float | None]]:
    rows = (AreaValues.objects.filter(dataset=dataset, area__in=areas).select_related("area")
            .defer("area__boundary").order_by("area__name"))
    return [(r.area, r.values, r.total) for r in rows]


def _choice_label(area: Area, inside: Area | None = None) -> str:
    name = f"{area.name} ({area.code})" if area.name != area.code else area.code
    return f"{name}, {area.get_level_display()} in {inside.name}" if inside else name


def custom_area_choices(council: Area, level: str) -> list[tuple[str, str]]:
    """(code, label) of the council's areas a custom area can be built from.

    Asked for wards, each ward comes with its own LSOAs after it, so one form can take
    a whole ward and a few LSOAs of the next (the service refuses overlaps).
    """
    slim = ("pk", "code", "name", "level", "parent_id")
    if level != AreaLevel.WARD:
        return [(a.code, _choice_label(a)) for a in
                Area.objects.filter(council=council, level=level).only(*slim).order_by("name")]
    inside: dict[int, list[Area]] = {}
    for lsoa in (Area.objects.filter(council=council, level=AreaLevel.LSOA)
                 .only(*slim).order_by("name")):
        inside.setdefault(lsoa.parent_id or 0, []).append(lsoa)
    choices = []
    for ward in Area.objects.filter(council=council, level=AreaLevel.WARD).only(*slim):
        choices.append((ward.code, _choice_label(ward)))
        choices += [(lsoa.code, _choice_label(lsoa, ward)) for lsoa in inside.get(ward.pk, [])]
    return choices


def geographic_neighbours(council: Area) -> list[str]:
    found = values_of(indicators.GEOGRAPHIC_NEIGHBOURS, council)
    return list(found[1].values[0]) if found else []


def boundaries(areas: QuerySet[Area]) -> list[tuple[str, str, Any]]:
    return list(areas.filter(boundary__isnull=False).values_list("code", "name", "boundary"))


def data_version() -> str:
    """Changes whenever a council profile could change: any open dataset (imports save
    their dataset, so its ``updated_at`` moves; a deletion changes the count), any
    council's family-group judgement, or the areas themselves (an import of areas,
    lookups or boundaries moves ``AreasStamp``). Keys the cached profile fragments and
    pages, the councils' index and the councils kept per process.

    One query, as it runs on every profile request (``data_version_scalars``).
    """
    row = scalars.read([data_version_scalars()])[0]
    return "-".join(str(part) for part in row).replace(" ", "_")


def data_version_scalars() -> scalars.Scalars:
    """``data_version``'s five scalar subqueries, for a caller that reads them together
    with others (a plan's targets, plans.measures)."""
    q = connection.ops.quote_name
    datasets, judgements = q(Dataset._meta.db_table), q(FamilyGroupJudgement._meta.db_table)
    public = f"FROM {datasets} WHERE {q('organisation_id')} IS NULL"
    # Only quoted table and column names of our models, no input.
    return scalars.Scalars((
        f"(SELECT COUNT(*) {public})", f"(SELECT MAX({q('updated_at')}) {public})",
        f"(SELECT COUNT(*) FROM {judgements})",  # noqa: S608
        f"(SELECT MAX({q('updated_at')}) FROM {judgements})",  # noqa: S608
        f"(SELECT MAX({q('version')}) FROM {q(AreasStamp._meta.db_table)})"))  # noqa: S608


@dataclass(frozen=True)
class PopulationMargins:
    """Census 2021 residents of a council or ward, as margins to weight a survey to.

    Counts are of usual residents on Census day (``period``), as ONS published them:
    each table is perturbed separately, so totals differ slightly between tables (a
    weighting method reconciles them).

    Attributes
    ----------
    area_code, level : str
        The area (ONS code) and its level, ``"council"`` or ``"ward"`` (``"lsoa"`` too).
    age_band : dict[str, int]
        Residents aged 16 and over by the survey's bands, keys ``"16-24"``, ``"25-34"``,
        ``"35-49"``, ``"50-64"``, ``"65+"`` in that order.
    under_16 : int
        Residents aged 15 and under (not a weighting margin; for shares of all ages).
    sex : dict[str, int]
        Residents by sex, keys ``"female"``, ``"male"``, over the ages ``sex_ages`` says.
    sex_ages : str
        ``"16+"`` for a council (age by sex is one table, TS009), ``"all ages"`` for a
        ward or LSOA (sex is its own table, TS008, published over all ages).
    age_band_by_sex : dict[tuple[str, str], int] or None
        Councils only: residents 16+ by ``(age band, sex)``, e.g. ``("16-24",
        "female")``; None for wards, where ONS publishes age and sex separately.
    ethnic_group : dict[str, int] or None
        The census's five broad ethnic groups (TS021), keys ``"asian"``, ``"black"``,
        ``"mixed"``, ``"white"``, ``"other"``, over ``ethnic_group_ages``; None where
        places holds none for the area. A council's is the sum of its LSOAs, a ward's of
        its best-fit LSOAs.
    ethnic_group_ages : str or None
        ``"all ages"`` (TS021 counts every usual resident), None without ``ethnic_group``.
    source : str
        The tables, as a weighting report names them.
    period : str
        Census day, ``"2021-03-21"``.
    """

    area_code: str
    level: str
    age_band: dict[str, int]
    under_16: int
    sex: dict[str, int]
    sex_ages: str
    age_band_by_sex: dict[tuple[str, str], int] | None
    ethnic_group: dict[str, int] | None
    ethnic_group_ages: str | None
    source: str
    period: str

    @property
    def residents_16_plus(self) -> int:
        return sum(self.age_band.values())


ALL_AGES, ADULTS = "all ages", "16+"
_ETHNICITY_BY_LEVEL: dict[str, str] = {AreaLevel.COUNCIL: indicators.DERIVED_COMPOSITION,
                       AreaLevel.WARD: indicators.ETHNICITY_WARD,
                       AreaLevel.LSOA: indicators.ETHNICITY_LSOA}
_ETHNIC_SOURCE = "ONS Census 2021, TS021 (ethnic group, 5 groups, sum of LSOAs)"


def _population_rows(area: Area) -> dict[str, tuple[list[str], list[Any], str, str]]:
    """slug -> (column keys, values, source, period) of the area's age, sex and ethnic
    group rows: one query."""
    if area.level not in population.BY_LEVEL:
        return {}
    age_slug, sex_slug = population.BY_LEVEL[area.level]
    slugs = {age_slug, sex_slug, _ETHNICITY_BY_LEVEL[area.level]}
    rows = (AreaValues.objects.filter(area_id=area.pk, dataset__organisation=None,
                                      dataset__slug__in=slugs)
            .values_list("dataset__slug", "dataset__columns", "values", "dataset__source",
                         "dataset__period"))
    return {slug: ([c["key"] for c in columns], values, source, period)
            for slug, columns, values, source, period in rows}


def _whole(keys: list[str], values: list[Any], wanted: tuple[str, ...]) -> dict[str, int] | None:
    """key -> whole count for ``wanted`` keys, or None if a column is missing or empty."""
    found = dict(zip(keys, values, strict=True))
    if any(found.get(k) is None for k in wanted):
        return None
    return {k: round(float(found[k])) for k in wanted}


def population_margins(area: Area) -> PopulationMargins | None:
    """The Census 2021 age, sex and ethnic group margins of a council or ward (or LSOA).

    None where places holds no age and sex data for the area (or for other levels).
    One query, whatever the area. See :class:`PopulationMargins` for what each field
    holds and over which ages.
    """
    rows = _population_rows(area)
    age_slug, sex_slug = population.BY_LEVEL.get(area.level, ("", ""))
    if age_slug not in rows or sex_slug not in rows:
        return None
    bands = population.ADULT_BANDS
    ethnic: dict[str, int] | None = None
    ethnic_row = rows.get(_ETHNICITY_BY_LEVEL[area.level])
    if ethnic_row is not None:
        ethnic = _whole(ethnic_row[0], ethnic_row[1], tuple(ethnic_row[0]))
    sources = [rows[age_slug][2]]
    if sex_slug != age_slug:
        sources.append(rows[sex_slug][2])
    if ethnic is not None:
        sources.append(_ETHNIC_SOURCE)
    by_sex: dict[tuple[str, str], int] | None = None
    if area.level == AreaLevel.COUNCIL:
        crossed = _whole(rows[age_slug][0], rows[age_slug][1], population.CROSSED_COLUMNS)
        if crossed is None:
            return None
        by_sex = {(band, sex): crossed[f"{sex}_{population.band_key(band)}"]
                  for band in bands for sex in population.SEXES}
        age_band = {b: by_sex[b, "female"] + by_sex[b, "male"] for b in bands}
        under_16 = sum(crossed[f"{sex}_0_15"] for sex in population.SEXES)
        sex = {s: sum(by_sex[b, s] for b in bands) for s in population.SEXES}
    else:
        ages = _whole(rows[age_slug][0], rows[age_slug][1], population.AGE_COLUMNS)
        sexes = _whole(rows[sex_slug][0], rows[sex_slug][1], population.SEX_COLUMNS)
        if ages is None or sexes is None:
            return None
        age_band = {b: ages[f"age_{population.band_key(b)}"] for b in bands}
        under_16, sex = ages["age_0_15"], sexes
    return PopulationMargins(
        area_code=area.code, level=area.level, age_band=age_band, under_16=under_16,
        sex=sex, sex_ages=ALL_AGES if by_sex is None else ADULTS, age_band_by_sex=by_sex,
        ethnic_group=ethnic, ethnic_group_ages=ALL_AGES if ethnic is not None else None,
        source="; ".join(dict.fromkeys(sources)), period=rows[age_slug][3])


def age_structure(area: Area) -> population.AgeStructure | None:
    """The area's residents by age band, by sex where the census crosses them (councils),
    for a chart and its table; None without age and sex data. One query."""
    return age_structure_of([area])


def age_structure_of(areas: list[Area]) -> population.AgeStructure | None:
    """The residents of ``areas`` (which must not overlap: a council's wards, a custom
    area's members) by age band, summed; by sex too for a single council. None when any
    of them has no age and sex data. One query."""
    if not areas or any(a.level not in population.BY_LEVEL for a in areas):
        return None
    slugs = {slug for a in areas for slug in population.BY_LEVEL[a.level]}
    found: dict[tuple[int, str], tuple[list[str], list[Any]]] = {}
    meta: dict[str, tuple[str, str]] = {}
    for area_id, slug, columns, values, source, period in (
            AreaValues.objects.filter(area__in=[a.pk for a in areas], dataset__organisation=None,
                                      dataset__slug__in=slugs)
            .values_list("area_id", "dataset__slug", "dataset__columns", "values",
                         "dataset__source", "dataset__period")):
        found[area_id, slug] = ([c["key"] for c in columns], values)
        meta[slug] = (source, period)
    crossed = len(areas) == 1 and areas[0].level == AreaLevel.COUNCIL
    persons = dict.fromkeys(population.BANDS, 0)
    by_band = {b: (0, 0) for b in population.BANDS}
    female = male = 0
    for area in areas:
        age_slug, sex_slug = population.BY_LEVEL[area.level]
        if (area.pk, age_slug) not in found or (area.pk, sex_slug) not in found:
            return None
        if area.level == AreaLevel.COUNCIL:
            counts = _whole(*found[area.pk, age_slug], population.CROSSED_COLUMNS)
            if counts is None:
                return None
            for b in population.BANDS:
                f, m = (counts[f"{sex}_{population.band_key(b)}"] for sex in population.SEXES)
                by_band[b] = (by_band[b][0] + f, by_band[b][1] + m)
                persons[b] += f + m
                female, male = female + f, male + m
            continue
        ages = _whole(*found[area.pk, age_slug], population.AGE_COLUMNS)
        sexes = _whole(*found[area.pk, sex_slug], population.SEX_COLUMNS)
        if ages is None or sexes is None:
            return None
        for b in population.BANDS:
            persons[b] += ages[f"age_{population.band_key(b)}"]
        female, male = female + sexes["female"], male + sexes["male"]
    total = sum(persons.values())
    bands = [population.BandRow(
        band=b, label=population.BAND_LABELS[b], persons=persons[b],
        female=by_band[b][0] if crossed else None, male=by_band[b][1] if crossed else None,
        share=100.0 * persons[b] / total if total else 0.0) for b in population.BANDS]
    return population.AgeStructure(
        level=areas[0].level if len({a.level for a in areas}) == 1 else "",
        bands=bands, total=total, female=female, male=male, crossed=crossed,
        source="; ".join(dict.fromkeys(meta[slug][0] for slug in sorted(slugs))),
        period=next(iter(meta.values()))[1])
