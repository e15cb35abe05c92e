"""A partner follows every link their navigation offers and never meets a dead end; an
officer whose triage form had a mistake reopens its address and gets the report back,
not an empty 405 page. axe on every page."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from commonground.accounts import services as account_services
from tests.e2e.conftest import Axe
from tests.e2e.test_invitation_journey import sign_in
from tests.personas import World
from tests.tensions.conftest import Places, build_places, public_report

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def places(transactional_db: Any) -> Places:
    return build_places()


def test_a_partner_meets_no_dead_end(page: Any, axe: Axe, world: World, places: Places) -> None:
    public_report(world, places)
    account_services.create_sharing_agreement(
        actor=None, owner=world.council_a, partner=world.police,
        categories=["hate_incident"], starts_on=datetime.date(2026, 1, 1),
        include_assessments=True)
    sign_in(page, axe, "partner@example.org")
    page.goto("/tensions/")
    nav = page.get_by_test_id("tensions-nav")
    labels = [a.inner_text() for a in nav.get_by_role("link").all()]
    assert labels == ["Dashboard", "Reports", "Record a report", "Assessments"]
    for label in labels:
        page.goto("/tensions/")
        page.get_by_test_id("tensions-nav").get_by_role("link", name=label, exact=True).click()
        page.wait_for_load_state()
        assert "Page not found" not in page.title(), label
        assert page.get_by_test_id("tensions-nav").get_by_role(
            "link", name=label, exact=True).get_attribute("aria-current") == "page"
        axe.check(page)
    page.goto("/account/")
    assert page.get_by_role("link", name="Audit log").count() == 0
    axe.check(page)


def test_a_form_address_survives_being_opened_again(
    page: Any, axe: Axe, world: World, places: Places
) -> None:
    report, _ = public_report(world, places)
    sign_in(page, axe, "officer_a@example.org")
    page.goto(f"/tensions/reports/{report.reference}/")
    page.get_by_label("Ward", exact=True).select_option(label="Not known")
    page.get_by_label("Religion or belief", exact=True).uncheck()
    page.get_by_role("button", name="Save triage").click()
    page.locator(".govuk-error-summary").wait_for()
    assert page.url.endswith("/triage/")
    axe.check(page)
    page.goto(page.url)  # the address bar's Enter: a GET of the address the form went to
    page.get_by_role("heading", name=report.reference).wait_for()
    assert page.url.endswith(f"/tensions/reports/{report.reference}/")
    axe.check(page)
