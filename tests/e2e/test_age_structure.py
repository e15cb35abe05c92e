"""The census age structure as a reader sees it: Trafford's pyramid and table, a ward's two
tables, in English and Welsh, each page passing axe."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from commonground.places import demo
from tests.e2e.conftest import Axe
from tests.places.conftest import _Quiet, north_west  # noqa: F401 - the fixture, for this module

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def loaded(north_west: Path) -> Path:  # noqa: F811
    demo.load(_Quiet(), directory=north_west)
    return north_west


def test_a_reader_sees_the_age_of_trafford_and_of_a_ward(page: Any, axe: Axe,
                                                         loaded: Path) -> None:
    page.goto("/areas/E08000009/")
    page.get_by_role("heading", name="Age and sex").wait_for()
    table = page.get_by_role("table", name="Residents by age and sex, Census 2021")
    older = table.get_by_role("row", name="Aged 65 and over")
    assert older.inner_text().split()[-4:] == ["22,762", "18,530", "41,292", "17.6%"]
    # The pyramid repeats the table for sighted readers and is hidden from screen readers.
    assert page.locator(".cg-pyramid[aria-hidden='true'] .cg-pyramid__row").count() == 6
    axe.check(page)
    page.screenshot(path=str(loaded / "trafford-age.png"), full_page=True)

    page.goto("/areas/E05015239/")  # Altrincham ward
    ages = page.get_by_role("table", name="Residents by age, Census 2021")
    assert "1,823" in ages.get_by_role("row", name="Aged 65 and over").inner_text()
    sexes = page.get_by_role("table", name="Residents by sex, all ages, Census 2021")
    assert "5,330" in sexes.get_by_role("row", name="Female").inner_text()
    axe.check(page)

    page.goto("/cy/areas/E08000009/")
    page.get_by_role("heading", name="Oedran a rhyw").wait_for()
    assert "65 oed a throsodd" in page.get_by_role(
        "table", name="Preswylwyr fesul oedran a rhyw, Cyfrifiad 2021").inner_text()
    axe.check(page)
