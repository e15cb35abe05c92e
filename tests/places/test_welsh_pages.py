"""The places pages in Welsh: headings, tables, indicator names and data names from the
places catalogue, and no English sentence of the catalogue left on them (Cardiff slice)."""

from __future__ import annotations

import html as html_module
import re
from pathlib import Path

import pytest
from django.test import Client

from commonground.analytics.family_groups import GROUP_NAMES
from commonground.core import catalogues
from commonground.places import family
from commonground.places.indicators import INDICATORS

pytestmark = pytest.mark.django_db

PLACES_PO = Path(catalogues.PACKAGE_DIR) / "places" / "locale" / "cy" / "LC_MESSAGES" / "django.po"


def text_of(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    page = response.content.decode()
    main = page[page.index("<main"):page.index("</main>")]
    return html_module.unescape(re.sub(r"<[^>]+>", " ", main))


def english_sentences() -> list[str]:
    """The catalogue's English of four words or more without placeholders: none of them
    may stay on a Welsh page."""
    catalog = catalogues.read_catalogue(PLACES_PO)
    return [m.id for m in catalog if isinstance(m.id, str) and m.id.count(" ") >= 3
            and "%" not in m.id and "{" not in m.id and "<" not in m.id]


def test_the_family_groups_marked_for_translation_are_the_analytics_names() -> None:
    assert tuple(GROUP_NAMES.values()) == family.GROUP_NAMES


@pytest.mark.parametrize("url", ["/cy/areas/", "/cy/areas/W06000015/",
                                 "/cy/areas/W06000015/map/?level=ward",
                                 "/cy/areas/W06000015/neighbours/",
                                 "/cy/areas/compare/?c=W06000015&c=W06000022",
                                 "/cy/areas/map/"])
def test_the_public_places_pages_have_no_english_sentence_left(cardiff_data: Path,
                                                               client: Client, url: str) -> None:
    text = " ".join(text_of(client, url).split())
    left = [s for s in english_sentences() if s in text]
    assert not left, left


def test_a_welsh_council_profile_reads_in_welsh(cardiff_data: Path, client: Client) -> None:
    text = " ".join(text_of(client, "/cy/areas/W06000015/").split())
    for welsh in ("Poblogaeth a chyfansoddiad ethnig", "Pedwar dangosydd y Gymdeithas",
                  "Methu siarad Saesneg yn dda neu o gwbl", "Grŵp teulu cydlyniant",
                  "Asiaidd, Asiaidd Prydeinig neu Asiaidd Cymreig",
                  "Ffynhonnell: Cyfrifiad 2021 (SYG)",
                  "Lawrlwytho’r dangosyddion (CSV)"):
        assert welsh in text, welsh
    english = " ".join(text_of(client, "/areas/W06000015/").split())
    assert "Population and ethnic composition" in english
    assert "Cannot speak English well or at all" in english
    # The API keeps the indicators' English names (it is English only).
    assert {i.label for i in INDICATORS} >= {"Population", "Ethnic diversity"}
