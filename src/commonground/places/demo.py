"""Demo data: every council of England and Wales with its wards and LSOAs, and Trafford
down to output areas.

Loads the files shipped in data/demo/ (see its README for provenance and licence)
through the same import services as the commands, so the demo also exercises them.
Idempotent: skipped when the last dataset it loads is already there.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_noop as N_  # noqa: N812 - marked, kept English

from commonground.places import derived, importing, indicators, population
from commonground.places.importing import DatasetSpec
from commonground.places.models import Area, AreaLevel, Dataset

DEMO = settings.BASE_DIR / "data" / "demo"
TRAFFORD = "E08000009"
CENSUS_URL = "https://www.ons.gov.uk/census"
# Names of the open datasets and their columns stay English in the database (the API
# sends them); pages translate them from the places catalogue, where N_ marks them.
ETHNIC_LABELS = {
    "asian": N_("Asian, Asian British or Asian Welsh"),
    "black": N_("Black, Black British, Black Welsh, Caribbean or African"),
    "mixed": N_("Mixed or Multiple ethnic groups"),
    "white": N_("White"),
    "other": N_("Other ethnic group"),
}


def _spec(slug: str, title: str, level: str, period: str, source: str,
          url: str = CENSUS_URL, labels: dict[str, str] | None = None) -> DatasetSpec:
    return DatasetSpec(slug=slug, title=title, level=level, period=period, source=source,
                       publisher_url=url, labels=labels or {})


def _geography(d: Path) -> None:
    importing.import_areas(path=d / "countries.csv", level=AreaLevel.COUNTRY,
                           code_col="country_code", name_col="country_name", commit=True)
    importing.import_areas(path=d / "regions.csv", level=AreaLevel.REGION, code_col="region_code",
                           name_col="region_name", parent_col="country_code", commit=True)
    importing.import_areas(path=d / "councils.csv", level=AreaLevel.COUNCIL,
                           code_col="council_code", name_col="council_name",
                           parent_col="parent_code", name_cy_col="council_name_cy", commit=True)
    importing.import_boundaries(path=d / "lad21_ew_buc.geojson.gz", code_prop="ltla21_code",
                                level=AreaLevel.COUNCIL, commit=True)
    importing.import_areas(path=d / "wards24.csv.gz", level=AreaLevel.WARD,
                           code_col="ward24_code", name_col="ward24_name",
                           parent_col="council_code", name_cy_col="ward24_name_cy", commit=True)
    importing.import_boundaries(path=d / "wards24_ew.geojson.gz", code_prop="ward24_code",
                                level=AreaLevel.WARD, skip_unknown=True, commit=True)
    importing.import_areas(path=d / "census2021_ethnicity_lsoa21.csv.gz", level=AreaLevel.LSOA,
                           code_col="lsoa21_code", name_col="lsoa21_name",
                           parent_col="parent_code", commit=True)
    importing.import_boundaries(path=d / "lsoa21_ew_simplified.geojson.gz",
                                code_prop="lsoa21_code", level=AreaLevel.LSOA,
                                skip_unknown=True, commit=True)
    if _has_trafford():
        importing.import_areas(path=d / "trafford_ethnic_group_oa21.csv.gz", level=AreaLevel.OA,
                               code_col="area_code", name_col="area_name",
                               parent_code=TRAFFORD, commit=True)


def _has_trafford() -> bool:
    # A slice of the demo data without Trafford (the tests' Welsh one) has no use for its
    # output areas.
    return Area.objects.filter(code=TRAFFORD).exists()


def _datasets(d: Path) -> None:
    # The council indicators are derived once at the end (load), not after each source.
    council, census = AreaLevel.COUNCIL, "ONS Census 2021"
    importing.import_counts(
        path=d / "census2021_ethnicity_lsoa21.csv.gz", code_col="lsoa21_code",
        groups=list(ETHNIC_LABELS), total_col="total", commit=True,
        spec=_spec(indicators.ETHNICITY_LSOA, N_("Ethnic group (5 groups) by LSOA"),
                   AreaLevel.LSOA, "2021-03-21", N_("ONS Census 2021, TS021"),
                   labels=ETHNIC_LABELS))
    importing.import_values(
        path=d / "census2021_council_indicators_pct.csv", code_col="area_code",
        columns=["engprof_pct_cannot_speak_english_well_or_at_all",
                 "econact_pct_economically_inactive", "cob_pct_born_outside_uk",
                 "qual_pct_level4_plus", "migrant_pct_migrant_from_outside_uk_1yr"],
        commit=True,
        spec=_spec(indicators.COUNCIL_CENSUS, N_("Census 2021 council percentages"),
                   council, "2021-03-21",
                   f"{census}, TS029, TS066, TS004, TS067, TS019"))
    importing.import_values(
        path=d / "census2021_council_migration_counts.csv", code_col="lad22_code",
        columns=["all_usual_residents", "migrant_from_outside_uk"], commit=True,
        spec=_spec(indicators.COUNCIL_MIGRATION, N_("Migration in the year before the census"),
                   council, "2021-03-21", f"{census}, TS019 (sum of MSOAs)"))
    iod = "https://www.gov.uk/government/statistics/english-indices-of-deprivation-2019"
    importing.import_values(
        path=d / "imd2019_england_lad22.csv", code_col="lad22_code", columns=["Score"],
        commit=True,
        spec=_spec(indicators.IMD_ENGLAND, N_("Index of Multiple Deprivation 2019, "
                      "average score"), council, "2019", "MHCLG, IoD2019", iod))
    wimd = "https://www.gov.wales/welsh-index-multiple-deprivation"
    importing.import_values(
        path=d / "wimd2019_wales_lad22.csv", code_col="lad22_code", columns=["Score"],
        commit=True,
        spec=_spec(indicators.WIMD_WALES, N_("Welsh Index of Multiple Deprivation "
                      "2019, average score"), council, "2019", "Welsh Government",
                   wimd))
    importing.import_categories(
        path=d / "ruc2021_lsoa21.csv.gz", code_col="lsoa21_code", column="ruc21_code",
        commit=True,
        spec=_spec(indicators.RURAL_URBAN_LSOA, N_("Rural-Urban Classification 2021"),
                   AreaLevel.LSOA, "2021", "ONS, RUC2021"))
    importing.import_values(
        path=d / "place_survey_2008_ni1.csv", code_col="gss_code", columns=["get_on_well"],
        commit=True,
        spec=_spec(indicators.PLACE_SURVEY, N_("Place Survey 2008/09: NI1"),
                   council, "2008/09", "Communities and Local Government",
                   "https://data.gov.uk/", {"get_on_well": "NI1"}))
    importing.import_geographic_neighbours(path=d / "lad21_geographic_neighbours.json",
                                           commit=True)
    importing.import_counts(
        path=d / "census2021_ethnicity_ward24.csv.gz", code_col="ward24_code",
        groups=list(ETHNIC_LABELS), total_col="total", commit=True,
        spec=_spec(indicators.ETHNICITY_WARD, N_("Ethnic group (5 groups) by ward, sum of its "
                      "best-fit LSOAs"), AreaLevel.WARD, "2021-03-21",
                   N_("ONS Census 2021, TS021; wards of May 2024 (ONS best-fit LSOA lookup)"),
                   labels=ETHNIC_LABELS))
    _age_sex(d)
    if not _has_trafford():
        return
    importing.import_tidy(
        path=d / "trafford_ethnic_group_oa21.csv.gz", category_col="ethnic_group", commit=True,
        spec=_spec(indicators.ETHNICITY_OA, N_("Ethnic group (19 groups) by output area, Trafford"),
                   AreaLevel.OA, "2021-03-21", "ONS Census 2021, TS021, via Trafford Data Lab",
                   "https://github.com/traffordDataLab/open_data"))


AGE_SEX_SOURCE = N_("ONS Census 2021, TS009 (sex by single year of age, summed to bands)")
AGE_SOURCE = N_("ONS Census 2021, age (6 categories) and TS008 (sex)")
WARD_AGE_SOURCE = N_("ONS Census 2021, age (6 categories) and TS008 (sex); wards of May 2024 "
                     "(ONS best-fit LSOA lookup)")


def _age_sex(d: Path) -> None:
    """Age by sex for councils; age and sex (separate tables) for LSOAs and wards.

    Loaded with the census check that age bands (and sexes) add up to their table's
    total exactly (counts are whole numbers in every import).
    """
    importing.import_counts(
        path=d / "census2021_age_sex_council.csv.gz", code_col="lad21_code",
        groups=list(population.CROSSED_COLUMNS), total_col="total", exact_total=True,
        commit=True,
        spec=_spec(population.AGE_SEX_COUNCIL, N_("Age by sex, by council"),
                   AreaLevel.COUNCIL, "2021-03-21", AGE_SEX_SOURCE,
                   labels=population.CROSSED_COLUMN_LABELS))
    for level, file, code_col, source, (age_slug, sex_slug), (age_title, sex_title) in (
            (AreaLevel.LSOA, "census2021_age_sex_lsoa21.csv.gz", "lsoa21_code", AGE_SOURCE,
             population.BY_LEVEL[AreaLevel.LSOA],
             (N_("Age (6 bands) by LSOA"), N_("Sex by LSOA"))),
            (AreaLevel.WARD, "census2021_age_sex_ward24.csv.gz", "ward24_code",
             WARD_AGE_SOURCE, population.BY_LEVEL[AreaLevel.WARD],
             (N_("Age (6 bands) by ward, sum of its best-fit LSOAs"),
              N_("Sex by ward, sum of its best-fit LSOAs")))):
        importing.import_counts(
            path=d / file, code_col=code_col, groups=list(population.AGE_COLUMNS),
            total_col="total_age_table", exact_total=True, commit=True,
            spec=_spec(age_slug, age_title, level, "2021-03-21", source,
                       labels=population.AGE_COLUMN_LABELS))
        importing.import_counts(
            path=d / file, code_col=code_col, groups=list(population.SEX_COLUMNS),
            total_col="total_sex_table", exact_total=True, commit=True,
            spec=_spec(sex_slug, sex_title, level, "2021-03-21", source,
                       labels=dict(population.SEX_LABELS)))


def loaded() -> bool:
    # The ward age and sex tables came last: a database loaded before them gets them
    # (and everything else again, replaced in place) on its next start.
    return Dataset.objects.filter(slug=population.SEX_WARD).exists()


def load(stdout: Any, directory: Path = DEMO) -> list[str]:
    if loaded():
        return []
    started = time.monotonic()
    with transaction.atomic():
        _geography(directory)
        _datasets(directory)
        derived.refresh_council_indicators()
    stdout.write(f"Areas: loaded every council of England and Wales with its wards and "
                 f"LSOAs, and Trafford's output areas, in {time.monotonic() - started:.0f} s.")
    return [f"Area profiles: {settings.SITE_URL}/areas/ (Trafford: /areas/{TRAFFORD}/)"]
