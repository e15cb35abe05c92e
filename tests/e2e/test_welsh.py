"""Welsh in a real browser: the language navigation keeps the reader on the same page and
remembers the choice; Welsh pages pass axe."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import Axe
from tests.e2e.test_invitation_journey import sign_in
from tests.personas import World

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_officer_switches_language_and_stays_on_the_same_page(
    page: Any, axe: Axe, world: World
) -> None:
    sign_in(page, axe, "officer_a@example.org")
    page.goto("/library/search/?q=cohesion")
    axe.check(page)
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Cymraeg").click()
    page.wait_for_url("**/cy/library/search/?q=cohesion")
    assert page.locator("html").get_attribute("lang") == "cy"
    assert page.get_by_role("link", name="Neidio i’r prif gynnwys").count() == 1
    axe.check(page)
    # The choice holds: an English address (a bookmark, an emailed link) opens in Welsh.
    page.goto("/library/")
    page.wait_for_url("**/cy/library/")
    world["officer_a"].refresh_from_db()
    assert world["officer_a"].language == "cy"
    # And back, from the Welsh navigation.
    page.get_by_role("navigation", name="Iaith").get_by_role("link", name="English").click()
    page.wait_for_url("**/library/")
    assert not page.url.endswith("/cy/library/")
    assert page.locator("html").get_attribute("lang") == "en-GB"
    axe.check(page)
