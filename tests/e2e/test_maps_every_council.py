"""Officers of Manchester and Cardiff open their ward and LSOA maps: shaded areas, a legend,
the table of the same figures; a map with nothing to draw says why."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from commonground.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from commonground.places import demo
from tests.e2e.conftest import Axe
from tests.e2e.test_invitation_journey import sign_in
from tests.e2e.test_places_journey import upload_ward_counts
from tests.personas import PASSWORD, World
from tests.places.conftest import _Quiet, cardiff, north_west  # noqa: F401 - the fixtures

pytestmark = pytest.mark.django_db(transaction=True)


def open_map(page: Any, axe: Axe, council: str, by: str, areas: int) -> None:
    """From the council's profile, follow "Map of ... by <by>" and check what is drawn."""
    page.get_by_role("link", name=f"Map of {council} by {by}").click()
    page.locator("[data-module='cg-map'][data-ready='true']").wait_for()
    assert page.locator(".leaflet-interactive").count() == areas
    legend = page.locator(".cg-legend")
    assert legend.is_visible() and "Ethnic diversity" in legend.inner_text()
    assert page.get_by_test_id("map-table").locator("tbody tr").count() == areas
    axe.check(page)
    page.go_back()


def test_manchester_officer_opens_ward_and_lsoa_maps(page: Any, axe: Axe, world: World,
                                                     north_west: Path) -> None:  # noqa: F811
    demo.load(_Quiet(), directory=north_west)
    sign_in(page, axe, "officer_b@example.org")
    # A misspelt search still finds the council.
    page.goto("/areas/")
    page.get_by_label("Council or ward name, or code", exact=True).fill("Mancester")
    page.get_by_role("button", name="Search").click()
    axe.check(page)
    page.get_by_test_id("matches").get_by_role("link", name="Manchester", exact=True).click()
    page.get_by_role("heading", name="Manchester", level=1).wait_for()
    axe.check(page)
    open_map(page, axe, "Manchester", "ward", 32)
    open_map(page, axe, "Manchester", "LSOA", 295)
    # Bolton's LSOAs have figures but (in this slice) no shapes: the page says so.
    page.goto("/areas/E08000001/map/?level=lsoa")
    assert "nothing to draw" in page.get_by_test_id("map-note").inner_text()
    assert page.locator("[data-module='cg-map']").count() == 0
    assert page.get_by_test_id("map-table").locator("tbody tr").count() > 100
    axe.check(page)


def test_cardiff_officer_opens_ward_and_lsoa_maps(page: Any, axe: Axe, world: World,
                                                  cardiff: Path) -> None:  # noqa: F811
    demo.load(_Quiet(), directory=cardiff)
    council = Organisation.objects.create(name="Cardiff Council", slug="cardiff",
                                          kind=OrganisationKind.COUNCIL, area_code="W06000015")
    officer = User.objects.create_user("officer@cardiff.example", PASSWORD, full_name="Carys")
    Membership.objects.create(user=officer, organisation=council, role=Role.OFFICER)
    sign_in(page, axe, "officer@cardiff.example")
    page.goto("/areas/W06000015/")
    axe.check(page)
    assert page.get_by_text("Caerdydd").is_visible()
    open_map(page, axe, "Cardiff", "ward", 28)
    open_map(page, axe, "Cardiff", "LSOA", 218)


