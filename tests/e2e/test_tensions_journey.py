"""A witness reports from a phone; the council's officer triages, assesses, sees an alert
after a burst of reports, and opens a trigger-event response. axe on every page."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.utils import timezone

from commonground.tensions.models import Report
from commonground.tensions.services.early_warning import recompute
from tests.e2e.conftest import Axe
from tests.e2e.test_invitation_journey import sign_in
from tests.personas import World
from tests.tensions.conftest import Places, build_places, public_report

pytestmark = pytest.mark.django_db(transaction=True)
PHONE = {"width": 375, "height": 667}


@pytest.fixture
def places(transactional_db: Any) -> Places:
    return build_places()


def test_report_from_a_phone_then_triage_assess_alert_and_respond(
    page: Any, axe: Axe, world: World, places: Places
) -> None:
    today = timezone.localdate()
    page.set_viewport_size(PHONE)
    page.goto("/report/")
    axe.check(page)
    page.get_by_role("button", name="Start now").click()
    page.get_by_label("Which council area did it happen in?",
                      exact=True).select_option(label="Trafford")
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("heading", name="Where did it happen?").wait_for()
    axe.check(page)

    # Tap outside the council's area: the page says so and keeps what was chosen.
    page.locator("#report-map").scroll_into_view_if_needed()
    box = page.locator("#report-map").bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.25, box["y"] + box["height"] / 2)
    page.get_by_text("You chose a place in Altrincham ward.").wait_for()
    assert page.get_by_label("Ward", exact=True).input_value() == "E05000001"
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] - 3)  # south of it
    page.get_by_text("That place is not in Trafford's area.").wait_for()
    assert page.get_by_label("Ward", exact=True).input_value() == "E05000001"
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Hate incident", exact=True).check()
    axe.check(page)
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Religion or belief", exact=True).check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("What happened?", exact=True).fill("Eggs thrown at the synagogue door.")
    page.get_by_role("button", name="Continue").click()
    # A date that cannot be: the message says which way it is wrong.
    page.get_by_label("Day", exact=True).fill("31")
    page.get_by_label("Month", exact=True).fill("2")
    page.get_by_label("Year", exact=True).fill(str(today.year))
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("link", name="The date it happened must be a real date").wait_for()
    axe.check(page)
    page.get_by_label("Day", exact=True).fill(str(today.day))
    page.get_by_label("Month", exact=True).fill(str(today.month))
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Continue").click()  # who was affected: optional
    page.get_by_role("button", name="Continue").click()  # what is behind it: optional
    page.get_by_label("No", exact=True).check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("heading", name="Can we contact you?").wait_for()
    axe.check(page)
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("heading", name="Check your answers before sending your report").wait_for()
    axe.check(page)
    assert page.get_by_text("Eggs thrown at the synagogue door.").is_visible()
    assert page.get_by_text("Who will see what").is_visible()
    page.get_by_role("button", name="Send report").click()
    page.get_by_role("heading", name="Report sent").wait_for()
    axe.check(page)
    reference = page.get_by_test_id("reference").inner_text().strip()
    assert re.fullmatch(r"CG-\d{4}-\d{6}", reference)
    assert page.get_by_text("call 999").is_visible()
    link = page.get_by_test_id("private-link").inner_text().strip()

    # Later, through the private link, the witness adds what they remember.
    page.goto(link.split("/report/", 1)[1].join(["/report/", ""]))
    axe.check(page)
    page.get_by_label("What would you like to add?", exact=True).fill("Two men, around 8pm.")
    page.get_by_role("button", name="Add to my report").click()
    page.get_by_text("We have added this to your report").wait_for()
    axe.check(page)
    report = Report.objects.get(reference=reference)
    assert report.ward == places.a_west and report.updates.count() == 1

    # The council's officer triages it on a desktop.
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, axe, "officer_a@example.org")
    page.goto(f"/tensions/reports/{reference}/")
    axe.check(page)
    assert page.get_by_text("Two men, around 8pm.").is_visible()
    page.get_by_label("Status", exact=True).select_option("acknowledged")
    page.get_by_label("Priority", exact=True).select_option("high")
    page.get_by_label("Assigned to", exact=True).select_option(label="Officer A")
    page.get_by_label("Tags", exact=True).fill("synagogue")
    page.get_by_role("button", name="Save triage").click()
    page.get_by_text(f"{reference} has been updated").wait_for()
    axe.check(page)
    page.goto("/tensions/reports/")
    axe.check(page)

    # The officer assesses the ward's tension for this week.
    page.goto("/tensions/assessments/edit/")
    axe.check(page)
    page.get_by_label("Area", exact=True).select_option(label="Altrincham")
    page.get_by_label("3 – Heightened: tension is affecting communities", exact=True).check()
    page.get_by_label("Evidenced", exact=True).fill("Eggs thrown at the synagogue.")
    page.get_by_label("Why this level?", exact=True).fill("A hate incident at a place of worship.")
    page.get_by_label("Linked reports (optional)", exact=True).fill(reference)
    page.get_by_role("button", name="Save assessment").click()
    page.get_by_test_id("level").wait_for()
    assert page.get_by_test_id("level").inner_text() == "Level 3: Heightened"
    axe.check(page)

    # A burst of reports (made through the services) raises an alert.
    for weeks_back in range(1, 31):
        public_report(world, places, contact=False,
                      occurred_on=today - datetime.timedelta(weeks=weeks_back))
    for _ in range(12):
        public_report(world, places, contact=False, occurred_on=today)
    assert recompute(today=today, notify=False).new_alerts
    page.goto("/tensions/alerts/")
    page.get_by_role("heading", name=re.compile("Altrincham: Hate incident")).wait_for()
    assert page.get_by_text(re.compile(r"1[3-4] reports in the week of")).first.is_visible()
    axe.check(page)
    page.goto("/tensions/")
    axe.check(page)

    # A trigger event: open a response and tick the playbook.
    page.goto("/tensions/responses/")
    axe.check(page)
    page.get_by_label("What are you responding to?", exact=True).fill("Attack on the synagogue")
    page.get_by_role("button", name="Open response").click()
    page.get_by_role("heading", name="Attack on the synagogue").wait_for()
    axe.check(page)
    page.get_by_label("Show visible leadership", exact=True).check()
    page.get_by_label("Promote hate-crime reporting", exact=True).check()
    page.get_by_role("button", name="Save playbook").click()
    page.get_by_text("The playbook is updated").wait_for()
    assert page.get_by_label("Show visible leadership", exact=True).is_checked()
    assert not page.get_by_label("Convene community representatives", exact=True).is_checked()
    assert page.get_by_text("Done: Show visible leadership.").is_visible()
    axe.check(page)
