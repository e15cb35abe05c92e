"""Census 2021 age and sex in places: the margins other apps weight surveys to.

Golden values were read from the raw ONS files in ../shared/data (TS009's single years
summed by band for councils; the age (6 categories) and TS008 tables summed over a
ward's best-fit LSOAs); ``test_golden_values_are_those_of_the_raw_files`` recomputes
them from those files when the folder is there.
"""

from __future__ import annotations

import csv
import gzip
import io
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from commonground.analytics.problems import InputFileError
from commonground.places import importing, population, selectors
from commonground.places.models import Area, AreaValues
from tests.places.conftest import CARDIFF, TRAFFORD, shared_data

pytestmark = pytest.mark.django_db
ALTRINCHAM, CATHAYS = "E05015239", "W05001274"

# (age band, sex) -> residents, from TS009 (sex by single year of age).
TRAFFORD_BY_SEX = {
    ("0-15", "female"): 23863, ("0-15", "male"): 25033,
    ("16-24", "female"): 10122, ("16-24", "male"): 10624,
    ("25-34", "female"): 14257, ("25-34", "male"): 13210,
    ("35-49", "female"): 26567, ("35-49", "male"): 24644,
    ("50-64", "female"): 23073, ("50-64", "male"): 22363,
    ("65+", "female"): 22762, ("65+", "male"): 18530,
}
CARDIFF_BY_SEX = {
    ("0-15", "female"): 32331, ("0-15", "male"): 33664,
    ("16-24", "female"): 31353, ("16-24", "male"): 29054,
    ("25-34", "female"): 28365, ("25-34", "male"): 27939,
    ("35-49", "female"): 34117, ("35-49", "male"): 33293,
    ("50-64", "female"): 30560, ("50-64", "male"): 29137,
    ("65+", "female"): 28736, ("65+", "male"): 23763,
}
# Ward: age (6 categories) and sex (TS008, all ages), sums of best-fit LSOAs.
WARDS = {
    ALTRINCHAM: {"0-15": 2039, "16-24": 747, "25-34": 1608, "35-49": 2468, "50-64": 1822,
                 "65+": 1823, "female": 5330, "male": 5179},
    CATHAYS: {"0-15": 927, "16-24": 14786, "25-34": 3133, "35-49": 1428, "50-64": 811,
              "65+": 736, "female": 11456, "male": 10364},
}
ETHNIC = {ALTRINCHAM: {"asian": 1286, "black": 108, "mixed": 399, "white": 8469, "other": 251}}


def check_council(margins: selectors.PopulationMargins | None, code: str,
                   by_sex: dict[tuple[str, str], int]) -> None:
    assert margins is not None
    assert (margins.area_code, margins.level, margins.sex_ages) == (code, "council", "16+")
    adult = {k: v for k, v in by_sex.items() if k[0] != "0-15"}
    assert margins.age_band_by_sex == adult
    assert list(margins.age_band) == ["16-24", "25-34", "35-49", "50-64", "65+"]
    assert margins.age_band == {b: by_sex[b, "female"] + by_sex[b, "male"]
                                for b in population.ADULT_BANDS}
    assert margins.sex == {s: sum(v for (b, sx), v in adult.items() if sx == s)
                           for s in ("female", "male")}
    assert margins.under_16 == by_sex["0-15", "female"] + by_sex["0-15", "male"]
    assert margins.residents_16_plus == sum(adult.values())
    assert margins.period == "2021-03-21"
    assert "TS009" in margins.source


def test_trafford_margins_are_age_band_by_sex_over_residents_16_plus(
        demo_data: Path, django_assert_num_queries: Any) -> None:
    area = Area.objects.get(code=TRAFFORD)
    with django_assert_num_queries(1):
        margins = selectors.population_margins(area)
    check_council(margins, TRAFFORD, TRAFFORD_BY_SEX)
    assert margins is not None
    assert margins.residents_16_plus == 186152
    # Ethnic group is the sum of the council's LSOAs (TS021), over all ages.
    assert margins.ethnic_group_ages == "all ages"
    assert margins.ethnic_group is not None
    assert list(margins.ethnic_group) == ["asian", "black", "mixed", "white", "other"]
    # TS021 (summed over LSOAs) is 61 below TS009's 235,048: tables are perturbed apart.
    assert margins.under_16 + margins.residents_16_plus == 235_048
    assert sum(margins.ethnic_group.values()) == 234_987
    assert "TS021" in margins.source


def test_a_ward_has_age_and_sex_as_separate_margins_over_their_own_ages(
        demo_data: Path, django_assert_num_queries: Any) -> None:
    ward = Area.objects.get(code=ALTRINCHAM)
    with django_assert_num_queries(1):
        margins = selectors.population_margins(ward)
    assert margins is not None
    expected = WARDS[ALTRINCHAM]
    assert margins.level == "ward"
    assert margins.age_band == {b: expected[b] for b in population.ADULT_BANDS}
    assert margins.under_16 == expected["0-15"]
    assert margins.sex == {"female": expected["female"], "male": expected["male"]}
    assert margins.sex_ages == "all ages"
    assert margins.age_band_by_sex is None
    assert margins.ethnic_group == ETHNIC[ALTRINCHAM]
    assert "TS008" in margins.source and "TS021" in margins.source