def test_a_visitor_compares_councils_and_reweights_neighbours(page: Any, axe: Axe,
                                                              north_west: Path) -> None:  # noqa: F811
    demo.load(_Quiet(), directory=north_west)
    page.goto("/areas/E08000009/")
    page.get_by_role("link", name="Compare Trafford with its four nearest neighbours side by "
                                   "side").click()
    table = page.get_by_test_id("comparison")
    table.wait_for()
    assert table.locator("thead th").count() == 6  # the indicator column and five councils
    assert "Changing but affluent urban areas" in table.inner_text()
    axe.check(page)
    page.get_by_label("Council 3 (optional)", exact=True).select_option(label="Choose a council")
    page.get_by_label("Council 4 (optional)", exact=True).select_option(label="Choose a council")
    page.get_by_label("Council 5 (optional)", exact=True).select_option(label="Choose a council")
    page.get_by_role("button", name="Compare").click()
    assert page.get_by_test_id("comparison").locator("thead th").count() == 3
    axe.check(page)

    page.goto("/areas/E08000009/neighbours/")
    axe.check(page)
    page.get_by_text("Choose the indicators and their weights").click()
    for label in ("Ethnic diversity", "Residential segregation (index of dissimilarity)",
                  "Cannot speak English well or at all", "Economically inactive",
                  "Deprivation (IMD 2019 average score, England)", "Living in rural areas",
                  "Born outside the UK", "Level 4 qualifications or above"):
        page.get_by_label(label, exact=True).select_option("0")
    page.get_by_label("Population", exact=True).select_option("3")
    page.get_by_role("button", name="Find nearest neighbours").click()
    assert "Compared on: Population." in page.locator("main").inner_text()
    assert page.get_by_test_id("neighbours").locator("tbody tr").count() == 15
    axe.check(page)


def test_an_analyst_uploads_a_file_and_maps_it(page: Any, axe: Axe, world: World,
                                               north_west: Path, tmp_path: Path  # noqa: F811
                                               ) -> None:
    # The tests' task backend runs the import in the request's thread once it commits.
    demo.load(_Quiet(), directory=north_west)
    counts = tmp_path / "survey.csv"
    counts.write_text("code,total,yes,no\nE05015239,50,30,20\nE05015240,40,10,30\n"
                      "E05015241,30,15,15\n", encoding="utf-8")
    sign_in(page, axe, "org_admin_a@example.org")
    page.goto("/areas/upload/")
    upload_ward_counts(page, counts, "Ward survey", "yes,no")
    page.get_by_role("heading", name="Imported").wait_for()
    axe.check(page)
    page.get_by_role("link", name="Ward survey").click()
    coverage = page.get_by_test_id("coverage")
    assert "Trafford" in coverage.inner_text() and "120" in coverage.inner_text()
    dataset_page = page.url
    axe.check(page)
    page.get_by_role("link", name="Map Ward survey in Trafford").click()
    page.locator("[data-module='cg-map'][data-ready='true']").wait_for()
    assert page.locator(".leaflet-interactive").count() == 3
    assert page.get_by_label("Areas and data", exact=True).input_value() == "council-a-ward-survey"
    page.get_by_label("Show", exact=True).select_option(label="yes (% of residents)")
    page.get_by_role("button", name="Update the map").click()
    page.locator("[data-module='cg-map'][data-ready='true']").wait_for()
    assert "60.0%" in page.get_by_test_id("map-table").inner_text()
    axe.check(page)

    # Issue 13, item 2: download it, replace it with a new file, withdraw it.
    page.goto(dataset_page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the dataset (CSV)").click()
    downloaded = tmp_path / "downloaded.csv"
    download_info.value.save_as(downloaded)
    rows = downloaded.read_text(encoding="utf-8").splitlines()
    assert len(rows) == 4 and all(code in "".join(rows) for code in (
        "E05015239", "E05015240", "E05015241"))
    counts.write_text("code,total,yes,no\nE05015239,60,45,15\nE05015240,40,10,30\n",
                      encoding="utf-8")
    page.get_by_role("link", name="Replace it with a new file").click()
    assert page.get_by_label("Title", exact=True).input_value() == "Ward survey"
    axe.check(page)
    upload_ward_counts(page, counts, "Ward survey", "yes,no")
    page.get_by_role("heading", name="Imported").wait_for()
    page.goto(dataset_page)
    assert "2 areas" in page.locator(".govuk-summary-list").inner_text()
    assert "100" in page.get_by_test_id("coverage").inner_text()
    page.get_by_role("link", name="Withdraw it").click()
    axe.check(page)
    page.get_by_role("button", name="Withdraw the dataset").click()
    page.get_by_text("Ward survey is withdrawn").wait_for()
    axe.check(page)
    page.goto("/areas/E08000009/map/")
    page.locator("[data-module='cg-map'][data-ready='true']").wait_for()
    assert "council-a-ward-survey" not in page.get_by_label("Areas and data",
                                                            exact=True).inner_html()
