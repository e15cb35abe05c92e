"""Councils side by side, nearest neighbours on chosen indicators and weights, and area
search that forgives typos (North West slice)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from commonground.core import area_summaries
from commonground.core.area_summaries import Summary, SummaryRow
from commonground.places import area_search, compare, profile, selectors
from commonground.places.access import get_council_area

pytestmark = pytest.mark.django_db
TRAFFORD, MANCHESTER, STOCKPORT = "E08000009", "E08000003", "E08000007"


def html(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_search_forgives_typos_and_ranks_councils_first(demo_data: Path) -> None:
    found = area_search.search("Mancester")
    assert found[0].entry.code == MANCHESTER and found[0].entry.level == "council"
    assert area_search.search("traford")[0].entry.name == "Trafford"
    prefix = [m.entry.name for m in area_search.search("Sale")[:2]]
    assert sorted(prefix) == ["Sale Central", "Sale Moor"]
    assert area_search.search(TRAFFORD.lower())[0].entry.code == TRAFFORD
    assert area_search.search("zzqx") == [] and area_search.search("  ") == []


def test_search_reads_the_names_once_per_change(demo_data: Path,
                                                django_assert_num_queries: Any) -> None:
    area_search.search("Bolton")
    with django_assert_num_queries(1):  # the stamp only
        area_search.search("Oldham")


def test_the_index_page_finds_wards_and_councils(demo_data: Path, client: Client) -> None:
    page = html(client, "/areas/?q=Mancester")
    assert f'href="/areas/{MANCHESTER}/">Manchester</a>' in page
    page = html(client, "/areas/?q=Old+Traford")
    assert "Old Trafford" in page and "<td class=\"govuk-table__cell\">Trafford</td>" in page


def test_comparison_of_three_councils(demo_data: Path, client: Client) -> None:
    found = compare.comparison([TRAFFORD, MANCHESTER, STOCKPORT])
    assert [c.name for c in found.councils] == ["Trafford", "Manchester", "Stockport"]
    assert found.councils[0].family_group == 7
    population = next(r for r in found.rows if r.indicator.key == "population")
    assert population.values[0] == "234,987" and population.highest == 1
    page = html(client, f"/areas/compare/?c={TRAFFORD}&c={MANCHESTER}&c={STOCKPORT}")
    assert "Changing but affluent urban areas" in page and "234,987" in page
    assert page.count('data-testid="comparison"') == 1


def test_comparison_refuses_one_council_or_six(demo_data: Path, client: Client) -> None:
    one = html(client, f"/areas/compare/?c={TRAFFORD}")
    assert "There is a problem" in one and "This field is required" in one
    six = "&".join(f"c=E0800000{n}" for n in range(1, 7))
    assert "Compare at most five councils at once." in html(client, f"/areas/compare/?{six}")
    assert "Select a valid choice" in html(client, f"/areas/compare/?c={TRAFFORD}&c=E99999999")


@pytest.fixture
def tensions_like_section() -> Iterator[None]:
    def provider(user: Any, codes: Sequence[str]) -> Summary:
        own = getattr(user, "email", "") == "officer_a@example.org"
        return Summary("Reports", [SummaryRow("Reports this month", {
            code: ("12" if own and code == TRAFFORD else None) for code in codes})])

    area_summaries.register_provider(provider)
    yield
    area_summaries._providers.remove(provider)


def test_other_sections_plug_their_summaries_in(demo_data: Path, world: Any,
                                                tensions_like_section: None) -> None:
    client = Client()
    client.force_login(world["officer_a"])
    page = html(client, f"/areas/compare/?c={TRAFFORD}&c={MANCHESTER}")
    assert "Reports this month" in page and ">12<" in page
    assert "Not shared with you" in page


def test_nearest_neighbours_with_chosen_weights(demo_data: Path, client: Client) -> None:
    default = compare.neighbours(TRAFFORD, compare.Choice.default())
    matrix = selectors.council_matrix()
    assert matrix is not None
    assert [n.code for n in default] == [n.code for n in profile.neighbours_of(matrix, TRAFFORD)]
    only_population = compare.Choice.from_query({"w_population": "2"})
    assert only_population.used == ["population"]
    nearest = compare.neighbours(TRAFFORD, only_population)
    own = matrix.column("population")[matrix.index[TRAFFORD]]
    gaps = [abs(matrix.column("population")[matrix.index[n.code]] - own) for n in nearest]
    assert gaps == sorted(gaps)  # one indicator: nearest is the closest population
    page = html(client, f"/areas/{TRAFFORD}/neighbours/?w_population=2&w_diversity=1")
    assert "Compared on: Population; Ethnic diversity." in page
    assert page.count('href="/areas/E0') >= 15
    none = html(client, f"/areas/{TRAFFORD}/neighbours/?w_population=0")
    assert "Choose at least one indicator." in none
    get_council_area(TRAFFORD)


def test_comparison_and_neighbours_pages_query_little(demo_data: Path, client: Client,
                                                      django_assert_max_num_queries: Any) -> None:
    url = f"/areas/compare/?c={TRAFFORD}&c={MANCHESTER}&c={STOCKPORT}"
    html(client, url)  # the councils' table is then kept per process
    # One of them asks for the councils' published action plans (the plans summary), one
    # for their weighted survey waves (the surveys summary).
    with django_assert_max_num_queries(7):
        html(client, url)
    with django_assert_max_num_queries(2):
        html(client, f"/areas/{TRAFFORD}/neighbours/")
