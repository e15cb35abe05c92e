"""Trafford's officer records a report for a ward in one go, then corrects another
report's ward in triage and sees the ward counts on the dashboard change. axe on every
page."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from commonground.core.models import AuditEvent
from commonground.tensions.models import Report
from tests.e2e.conftest import Axe
from tests.e2e.test_invitation_journey import sign_in
from tests.personas import World
from tests.tensions.conftest import Places, build_places, public_report

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def places(transactional_db: Any) -> Places:
    return build_places()


def ward_count(page: Any, ward: str) -> str:
    row = page.locator("table tr", has=page.get_by_role("cell", name=ward, exact=True))
    return row.locator("td").nth(1).inner_text().strip()


def test_record_a_report_then_correct_another_reports_ward(
    page: Any, axe: Axe, world: World, places: Places
) -> None:
    today = timezone.localdate()
    other, _ = public_report(world, places, contact=False, occurred_on=today)
    sign_in(page, axe, "officer_a@example.org")

    page.goto("/tensions/reports/new/")
    axe.check(page)
    assert page.locator(".govuk-caption-l").inner_text() == "Trafford Council"
    # A first try with nothing chosen: the errors say what is missing.
    page.get_by_role("button", name="Record the report").click()
    summary = page.locator(".govuk-error-summary")
    summary.wait_for()
    assert "Tell us what happened." in summary.inner_text()
    assert "This field is required" not in summary.inner_text()
    axe.check(page)
    page.get_by_label("Which ward did it happen in?",
                      exact=True).select_option(label="Sale Central")
    page.get_by_label("Community tension", exact=True).check()
    page.get_by_label("What happened?", exact=True).fill("Graffiti on the community centre.")
    page.get_by_label("When did it happen?", exact=True).fill(today.isoformat())
    page.get_by_role("group", name="Has it been reported to the police?") \
        .get_by_label("No", exact=True).check()
    page.get_by_role("button", name="Record the report").click()
    page.get_by_text("has been sent to Trafford Council").wait_for()
    axe.check(page)
    recorded = Report.objects.exclude(pk=other.pk).get()
    assert (recorded.ward, recorded.source) == (places.a_east, "officer")

    page.goto("/tensions/")
    assert (ward_count(page, "Altrincham"), ward_count(page, "Sale Central")) == ("1", "1")
    page.goto(f"/tensions/reports/{other.reference}/")
    page.get_by_label("Ward", exact=True).select_option(label="Sale Central")
    page.get_by_role("button", name="Save triage").click()
    page.get_by_text(f"{other.reference} has been updated").wait_for()
    axe.check(page)
    page.goto("/tensions/")
    assert (ward_count(page, "Altrincham"), ward_count(page, "Sale Central")) == ("0", "2")
    axe.check(page)
    assert AuditEvent.objects.get(action="report.triage").new_values["ward"] == "E05000002"