def test_no_margins_where_there_is_no_data(demo_data: Path) -> None:
    region = Area.objects.filter(level="region").first()
    assert region is not None
    assert selectors.population_margins(region) is None
    oa = Area.objects.filter(level="oa").first()
    assert oa is not None
    assert selectors.population_margins(oa) is None
    lone = Area.objects.create(code="E05999999", name="No data", level="ward",
                               council=Area.objects.get(code=TRAFFORD))
    assert selectors.population_margins(lone) is None


def _raw(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    text = gzip.decompress(raw).decode() if raw[:2] == b"\x1f\x8b" else raw.decode()
    return list(csv.DictReader(io.StringIO(text)))


def test_golden_values_are_those_of_the_raw_files() -> None:
    folder = shared_data()
    single = (folder / "census2021_age_sex_lad"
              / "census2021_ts009_sex_single_year_age_lad21_long.csv")
    if not single.exists():
        pytest.skip(f"the shared data folder {folder} is not here")
    sums: dict[tuple[str, str, str], int] = {}
    for row in _raw(single):
        if row["lad21_code"] in (TRAFFORD, CARDIFF):
            age = int(row["age"])
            band = next(b for b, (lo, hi) in population.BAND_YEARS.items() if lo <= age <= hi)
            key = (row["lad21_code"], band, row["sex"])
            sums[key] = sums.get(key, 0) + int(row["count"])
    assert {(b, s): v for (c, b, s), v in sums.items() if c == TRAFFORD} == TRAFFORD_BY_SEX
    assert {(b, s): v for (c, b, s), v in sums.items() if c == CARDIFF} == CARDIFF_BY_SEX
    lsoas = _raw(folder / "census2021_age_sex_lsoa" / "census2021_age6_sex_lsoa21.csv.gz")
    for ward, expected in WARDS.items():
        mine = [r for r in lsoas if r["ward24_code"] == ward]
        got = {b: sum(int(r[f"age_{population.band_key(b)}"]) for r in mine)
               for b in population.BANDS}
        got |= {s: sum(int(r[s]) for r in mine) for s in ("female", "male")}
        assert got == expected


def _import_ages(path: Path, *extra: str) -> str:
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_counts", str(path), f"--dataset={population.AGE_WARD}",
                     "--title=Age", "--level=ward", "--code-col=ward24_code",
                     "--groups=age_0_15,age_16_24", "--total-col=total", *extra,
                     "--commit", stdout=io.StringIO(), stderr=err)
    return err.getvalue()


def test_the_census_checks_of_an_import_name_file_line_and_field(
        demo_data: Path, tmp_path: Path) -> None:
    before = AreaValues.objects.get(dataset__slug=population.AGE_WARD,
                                    area__code=ALTRINCHAM).values
    bad = tmp_path / "ages.csv"
    bad.write_text("ward24_code,total,age_0_15,age_16_24\n"
                   f"{ALTRINCHAM},100,40,50\n", encoding="utf-8")
    # Within the total passes the ordinary check; the census check wants it exact.
    problems = _import_ages(bad, "--exact-total")
    assert ("ages.csv, line 2, field 'total': the groups add up to 90, not the total 100"
            in problems)
    bad.write_text("ward24_code,total,age_0_15,age_16_24\n"
                   f"{ALTRINCHAM},10,-2,12\nE05999999,1,0,1\n", encoding="utf-8")
    problems = _import_ages(bad, "--exact-total")
    assert "line 2, field 'age_0_15': '-2' is negative" in problems
    assert "line 3, field 'ward24_code': unknown area code 'E05999999'" in problems
    assert AreaValues.objects.get(dataset__slug=population.AGE_WARD,
                                  area__code=ALTRINCHAM).values == before
    with pytest.raises(CommandError, match="needs --total-col"):
        call_command("import_counts", str(bad), f"--dataset={population.AGE_WARD}",
                     "--title=Age", "--level=ward", "--code-col=ward24_code",
                     "--groups=age_0_15,age_16_24", "--exact-total", stdout=io.StringIO())


