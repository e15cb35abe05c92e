"""The council indicators the profile shows: what each is, where it comes from, which way is good.

The source datasets are named by slug; :mod:`commonground.places.derived` turns them
into one row of indicators per council (the ``council-indicators`` dataset), so a
profile page reads one small table instead of recomputing from 35,672 LSOAs.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_  # noqa: N812 - marked, kept English

# Source datasets (loaded by the demo or by the import commands under these names).
ETHNICITY_LSOA = "census2021-ethnicity-lsoa"
ETHNICITY_OA = "census2021-ethnicity-19-oa"
ETHNICITY_WARD = "census2021-ethnicity-ward"
COUNCIL_CENSUS = "census2021-council-indicators"
COUNCIL_MIGRATION = "census2021-council-migration"
IMD_ENGLAND = "imd2019-council"
WIMD_WALES = "wimd2019-council"
RURAL_URBAN_LSOA = "ruc2021-lsoa"
PLACE_SURVEY = "place-survey-2008"
GEOGRAPHIC_NEIGHBOURS = "lad21-geographic-neighbours"
# Computed here.
DERIVED = "council-indicators"
DERIVED_COMPOSITION = "council-ethnicity"

AGE_SEX_COUNCIL = "census2021-age-sex-council"  # = population.AGE_SEX_COUNCIL

SOURCES = (ETHNICITY_LSOA, COUNCIL_CENSUS, COUNCIL_MIGRATION, IMD_ENGLAND, WIMD_WALES,
           RURAL_URBAN_LSOA, PLACE_SURVEY, AGE_SEX_COUNCIL)


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str
    unit: str  # "people", "%", "index", "per 10,000", "score"
    higher_is_better: bool | None  # None: neither direction is "good"
    source: str
    description: str
    digits: int = 1

    def format(self, value: float | None) -> str:
        if value is None:
            return _("Not known")
        if self.unit == "people":
            return f"{value:,.0f}"
        if self.unit == "%":
            return f"{value:.{self.digits}f}%"
        return f"{value:.{self.digits}f}"


# Labels, descriptions and sources stay English here (the API and downloads send them as
# they are); pages translate them from the places catalogue, where N_ marks them.
CENSUS = N_("Census 2021 (ONS)")
INDICATORS: tuple[Indicator, ...] = (
    Indicator("population", N_("Population"), "people", None, CENSUS,
              N_("All usual residents (sum of the council's LSOAs).")),
    Indicator("diversity", N_("Ethnic diversity"), "index", None, CENSUS,
              N_("Chance that two residents picked at random are of different ethnic groups "
              "(Simpson's interaction, 5 groups), 0 to 1."), 3),
    Indicator("segregation_d", N_("Residential segregation (index of dissimilarity)"), "index",
              False, CENSUS,
              N_("Share of residents who would have to move LSOA for every LSOA to have the "
              "council's ethnic mix (multigroup D over 5 groups), 0 to 1."), 3),
    Indicator("minority_d", N_("Dissimilarity, ethnic minority and White residents"), "index",
              False, CENSUS, N_("Two-group index of dissimilarity across the LSOAs, 0 to 1."), 3),
    Indicator("isolation", N_("Isolation of ethnic minority residents"), "index", False, CENSUS,
              N_("Share of ethnic minority residents in the LSOA of the average ethnic minority "
              "resident (xPx), 0 to 1."), 3),
    Indicator("english_proficiency", N_("Cannot speak English well or at all"), "%", False,
              CENSUS, N_("Share of residents aged 3 and over (TS029).")),
    Indicator("economic_inactivity", N_("Economically inactive"), "%", False, CENSUS,
              N_("Share of residents aged 16 and over, including retired people and students "
              "(TS066).")),
    Indicator("migration", N_("Arrived from outside the UK in the past year"), "per 10,000",
              None, CENSUS, N_("Residents whose address a year before Census day was outside "
              "the UK, per 10,000 residents aged 1 and over (TS019).")),
    Indicator("born_outside_uk", N_("Born outside the UK"), "%", None, CENSUS,
              N_("Share of all residents (TS004).")),
    Indicator("level4_plus", N_("Level 4 qualifications or above"), "%", True, CENSUS,
              N_("Share of residents aged 16 and over with a degree or equivalent (TS067).")),
    Indicator("rural", N_("Living in rural areas"), "%", None,
              N_("Rural-Urban Classification 2021 (ONS) with Census 2021 populations"),
              N_("Share of residents in LSOAs classed as rural (larger or smaller rural "
              "settlements).")),
    Indicator("deprivation", N_("Deprivation (IMD 2019 average score, England)"), "score", False,
              N_("English Indices of Deprivation 2019 (MHCLG)"),
              N_("Population-weighted average of the LSOA scores; higher is more deprived. "
              "Not comparable with the Welsh index.")),
    Indicator("deprivation_wales", N_("Deprivation (WIMD 2019 average score, Wales)"), "score",
              False, N_("Welsh Index of Multiple Deprivation 2019 (Welsh Government)"),
              N_("Average of the LSOA scores; higher is more deprived.")),
    Indicator("aged_65_plus", N_("Aged 65 and over"), "%", None, CENSUS,
              N_("Share of all residents aged 65 and over (TS009, sex by single year of age).")),
    Indicator("aged_under_16", N_("Aged 15 and under"), "%", None, CENSUS,
              N_("Share of all residents aged 15 and under (TS009, sex by single year of "
              "age).")),
    Indicator("get_on_well", N_("People from different backgrounds get on well together (NI1)"),
              "%", True, N_("Place Survey 2008/09 (CLG)"),
              N_("Share of respondents who agreed, in 2008/09, for the authority of that time "
              "with the same name and area.")),
)
BY_KEY = {i.key: i for i in INDICATORS}
KEYS = tuple(i.key for i in INDICATORS)

# The LGA's four indicators first, then the rest the profile shows.
LGA_FOUR = ("english_proficiency", "economic_inactivity", "segregation_d", "migration")
# Defaults for nearest neighbours (issue 3): population, diversity, D, English
# proficiency, economic inactivity, deprivation, rurality, born outside the UK, Level 4+.
NEIGHBOUR_KEYS = ("population", "diversity", "segregation_d", "english_proficiency",
                  "economic_inactivity", "deprivation", "rural", "born_outside_uk",
                  "level4_plus")
MAP_KEYS = tuple(k for k in KEYS if k != "deprivation_wales")
