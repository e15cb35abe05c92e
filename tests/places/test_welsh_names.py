"""Welsh names of Welsh councils and wards: stored, shown to Welsh readers, searchable
(the Cardiff slice of the demo: Cardiff with its neighbours, shapes for Cardiff only)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client
from django.utils import translation

from commonground.places.models import Area, AreaLevel

pytestmark = pytest.mark.django_db


def html(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_welsh_names_are_stored_and_shown_to_welsh_readers(cardiff_data: Path,
                                                           client: Client) -> None:
    cardiff = Area.objects.get(code="W06000015")
    assert cardiff.name_cy == "Caerdydd"
    castle = Area.objects.get(council=cardiff, level=AreaLevel.WARD, name="Llandaff")
    assert castle.name_cy == "Llandaf"
    assert cardiff.name_in("cy") == "Caerdydd" and castle.name_in("cy") == "Llandaf"
    assert cardiff.name_in("en-gb") == "Cardiff"
    with translation.override("en-gb"):
        assert cardiff.display_name == "Cardiff"
    page = html(client, "/areas/W06000015/")
    assert '<p class="govuk-body" lang="cy">Caerdydd</p>' in page
    geo = client.get("/api/v1/areas/W06000015/geojson?level=lsoa").json()
    assert len(geo["features"]) == Area.objects.filter(council=cardiff, level="lsoa").count()


def test_area_search_finds_welsh_names_and_forgives_typos(cardiff_data: Path,
                                                          client: Client) -> None:
    page = html(client, "/areas/?q=Caerdydd")
    assert '<span lang="cy">Caerdydd</span> (Cardiff)' in page
    found = client.get("/api/v1/areas/search?q=Llandaf").json()
    assert [(m["name"], m["matched"], m["level"]) for m in found[:2]] == [
        ("Llandaff", "Llandaf", "ward"), ("Llandaff North", "Llandaff North", "ward")]
    # Without its circumflex, and misspelt.
    assert client.get("/api/v1/areas/search?q=Treganna").json()[0]["name"] == "Canton"
    assert client.get("/api/v1/areas/search?q=Cardif").json()[0]["name"] == "Cardiff"


def test_welsh_readers_see_welsh_names_on_the_pages(cardiff_data: Path, client: Client) -> None:
    page = html(client, "/cy/areas/W06000015/")
    assert '<h1 class="govuk-heading-xl">Caerdydd</h1>' in page
    assert '<p class="govuk-body" lang="en">Cardiff</p>' in page
    ward = html(client, "/cy/areas/W06000015/map/?level=ward")
    assert ">Treganna</a>" in ward and ">Llandaf</a>" in ward
    english = html(client, "/areas/W06000015/")
    assert '<h1 class="govuk-heading-xl">Cardiff</h1>' in english
