"""Census 2021 age and sex: the bands, the columns of the datasets that hold them, and labels.

Three kinds of table, as ONS publishes them (docs/data-sources.md):

- councils: age band crossed by sex (TS009, single years summed to the residents' survey
  bands), one dataset whose twelve columns are ``female_0_15`` ... ``male_65_plus``;
- LSOAs and wards: age in six bands (all persons) and sex (all ages) as two separate
  tables, not crossed, so two datasets per level. A ward's figures are the sums of its
  best-fit LSOAs.

The datasets store counts in the places tables like any other; :func:`commonground.places.
selectors.population_margins` reads them for other apps and this module's
:func:`age_structure` arranges them for pages.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_noop as N_  # noqa: N812 - marked, kept English

from commonground.places import indicators
from commonground.places.models import AreaLevel

# Dataset slugs (the demo loads them; `commonground import_counts --dataset` takes them).
AGE_SEX_COUNCIL = indicators.AGE_SEX_COUNCIL  # a source of the council indicators
AGE_WARD = "census2021-age-ward"
SEX_WARD = "census2021-sex-ward"
AGE_LSOA = "census2021-age-lsoa"
SEX_LSOA = "census2021-sex-lsoa"
SLUGS = (AGE_SEX_COUNCIL, AGE_WARD, SEX_WARD, AGE_LSOA, SEX_LSOA)
# level -> (age dataset, sex dataset); councils hold both in one crossed table.
BY_LEVEL: dict[str, tuple[str, str]] = {AreaLevel.COUNCIL: (AGE_SEX_COUNCIL, AGE_SEX_COUNCIL),
            AreaLevel.WARD: (AGE_WARD, SEX_WARD),
            AreaLevel.LSOA: (AGE_LSOA, SEX_LSOA)}

# The residents' survey bands (the brief of issue 9): 16+ in five, and the under-16s.
UNDER_16 = "0-15"
ADULT_BANDS = ("16-24", "25-34", "35-49", "50-64", "65+")
BANDS = (UNDER_16, *ADULT_BANDS)
SEXES = ("female", "male")
# Inclusive (first, last) single year of each band; 90 is "90 and over" in TS009.
BAND_YEARS = {"0-15": (0, 15), "16-24": (16, 24), "25-34": (25, 34), "35-49": (35, 49),
              "50-64": (50, 64), "65+": (65, 90)}


def band_key(band: str) -> str:
    """The column key of a band: ``0_15``, ``65_plus``."""
    return band.replace("-", "_").replace("+", "_plus")


AGE_COLUMNS = tuple(f"age_{band_key(b)}" for b in BANDS)
SEX_COLUMNS = SEXES
CROSSED_COLUMNS = tuple(f"{sex}_{band_key(b)}" for sex in SEXES for b in BANDS)

# Labels stay English in the database (the API sends them); pages translate them.
BAND_LABELS = {"0-15": N_("Aged 15 and under"), "16-24": N_("Aged 16 to 24"),
               "25-34": N_("Aged 25 to 34"), "35-49": N_("Aged 35 to 49"),
               "50-64": N_("Aged 50 to 64"), "65+": N_("Aged 65 and over")}
SEX_LABELS = {"female": N_("Female"), "male": N_("Male")}
_CROSSED_LABELS = {
    ("female", "0-15"): N_("Female, aged 15 and under"),
    ("female", "16-24"): N_("Female, aged 16 to 24"),
    ("female", "25-34"): N_("Female, aged 25 to 34"),
    ("female", "35-49"): N_("Female, aged 35 to 49"),
    ("female", "50-64"): N_("Female, aged 50 to 64"),
    ("female", "65+"): N_("Female, aged 65 and over"),
    ("male", "0-15"): N_("Male, aged 15 and under"),
    ("male", "16-24"): N_("Male, aged 16 to 24"),
    ("male", "25-34"): N_("Male, aged 25 to 34"),
    ("male", "35-49"): N_("Male, aged 35 to 49"),
    ("male", "50-64"): N_("Male, aged 50 to 64"),
    ("male", "65+"): N_("Male, aged 65 and over"),
}
AGE_COLUMN_LABELS = {f"age_{band_key(b)}": BAND_LABELS[b] for b in BANDS}
CROSSED_COLUMN_LABELS = {f"{sex}_{band_key(b)}": _CROSSED_LABELS[sex, b]
                         for sex in SEXES for b in BANDS}


@dataclass(frozen=True)
class BandRow:
    """One age band of an area's age structure, for a chart and its table."""

    band: str
    label: str
    persons: int
    female: int | None  # None where the census gives age and sex separately (wards, LSOAs)
    male: int | None
    share: float  # per cent of all residents (all ages)


@dataclass(frozen=True)
class AgeStructure:
    """An area's residents by age band (and by sex, crossed at council level)."""

    level: str
    bands: list[BandRow]
    total: int  # all residents, all ages, of the age table
    female: int  # of the sex table (all ages)
    male: int
    crossed: bool
    source: str
    period: str

    @property
    def female_share(self) -> float:
        return 100.0 * self.female / (self.female + self.male) if self.female + self.male else 0.0

    @property
    def male_share(self) -> float:
        return 100.0 * self.male / (self.female + self.male) if self.female + self.male else 0.0

    def share_of(self, band: str) -> float:
        return next(row.share for row in self.bands if row.band == band)