def test_whole_numbers_are_checked_cell_by_cell(demo_data: Path, tmp_path: Path) -> None:
    path = tmp_path / "sex.csv"
    path.write_text(f"ward24_code,total,female,male\n{ALTRINCHAM},10,2.5,7.5\n",
                    encoding="utf-8")
    spec = importing.DatasetSpec(slug="sex-check", title="Sex", level="ward")
    with pytest.raises(InputFileError) as caught:
        importing.import_counts(path=path, spec=spec, code_col="ward24_code",
                                groups=["female", "male"], total_col="total",
                                exact_total=True, commit=True)
    found = [(p.file, p.line, p.field) for p in caught.value.problems]
    assert found == [("sex.csv", 2, "female"), ("sex.csv", 2, "male")]
    assert not importing.Dataset.objects.filter(slug="sex-check").exists()
    # A dry run of a good file says what it would do and writes nothing.
    path.write_text(f"ward24_code,total,female,male\n{ALTRINCHAM},10,3,7\n", encoding="utf-8")
    result = importing.import_counts(path=path, spec=spec, code_col="ward24_code",
                                     groups=["female", "male"], total_col="total",
                                     exact_total=True)
    assert (result.rows, result.committed) == (1, False)
    assert not importing.Dataset.objects.filter(slug="sex-check").exists()


def _page(client: Any, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return str(response.content.decode())


def test_the_council_profile_shows_age_by_sex_as_a_pyramid_and_a_table(
        demo_data: Path, client: Any) -> None:
    page = _page(client, f"/areas/{TRAFFORD}/")
    table = page[page.index('data-testid="age-structure"'):]
    table = table[:table.index("</table>")]
    # Aged 65 and over: 22,762 female, 18,530 male, 41,292 in all, of 235,048.
    assert "Aged 65 and over" in table
    for number in ("22,762", "18,530", "41,292", "235,048", "17.6%"):
        assert number in table
    assert "cg-pyramid" in page and 'aria-hidden="true"' in page
    assert "17.6% of residents are aged 65 and over and 20.8% are aged 15 and under." in page
    welsh = _page(client, f"/cy/areas/{TRAFFORD}/")
    assert "Oedran a rhyw" in welsh and "65 oed a throsodd" in welsh and "Benyw" in welsh


def test_a_ward_page_shows_age_and_sex_as_two_tables(demo_data: Path, client: Any) -> None:
    page = _page(client, f"/areas/{ALTRINCHAM}/")
    ages = page[page.index('data-testid="age-structure"'):]
    ages = ages[:ages.index("</table>")]
    for number in ("2,039", "747", "1,823", "17.3%"):  # 1,823 of 10,507 are 65+
        assert number in ages
    sexes = page[page.index('data-testid="sex"'):]
    assert "5,330" in sexes[:sexes.index("</table>")]
    assert "Female" not in ages  # not crossed at ward level
    assert "two separate tables" in page
    # The generic tables of the page stay the ethnic composition only.
    assert page.count("Ethnic diversity (chance two residents") == 1
    lsoa = Area.objects.filter(parent__code=ALTRINCHAM).first()
    assert lsoa is not None
    assert 'data-testid="age-structure"' in _page(client, f"/areas/{lsoa.code}/")
    assert "Oedran a rhyw" in _page(client, f"/cy/areas/{ALTRINCHAM}/")


def test_shares_of_older_and_younger_residents_are_council_indicators(
        demo_data: Path, client: Any) -> None:
    from commonground.places import indicators

    matrix = selectors.council_matrix()
    assert matrix is not None
    row = matrix.index[TRAFFORD]
    assert matrix.column("aged_65_plus")[row] == pytest.approx(100 * 41292 / 235048)
    assert matrix.column("aged_under_16")[row] == pytest.approx(100 * 48896 / 235048)
    assert indicators.AGE_SEX_COUNCIL in indicators.SOURCES  # an import recomputes them
    page = _page(client, f"/areas/compare/?c={TRAFFORD}&c=E08000003")
    assert "Aged 65 and over" in page and "17.6%" in page


def test_a_table_derived_before_the_age_indicators_reads_them_as_not_known(
        demo_data: Path) -> None:
    from commonground.core import stamped
    from commonground.places import indicators
    from commonground.places.models import Dataset

    derived = Dataset.objects.get(slug=indicators.DERIVED)
    keep = [i for i, c in enumerate(derived.columns) if not c["key"].startswith("aged_")]
    old_columns, rows = derived.columns, list(derived.rows.all())
    derived.columns = [old_columns[i] for i in keep]
    derived.save()
    for r in rows:
        AreaValues.objects.filter(pk=r.pk).update(values=[r.values[i] for i in keep])
    stamped.clear_all()
    matrix = selectors.council_matrix()
    assert matrix is not None
    row = matrix.index[TRAFFORD]
    assert np.isnan(matrix.column("aged_65_plus")[row])
    trafford = next(r for r in rows if r.area_id == Area.objects.get(code=TRAFFORD).pk)
    level4 = [c["key"] for c in old_columns].index("level4_plus")
    assert matrix.column("level4_plus")[row] == pytest.approx(trafford.values[level4])
    derived.columns = old_columns
    derived.save()
    for r in rows:
        AreaValues.objects.filter(pk=r.pk).update(values=r.values)
    stamped.clear_all()
