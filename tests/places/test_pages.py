"""The areas pages, downloads and API as a visitor sees them, on the North West slice."""

from __future__ import annotations

import csv
import gzip
import io
import math
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client

from commonground.places import profile
from commonground.places.access import get_council_area
from commonground.places.models import Area, Dataset

pytestmark = pytest.mark.django_db
TRAFFORD = "E08000009"


def html(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_the_index_finds_councils_by_name(demo_data: Path, client: Client) -> None:
    page = html(client, "/areas/?q=traff")
    assert 'href="/areas/E08000009/"' in page and "Manchester" not in page
    assert "39" in html(client, "/areas/")  # every council of the slice is listed


def test_the_index_of_councils_is_kept_for_visitors_while_the_data_holds(
        demo_data: Path, client: Client, django_assert_num_queries: Any) -> None:
    first = html(client, "/areas/")
    with django_assert_num_queries(1):  # the data version; the councils are not read
        assert html(client, "/areas/") == first
    Area.objects.create(code="E06999999", name="Newtown", level="council")
    assert "Newtown" not in html(client, "/areas/")  # the data version has not moved
    dataset = Dataset.objects.filter(organisation=None).first()
    assert dataset is not None
    dataset.save()  # as an import does: the data version moves
    assert 'href="/areas/E06999999/">Newtown</a>' in html(client, "/areas/")


def test_trafford_profile_shows_family_group_and_why(demo_data: Path, client: Client) -> None:
    page = html(client, f"/areas/{TRAFFORD}/")
    assert "Group 7: Changing but affluent urban areas" in page
    assert "80.6% of residents" in page  # Table 1 average of group 7
    for reason in ("Affluence (Level 4+ qualifications)", "43.0%", "Rurality", "New migration",
                   "Past industrial decline"):
        assert reason in page
    assert "The LGA’s four indicators" in page and "Cannot speak English well" in page
    assert "People from different backgrounds get on well together (NI1)" in page
    assert "83.5%" in page  # Trafford's NI1 in the 2008/09 Place Survey


def test_trafford_has_15_neighbours_with_reasons(demo_data: Path) -> None:
    found = profile.council_profile(get_council_area(TRAFFORD))
    assert len(found.neighbours) == 15
    distances = [n.distance for n in found.neighbours]
    assert distances == sorted(distances) and TRAFFORD not in [n.code for n in found.neighbours]
    for n in found.neighbours:
        assert math.isclose(sum(share for _label, share in n.shares), 100.0)
    benchmark = found.values["level4_plus"].benchmark
    assert benchmark is not None and benchmark.of == 16 and 1 <= benchmark.rank <= 16


def test_the_profile_numbers_equal_the_cli_on_the_same_counts(demo_data: Path,
                                                              tmp_path: Path) -> None:
    out = tmp_path / "indicators.csv"
    # The CLI reads plain CSV: give it the same file the demo loaded, unzipped.
    plain = tmp_path / "lsoa.csv"
    plain.write_bytes(gzip.decompress((demo_data / "census2021_ethnicity_lsoa21.csv.gz")
                                      .read_bytes()))
    call_command("indicators", str(plain), "--region-col=lad22_code",
                 "--groups=asian,black,mixed,white,other", "--total-col=total",
                 f"--out={out}", stdout=io.StringIO())
    rows = {r["region"]: r for r in csv.DictReader(out.open())}
    values = profile.council_profile(get_council_area(TRAFFORD)).values
    assert float(rows[TRAFFORD]["multi_dissimilarity"]) == values["segregation_d"].value
    assert float(rows[TRAFFORD]["simpson_interaction"]) == values["diversity"].value
    assert float(rows[TRAFFORD]["population"]) == values["population"].value == 234_987


def test_ward_map_page_has_the_table_and_downloads(demo_data: Path, client: Client) -> None:
    page = html(client, f"/areas/{TRAFFORD}/map/?level=ward")
    assert 'data-module="cg-map"' in page and page.count('href="/areas/E050152') == 21
    response = client.get(f"/areas/{TRAFFORD}/map/areas.csv?level=ward")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 21 and response["Content-Type"].startswith("text/csv")
    altrincham = next(r for r in rows if r["code"] == "E05015239")
    assert altrincham["name"] == "Altrincham"
    geo = client.get(f"/api/v1/areas/{TRAFFORD}/geojson?level=ward&show=diversity").json()
    assert len(geo["features"]) == 21
    feature = next(f for f in geo["features"] if f["properties"]["code"] == "E05015239")
    assert feature["properties"]["value"] == pytest.approx(float(altrincham["diversity"]),
                                                           rel=1e-15)


def test_indicator_csv_matches_the_page(demo_data: Path, client: Client) -> None:
    response = client.get(f"/areas/{TRAFFORD}/indicators.csv")
    rows = {r["indicator"]: r for r in csv.DictReader(io.StringIO(response.content.decode()))}
    values = profile.council_profile(get_council_area(TRAFFORD)).values
    assert float(rows["segregation_d"]["value"]) == values["segregation_d"].value
    assert rows["level4_plus"]["value"] == "43.0"


def test_sub_area_and_national_pages(demo_data: Path, client: Client) -> None:
    assert "Altrincham" in html(client, "/areas/E05015239/")
    assert "Trafford 001A" in html(client, "/areas/E01006109/")
    national = html(client, "/areas/map/?show=get_on_well")
    assert "Trafford" in national and "83.5" in national
    assert client.get("/areas/E99999999/").status_code == 404


def test_api_detail_neighbours_and_errors(demo_data: Path, client: Client) -> None:
    detail: dict[str, Any] = client.get(f"/api/v1/areas/{TRAFFORD}").json()
    assert detail["name"] == "Trafford" and detail["family_group"]["number"] == 7
    keys = {i["key"] for i in detail["indicators"]}
    assert {"english_proficiency", "economic_inactivity", "segregation_d", "migration"} <= keys
    assert len(client.get(f"/api/v1/areas/{TRAFFORD}/neighbours").json()) == 15
    children = client.get(f"/api/v1/areas/{TRAFFORD}/children?level=oa").json()
    assert len(children) == 738
    missing = client.get("/api/v1/areas/E99999999")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
    bad = client.get("/api/v1/areas?level=planet")
    assert bad.status_code == 400 and "level" in bad.json()["error"]["fields"]


def test_downloads_defuse_formula_like_names(demo_data: Path, client: Client) -> None:
    Area.objects.filter(code="E05015239").update(name="=HYPERLINK(\"http://evil.example\")")
    cache.clear()
    response = client.get(f"/areas/{TRAFFORD}/map/areas.csv?level=ward")
    rows = {r["code"]: r for r in csv.DictReader(io.StringIO(response.content.decode()))}
    assert rows["E05015239"]["name"] == "'=HYPERLINK(\"http://evil.example\")"


def test_an_import_of_areas_moves_the_data_version_and_shows_on_the_next_request(
        demo_data: Path, client: Client, tmp_path: Path) -> None:
    """A new council, a rename or a new parent, imported (the command or an upload job),
    shows on the next request: the councils' index and the profiles are kept per data
    version, which the imports of areas, lookups and boundaries move."""
    from commonground.places import importing, selectors

    html(client, "/areas/")
    start = selectors.data_version()
    councils = tmp_path / "councils.csv"
    councils.write_text("code,name\nE06999999,Newtown\n", encoding="utf-8")
    importing.import_areas(path=councils, level="council", code_col="code", name_col="name")
    assert selectors.data_version() == start  # a dry run changes nothing
    importing.import_areas(path=councils, level="council", code_col="code", name_col="name",
                           commit=True)
    added = selectors.data_version()
    assert added != start
    assert 'href="/areas/E06999999/">Newtown</a>' in html(client, "/areas/")
    importing.import_areas(path=councils, level="council", code_col="code", name_col="name",
                           commit=True)
    assert selectors.data_version() == added  # the same file again changes nothing
    html(client, "/areas/E06999999/")
    councils.write_text("code,name\nE06999999,Newtown and Oldbury\n", encoding="utf-8")
    importing.import_areas(path=councils, level="council", code_col="code", name_col="name",
                           commit=True)
    renamed = selectors.data_version()
    assert renamed != added
    assert "Newtown and Oldbury" in html(client, "/areas/E06999999/")
    ward = Area.objects.filter(level="ward").first()
    assert ward is not None
    lookup = tmp_path / "lookup.csv"
    lookup.write_text(f"child,parent\n{ward.code},E06999999\n", encoding="utf-8")
    importing.import_lookup(path=lookup, child_col="child", parent_col="parent", commit=True)
    assert selectors.data_version() not in (start, added, renamed)
