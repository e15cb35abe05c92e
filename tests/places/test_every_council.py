"""Wards and LSOAs for every council: nesting, maps that say why they are empty, custom
areas that mix levels, and Welsh names (North West and Cardiff slices of the demo)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from commonground.core.errors import InvalidInput
from commonground.places import demo, population, services
from commonground.places.access import get_council_area
from commonground.places.models import Area, AreaLevel, AreaValues
from tests.personas import World
from tests.places.conftest import MANCHESTER, TRAFFORD

pytestmark = pytest.mark.django_db
BOLTON = "E08000001"  # in the slice without shapes below council level
ALTRINCHAM = "E05015239"
HALE = "E05015248"


def html(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_lsoas_nest_in_their_best_fit_wards(demo_data: Path) -> None:
    manchester = get_council_area(MANCHESTER)
    wards = Area.objects.filter(council=manchester, level=AreaLevel.WARD)
    lsoas = Area.objects.filter(council=manchester, level=AreaLevel.LSOA)
    assert wards.count() == 32 and lsoas.count() == 295
    # Every Manchester LSOA hangs from one of Manchester's wards, and the wards' counts
    # are the sums of their LSOAs'.
    assert set(lsoas.values_list("parent__level", flat=True)) == {AreaLevel.WARD}
    assert not lsoas.exclude(parent__parent=manchester).exists()
    ward = wards.get(name="Ancoats & Beswick")
    inside = AreaValues.objects.filter(area__parent=ward, dataset__slug=demo.indicators
                                       .ETHNICITY_LSOA)
    own = AreaValues.objects.get(area=ward, dataset__slug=demo.indicators.ETHNICITY_WARD)
    assert own.total == sum(v.total for v in inside) == 16_176
    assert own.values == [sum(v.values[i] for v in inside) for i in range(5)]


def test_a_ward_page_lists_its_lsoas_and_an_lsoa_names_its_ward(demo_data: Path,
                                                               client: Client) -> None:
    page = html(client, f"/areas/{ALTRINCHAM}/")
    assert "5 LSOAs in Altrincham" in page and page.count('href="/areas/E0100') == 5
    lsoa = Area.objects.filter(parent__code=ALTRINCHAM).order_by("code").first()
    assert lsoa is not None
    trail = html(client, f"/areas/{lsoa.code}/")
    assert f'href="/areas/{ALTRINCHAM}/">Altrincham</a>' in trail
    assert f'href="/areas/{TRAFFORD}/">Trafford</a>' in trail


def test_manchester_ward_and_lsoa_maps_draw_every_area(demo_data: Path, client: Client) -> None:
    for level, count in (("ward", 32), ("lsoa", 295)):
        page = html(client, f"/areas/{MANCHESTER}/map/?level={level}")
        assert 'data-module="cg-map"' in page and 'data-testid="map-note"' not in page
        geo = client.get(f"/api/v1/areas/{MANCHESTER}/geojson?level={level}").json()
        assert len(geo["features"]) == count and "note" not in geo
        assert all(f["geometry"]["type"] == "MultiPolygon" for f in geo["features"])


def test_a_map_with_nothing_to_draw_says_why(demo_data: Path, client: Client) -> None:
    page = html(client, f"/areas/{BOLTON}/map/?level=lsoa")
    assert 'data-module="cg-map"' not in page and "map.mjs" not in page
    assert "No lower layer super output area boundaries are loaded for these" in page
    assert 'data-testid="map-table"' in page  # the figures are still there
    # Trafford's output areas have figures but no shapes: the download says so.
    response = client.get(f"/areas/{TRAFFORD}/map/areas.geojson?level=oa")
    geo = response.json()
    assert geo["features"] == [] and "No output area boundaries are loaded for these 738" in \
        geo["note"]
    api = client.get(f"/api/v1/areas/{TRAFFORD}/geojson?level=oa").json()
    assert api["features"] == [] and api["note"] == geo["note"]
    # An unknown level falls back to the first one; a council with nothing says so.
    assert "Map by ward" in html(client, f"/areas/{TRAFFORD}/map/?level=planet")


def test_custom_areas_mix_wards_and_lsoas_without_overlap(demo_data: Path, world: World
                                                          ) -> None:
    trafford = get_council_area(TRAFFORD)
    hale_lsoas = list(Area.objects.filter(parent__code=HALE).order_by("code")
                      .values_list("code", flat=True))
    make: Any = lambda codes: services.create_custom_area(  # noqa: E731
        actor=world["officer_a"], organisation=world.council_a, council=trafford,
        name="South", member_codes=codes)
    custom = make([ALTRINCHAM, *hale_lsoas[:2]])
    assert custom.level == "" and custom.members.count() == 3
    with pytest.raises(InvalidInput) as refused:
        make([HALE, hale_lsoas[0]])
    assert refused.value.fields["members"] == [
        f"{Area.objects.get(code=hale_lsoas[0]).name} ({hale_lsoas[0]}) is inside Hale, "
        "which is already in the area."]
    oa = Area.objects.filter(council=trafford, level=AreaLevel.OA).first()
    assert oa is not None
    with pytest.raises(InvalidInput) as mixed:
        make([oa.code, hale_lsoas[0]])
    assert "Output areas cannot be mixed" in mixed.value.fields["members"][0]


def test_a_mixed_custom_area_adds_up_its_members(demo_data: Path, world: World) -> None:
    from commonground.places import subareas

    trafford = get_council_area(TRAFFORD)
    hale_lsoas = list(Area.objects.filter(parent__code=HALE).values_list("code", flat=True))
    custom = services.create_custom_area(
        actor=world["officer_a"], organisation=world.council_a, council=trafford,
        name="Altrincham and a bit", member_codes=[ALTRINCHAM, hale_lsoas[0]])
    table = subareas.for_custom(custom)
    assert table is not None and table.summary is not None
    expected = sum(v.total or 0 for v in AreaValues.objects.filter(
        area__code__in=[ALTRINCHAM, hale_lsoas[0]], dataset__organisation=None,
        dataset__kind="counts").exclude(dataset__slug__in=population.SLUGS))
    assert table.summary.population == expected and table.summary.parts == 2


def test_a_map_page_queries_little_whatever_the_number_of_areas(
        demo_data: Path, client: Client, django_assert_max_num_queries: Any) -> None:
    html(client, f"/areas/{MANCHESTER}/map/?level=lsoa")
    with django_assert_max_num_queries(4):  # levels, rows, how many have shapes
        html(client, f"/areas/{MANCHESTER}/map/?level=lsoa")
    with django_assert_max_num_queries(3):
        assert len(client.get(f"/api/v1/areas/{MANCHESTER}/geojson?level=lsoa")
                   .json()["features"]) == 295


def test_the_api_lists_a_councils_lsoas_and_a_wards(demo_data: Path, client: Client) -> None:
    lsoas = client.get(f"/api/v1/areas?level=lsoa&parent={TRAFFORD}").json()
    assert len(lsoas) == 139 and {a["parent_code"] for a in lsoas} <= set(
        Area.objects.filter(council__code=TRAFFORD, level=AreaLevel.WARD)
        .values_list("code", flat=True))
    in_ward = client.get(f"/api/v1/areas?level=lsoa&parent={ALTRINCHAM}").json()
    assert len(in_ward) == 5 and {a["parent_code"] for a in in_ward} == {ALTRINCHAM}
    found = client.get("/api/v1/areas/search?q=Mancester").json()
    assert found[0]["code"] == MANCHESTER and found[0]["level"] == "council"
