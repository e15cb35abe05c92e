"""A new user explores Trafford, then an analyst uploads a broken file and reads why."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from commonground.places import demo
from commonground.places.models import Dataset
from tests.e2e.conftest import Axe
from tests.e2e.test_invitation_journey import sign_in
from tests.personas import World
from tests.places.conftest import _Quiet, north_west  # noqa: F401 - the fixture, for this module

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def loaded(north_west: Path) -> Path:  # noqa: F811
    demo.load(_Quiet(), directory=north_west)
    return north_west


def test_a_visitor_explores_trafford(page: Any, axe: Axe, loaded: Path) -> None:
    page.goto("/areas/")
    axe.check(page)
    page.get_by_label("Council or ward name, or code", exact=True).fill("Trafford")
    page.get_by_role("button", name="Search").click()
    axe.check(page)
    page.get_by_role("link", name="Trafford", exact=True).click()
    page.get_by_role("heading", name="Trafford", level=1).wait_for()
    axe.check(page)

    family = page.get_by_test_id("family-group")
    assert "Group 7: Changing but affluent urban areas" in family.inner_text()
    why = page.get_by_role("table", name="Why: the four factors of the Cohesion Delivery "
                                         "Framework")
    assert "Affluence" in why.inner_text() and "affluent" in why.inner_text()
    neighbours = page.get_by_test_id("neighbours")
    assert neighbours.locator("tbody tr").count() == 15
    assert "%" in neighbours.locator("tbody tr").first.inner_text()

    with page.expect_download() as download:
        page.get_by_role("link", name="Download the indicators (CSV)").click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert text.startswith("code,name,indicator") and "segregation_d" in text

    page.get_by_role("link", name="Map of Trafford by ward").click()
    page.get_by_role("heading", name="Map by ward").wait_for()
    page.locator("[data-module='cg-map'][data-ready='true']").wait_for()
    assert page.locator(".leaflet-interactive").count() == 21
    assert page.get_by_test_id("map-table").locator("tbody tr").count() == 21
    axe.check(page)

    page.goto("/areas/map/?show=diversity")
    page.locator("[data-module='cg-map'][data-ready='true']").wait_for()
    axe.check(page)


def upload_ward_counts(page: Any, path: Path, title: str, groups: str) -> None:
    """Fill in the upload form for a one-row-per-ward file with code and total columns."""
    page.get_by_label("CSV file", exact=True).set_input_files(str(path))
    page.get_by_label("One row per area, one column per group", exact=True).check()
    page.get_by_label("Title", exact=True).fill(title)
    page.get_by_label("Areas in the file", exact=True).select_option("ward")
    page.get_by_label("Column with the area codes", exact=True).fill("code")
    page.get_by_label("Group columns", exact=True).fill(groups)
    page.get_by_label("Total column (optional)", exact=True).fill("total")
    page.get_by_role("button", name="Upload and import").click()


def test_an_analyst_uploads_a_broken_file(page: Any, axe: Axe, world: World, loaded: Path,
                                          tmp_path: Path) -> None:
    # The tests' task backend runs the import in the request's thread once the upload
    # commits, so the test needs no waiting.
    broken = tmp_path / "wards.csv"
    broken.write_text("code,total,a,b\nE05015239,10,4,-1\n", encoding="utf-8")
    sign_in(page, axe, "org_admin_a@example.org")
    page.goto("/areas/upload/")
    axe.check(page)
    upload_ward_counts(page, broken, "Ward counts", "a,b")
    page.get_by_text("Nothing was imported").wait_for()
    problems = page.get_by_test_id("problems").inner_text()
    assert "2\tb\t'-1' is negative; counts cannot be below 0" in problems
    axe.check(page)
    assert not Dataset.objects.filter(title="Ward counts").exists()
