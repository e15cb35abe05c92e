"""Every list page and download of the areas section reads a fixed number of queries,
however many councils, wards, LSOAs, custom areas and uploads it lists (issue 14, finding
10). Sizes: Trafford (21 wards, 138 LSOAs) against Manchester (32 wards, 295 LSOAs), and
2 against 12 custom areas, uploads and extra councils."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client

from commonground.accounts.models import Organisation
from commonground.places import services
from commonground.places.access import get_council_area
from commonground.places.importing import DatasetSpec, import_counts
from commonground.places.models import Area, AreaLevel
from tests.api.conftest import ApiClient
from tests.personas import World
from tests.query_counts import api_counts, page_counts, pinned, query_count

pytestmark = pytest.mark.django_db
TRAFFORD, MANCHESTER = "E08000009", "E08000003"

# A council's pages and downloads ({code}) -> queries, read anonymously.
COUNCIL_PAGES = {
    "/areas/{code}/map/": 4,
    "/areas/{code}/map/?level=lsoa": 4,
    "/areas/{code}/map/areas.csv": 3,
    "/areas/{code}/map/areas.csv?level=lsoa": 3,
    "/areas/{code}/map/areas.geojson": 3,
    "/areas/{code}/map/areas.geojson?level=lsoa": 3,
    "/areas/{code}/indicators.csv": 6,
    "/areas/{code}/neighbours.csv": 6,
    "/areas/{code}/neighbours/": 2,
}
# The API's lists of a council's areas ({code}, /api/v1 left off) -> queries.
COUNCIL_API = {
    "/areas?parent={code}&level=ward": 1,
    "/areas?parent={code}&level=lsoa": 1,
    "/areas/{code}/children?level=ward": 3,
    "/areas/{code}/children": 3,
    "/areas/{code}/geojson?level=ward": 3,
    "/areas/{code}/neighbours": 6,
}
# The national lists and the council's own lists (who reads them) -> queries.
LISTS = {
    "/areas/": ("anonymous", 2),
    "/areas/?q=man": ("anonymous", 1),
    "/areas/map/": ("anonymous", 1),
    "/areas/map/councils.csv": ("anonymous", 1),
    f"/areas/compare/?c={TRAFFORD}&c={MANCHESTER}": ("anonymous", 7),
    f"/areas/{TRAFFORD}/custom/": ("officer_a", 8),
    "/areas/upload/": ("org_admin_a", 3),
    "/areas/uploaded/council-a/": ("org_admin_a", 4),
    "/areas/uploaded/council-a/council-a-wards/data.csv": ("org_admin_a", 4),
}
API = {
    "/areas": ("anonymous", 1),
    "/areas?q=man": ("anonymous", 1),
    "/areas/search?q=man": ("anonymous", 1),
    "/areas/geojson": ("anonymous", 2),
}


def test_a_councils_pages_read_as_many_queries_for_a_large_council_as_a_small_one(
        demo_data: Path, world: World) -> None:
    client, api = Client(), ApiClient(world)
    found = {council: (
        {page: query_count(client, page.format(code=council), fresh=True)
         for page in COUNCIL_PAGES},
        api_counts(api, {path.format(code=council): ("anonymous", n)
                         for path, n in COUNCIL_API.items()}))
        for council in (TRAFFORD, MANCHESTER)}
    assert Area.objects.filter(council__code=MANCHESTER, level=AreaLevel.LSOA).count() > 2 * (
        Area.objects.filter(council__code=TRAFFORD, level=AreaLevel.LSOA).count())
    pages, paths = found[MANCHESTER]
    assert found[TRAFFORD] == (pages, {path.replace(MANCHESTER, TRAFFORD): n
                                       for path, n in paths.items()}), found
    assert pages == COUNCIL_PAGES, pages
    assert paths == {path.format(code=MANCHESTER): n for path, n in COUNCIL_API.items()}, paths


def grow(world: World, tmp_path: Path, n: int, start: int) -> None:
    """``n`` more councils, custom areas of Trafford and uploads of council A."""
    trafford = get_council_area(TRAFFORD)
    wards = list(Area.objects.filter(council=trafford, level=AreaLevel.WARD)
                 .order_by("code").values_list("code", flat=True))
    region = trafford.parent
    for i in range(start, start + n):
        Area.objects.create(code=f"E0899{i:04d}", name=f"Mancaster {i}",
                            level=AreaLevel.COUNCIL, parent=region)
        services.create_custom_area(actor=world["officer_a"], organisation=world.council_a,
                                    council=trafford, name=f"Neighbourhood {i}",
                                    member_codes=wards[i % len(wards):][:3])
        upload(world, tmp_path, f"council-a-wards-{i}", wards[i % len(wards):][:1])
    # The download's dataset, replaced with a row for each of ``start + n`` wards.
    upload(world, tmp_path, "council-a-wards", wards[:start + n])


def upload(world: World, tmp_path: Path, slug: str, wards: list[str]) -> None:
    path = tmp_path / f"{slug}.csv"
    path.write_text("code,total,a,b\n" + "".join(f"{code},10,4,6\n" for code in wards),
                    encoding="utf-8")
    result = import_counts(
        path=path, spec=DatasetSpec(slug=slug, title=slug.replace("-", " "), level="ward",
                                    labels={"a": "Group A", "b": "Group B"}),
        code_col="code", groups=["a", "b"], total_col="total", commit=True,
        actor=world["org_admin_a"], organisation=world.council_a)
    assert result.dataset is not None
    assert result.dataset.rows.count() == len(wards)


def test_the_lists_and_downloads_read_a_fixed_number_of_queries(
        demo_data: Path, world: World, tmp_path: Path) -> None:
    assert Organisation.objects.get(slug="council-a") == world.council_a
    api = ApiClient(world)
    grow(world, tmp_path, 2, 0)
    few = page_counts(world, LISTS, fresh=True), api_counts(api, API)
    grow(world, tmp_path, 10, 2)
    many = page_counts(world, LISTS, fresh=True), api_counts(api, API)
    assert few == many, (few, many)
    assert many == (pinned(LISTS), pinned(API)), many
