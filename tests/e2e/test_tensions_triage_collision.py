"""Two officers of one council triage the same report in two browsers at once: the one
who saves second is told what the first changed, and nothing of theirs is lost unseen."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from commonground.tensions.models import Report
from tests.e2e.conftest import Axe
from tests.e2e.test_invitation_journey import sign_in
from tests.personas import World
from tests.tensions.conftest import Places, build_places, public_report

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def places(transactional_db: Any) -> Places:
    return build_places()


@pytest.fixture
def colleague(browser: Any, live_server: Any) -> Iterator[Any]:
    """A second browser, signed in separately."""
    context = browser.new_context(base_url=live_server.url)
    yield context.new_page()
    context.close()


def test_the_second_officer_to_save_triage_is_told(
    page: Any, colleague: Any, axe: Axe, world: World, places: Places
) -> None:
    report, _ = public_report(world, places)
    url = f"/tensions/reports/{report.reference}/"
    sign_in(page, axe, "officer_a@example.org")
    sign_in(colleague, axe, "org_admin_a@example.org")
    page.goto(url)
    colleague.goto(url)

    page.get_by_label("Status", exact=True).select_option("acknowledged")
    page.get_by_label("Priority", exact=True).select_option("high")
    page.get_by_role("button", name="Save triage").click()
    page.get_by_text(f"{report.reference} has been updated").wait_for()

    colleague.get_by_label("Status", exact=True).select_option("closed")
    colleague.get_by_role("button", name="Save triage").click()
    summary = colleague.locator(".govuk-error-summary")
    summary.wait_for()
    assert "Officer A changed this report at" in summary.inner_text()
    assert "It is now Acknowledged, High priority" in summary.inner_text()
    axe.check(colleague)
    assert Report.objects.get(pk=report.pk).status == "acknowledged"
    # The colleague's choice is still on the form; saving again applies it knowingly.
    assert colleague.get_by_label("Status", exact=True).input_value() == "closed"
    colleague.get_by_role("button", name="Save triage").click()
    colleague.get_by_text(f"{report.reference} has been updated").wait_for()
    assert Report.objects.get(pk=report.pk).status == "closed"
