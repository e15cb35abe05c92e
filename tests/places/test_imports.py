"""Import commands on the real open-data files and on small broken files.

Every import is a dry run unless --commit, all or nothing, and names the file, line and
field of every fault.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from commonground.places.models import Area, AreaValues, Dataset
from tests.places.conftest import DEMO, shared_data

pytestmark = pytest.mark.django_db
#: The national LSOA file as shipped (ONS TS021, 5 groups; only columns selected).
LSOA_FILE = DEMO / "census2021_ethnicity_lsoa21.csv.gz"
GROUPS = "--groups=asian,black,mixed,white,other"
DATASET = ["--dataset=ethnicity", "--title=Ethnicity", "--level=lsoa"]


@pytest.fixture
def shared() -> Path:
    """The full open-data folder, for the one check whose input is not shipped."""
    path = shared_data()
    if not path.is_dir():
        pytest.skip(f"shared data not found at {path}")
    return path


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def refused(*args: str) -> list[str]:
    err = StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command(*args, stdout=StringIO(), stderr=err)
    return err.getvalue().splitlines()


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_the_national_lsoa_file_imports_only_with_commit() -> None:
    path = str(LSOA_FILE)
    Area.objects.create(code="E92000001", name="England", level="country")
    run("import_areas", str(DEMO / "councils.csv"), "--level=council",
        "--code-col=council_code", "--name-col=council_name", "--parent=E92000001", "--commit")
    out, _ = run("import_areas", path, "--level=lsoa", "--code-col=lsoa21_code",
                 "--name-col=lsoa21_name", "--parent-col=lad22_code")
    assert "Dry run: would import 35,672 row(s)" in out and "35,672 new" in out
    assert Area.objects.filter(level="lsoa").count() == 0
    run("import_areas", path, "--level=lsoa", "--code-col=lsoa21_code",
        "--name-col=lsoa21_name", "--parent-col=lad22_code", "--commit")
    assert Area.objects.filter(level="lsoa").count() == 35_672
    assert Area.objects.filter(level="council").count() == 331

    out, _ = run("import_counts", path, *DATASET, "--code-col=lsoa21_code", GROUPS,
                 "--total-col=total")
    assert "would import 35,672" in out and not Dataset.objects.exists()
    out, _ = run("import_counts", path, *DATASET, "--code-col=lsoa21_code", GROUPS,
                 "--total-col=total", "--commit")
    row = AreaValues.objects.get(dataset__slug="ethnicity", area__code="E01000001")
    # City of London 001A: 158 Asian, 11 Black, 56 Mixed, 1,181 White, 68 Other; 1,474 in all.
    assert row.values == [158, 11, 56, 1181, 68] and row.total == 1474
    assert AreaValues.objects.filter(dataset__slug="ethnicity").count() == 35_672


def test_the_published_uk_ward_file_is_refused_for_its_repeated_ward(shared: Path) -> None:
    trafford = Area.objects.create(code="E08000009", name="Trafford", level="council")
    uk_wards = str(shared / "boundaries/wards22_uk_bsc.geojson")
    # The published UK file repeats one ward (Dec 2022): the import refuses it, saying where.
    assert refused("import_boundaries", uk_wards, "--level=ward", "--code-prop=ward22_code",
                   "--name-prop=ward22_name", "--create", f"--parent={trafford.code}",
                   "--commit") == [
        "wards22_uk_bsc.geojson, field 'features[6794].properties.ward22_code': area "
        "'E05014284' repeats features[6793]"]
    assert not Area.objects.filter(level="ward").exists()


def test_trafford_long_files_and_boundaries_import(tmp_path: Path) -> None:
    trafford = Area.objects.create(code="E08000009", name="Trafford", level="council")
    # Trafford's 21 wards of the shipped shapes, named from the shipped ward list.
    names = {row[0]: row[1] for row in csv.reader(io.StringIO(gzip.decompress(
        (DEMO / "wards24.csv.gz").read_bytes()).decode())) if row[2] == trafford.code}
    shapes = json.loads(gzip.decompress((DEMO / "wards24_ew.geojson.gz").read_bytes()))
    shapes["features"] = [{**f, "properties": {**f["properties"],
                                               "name": names[f["properties"]["ward24_code"]]}}
                          for f in shapes["features"] if f["properties"]["ward24_code"] in names]
    wards = tmp_path / "trafford_wards.geojson.gz"
    wards.write_bytes(gzip.compress(json.dumps(shapes).encode()))
    run("import_boundaries", str(wards), "--level=ward", "--code-prop=ward24_code",
        "--name-prop=name", "--create", f"--parent={trafford.code}", "--commit")
    assert Area.objects.filter(level="ward", parent=trafford, council=trafford).count() == 21
    altrincham = Area.objects.get(code="E05015239")
    assert altrincham.name == "Altrincham" and altrincham.boundary["type"] == "MultiPolygon"
    assert altrincham.min_lon < -2.35 < altrincham.max_lon and altrincham.min_lat > 53.37
    oas = str(DEMO / "trafford_ethnic_group_oa21.csv.gz")
    run("import_areas", oas, "--level=oa", "--code-col=area_code", "--name-col=area_name",
        f"--parent={trafford.code}", "--commit")
    out, _ = run("import_tidy", oas, "--dataset=eth19-oa", "--title=Ethnic group",
                 "--level=oa", "--commit")
    assert "Imported 738 row(s)" in out
    dataset = Dataset.objects.get(slug="eth19-oa")
    assert len(dataset.columns) == 19
    row = AreaValues.objects.get(dataset=dataset, area__code="E00030771")
    assert row.values[dataset.labels.index(
        "Asian, Asian British or Asian Welsh: Chinese")] == 7
    assert sum(v.total for v in AreaValues.objects.filter(dataset=dataset)) == 235_068


def test_lsoa_boundaries_from_gzip_skip_areas_not_loaded() -> None:
    Area.objects.create(code="E01006074", name="Trafford 025A", level="lsoa")
    out, _ = run("import_boundaries", str(DEMO / "lsoa21_ew_simplified.geojson.gz"),
                 "--level=lsoa", "--code-prop=lsoa21_code", "--skip-unknown", "--commit")
    assert "Imported 1 row(s)" in out and "35,671 feature(s) for areas not loaded" in out
    assert Area.objects.get(code="E01006074").boundary is not None


def test_a_broken_counts_file_names_every_fault_and_imports_nothing(tmp_path: Path) -> None:
    for code in ("E01000001", "E01000002", "E01000003"):
        Area.objects.create(code=code, name=code, level="lsoa")
    path = write(tmp_path, "counts.csv",
                 "code,total,asian,black,mixed,white,other\n"
                 "E01000001,100,10,10,10,60,10\n"
                 "E01999999,100,10,10,10,60,10\n"
                 "E01000002,100,10,-5,10,60,10\n"
                 "E01000003,50,10,10,10,60,10\n"
                 "E01000001,100,10,10,10,60,10\n")
    problems = refused("import_counts", path, *DATASET, "--code-col=code", GROUPS,
                       "--total-col=total", "--commit")
    assert problems == [
        "counts.csv, line 3, field 'code': unknown area code 'E01999999': no lsoa with this "
        "code has been loaded",
        "counts.csv, line 4, field 'black': '-5' is negative; counts cannot be below 0",
        "counts.csv, line 5, field 'total': the groups add up to 100, more than the total 50",
        "counts.csv, line 6, field 'code': area 'E01000001' repeats line 2",
    ]
    assert not Dataset.objects.exists() and not AreaValues.objects.exists()


def test_a_wrong_header_says_what_was_found(tmp_path: Path) -> None:
    path = write(tmp_path, "header.csv", "lsoa,asian,black\nE01000001,1,2\n")
    assert refused("import_counts", path, *DATASET, "--code-col=code", "--groups=asian,black",
                   "--commit") == [
        "header.csv, line 1: missing column(s) 'code'; the header has: 'lsoa', 'asian', 'black'"]


def test_a_broken_long_file_is_refused_whole(tmp_path: Path) -> None:
    Area.objects.create(code="E05000819", name="Altrincham", level="ward")
    Area.objects.create(code="E05000820", name="Ashton upon Mersey", level="ward")
    path = write(tmp_path, "long.csv",
                 "area_code,area_name,ethnic_group,value\n"
                 "E05000819,Altrincham,A,5\n"
                 "E05000819,Altrincham,B,7\n"
                 "E05000820,Ashton,A,x\n"
                 "E05000820,Ashton,A,3\n"
                 "E05000899,Nowhere,A,3\n")
    assert refused("import_tidy", path, "--dataset=long", "--title=Long", "--level=ward",
                   "--commit") == [
        "long.csv, line 4, field 'ethnic_group': area 'E05000820' has no row for 'B'",
        "long.csv, line 4, field 'value': 'x' is not a number",
        "long.csv, line 5, field 'ethnic_group': area 'E05000820' already has 'A' on line 4",
        "long.csv, line 6, field 'area_code': unknown area code 'E05000899': no ward with "
        "this code has been loaded",
    ]
    assert not Dataset.objects.exists()


def test_a_lookup_sets_parents_and_rejects_unknown_codes(tmp_path: Path) -> None:
    council = Area.objects.create(code="E08000009", name="Trafford", level="council")
    lsoa = Area.objects.create(code="E01006109", name="Trafford 001A", level="lsoa")
    good = write(tmp_path, "lookup.csv", "lsoa,lad\nE01006109,E08000009\nE01006109,E08000009\n")
    out, _ = run("import_lookup", good, "--child-col=lsoa", "--parent-col=lad", "--commit")
    assert "Imported 1 row(s)" in out
    lsoa.refresh_from_db()
    assert lsoa.parent == council
    bad = write(tmp_path, "bad.csv", "lsoa,lad\nE01006109,E08000003\n")
    assert refused("import_lookup", bad, "--child-col=lsoa", "--parent-col=lad") == [
        "bad.csv, line 2, field 'lad': unknown area code 'E08000003'"]


def test_areas_with_an_unknown_parent_are_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "areas.csv", "code,name,parent\nE08000009,Trafford,E12000099\n")
    assert refused("import_areas", path, "--level=council", "--code-col=code",
                   "--name-col=name", "--parent-col=parent", "--commit") == [
        "areas.csv, line 2, field 'parent': unknown parent area code 'E12000099'"]
    assert not Area.objects.exists()
