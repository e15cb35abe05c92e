"""A council's administrator uses the audit log as a new user would (issue 13, item 7):
opens it from their account, narrows it by person, action, kind of object and dates,
downloads what they filtered, and finds the download recorded once. axe on every page."""

from __future__ import annotations

import csv
import datetime
import io
from pathlib import Path
from typing import Any

import pytest

from tests.accounts.test_audit_log_page import row
from tests.e2e.conftest import Axe
from tests.e2e.test_invitation_journey import sign_in
from tests.personas import World

pytestmark = pytest.mark.django_db(transaction=True)


def shown(page: Any) -> list[str]:
    """The actions of the table's rows, top to bottom."""
    return [c.inner_text() for c in page.locator("tbody td code").all()]


def test_an_administrator_filters_the_log_and_downloads_one_audit_row(
        page: Any, axe: Axe, world: World, tmp_path: Path) -> None:
    row(world, action="report.view", day=datetime.date(2026, 11, 2))
    row(world, action="report.triage", who="org_admin_a@example.org", object_id="2",
        label="TR-BBBB", day=datetime.date(2026, 11, 9))
    row(world, action="rumour.save", object_type="tensions.rumour", object_id="7",
        label="Rumour 7", day=datetime.date(2026, 11, 16))
    sign_in(page, axe, "org_admin_a@example.org")
    page.goto("/account/")
    page.get_by_role("link", name="Audit log").first.click()
    page.get_by_role("heading", name="Audit log", level=1).wait_for()
    axe.check(page)
    everything = shown(page)
    assert {"report.view", "report.triage", "rumour.save"} <= set(everything)

    # By person: part of an email address.
    page.get_by_label("Person", exact=True).fill("org_admin_a")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**/account/audit/?*")
    assert shown(page) == ["report.triage"]
    axe.check(page)

    # By kind of object and dates; the filters stay in the address and the form.
    page.get_by_role("link", name="Clear filters").click()
    page.get_by_label("Kind of object", exact=True).select_option("tensions.report")
    page.get_by_label("On or after", exact=True).fill("2026-11-01")
    page.get_by_label("On or before", exact=True).fill("2026-11-05")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**/account/audit/?*")
    assert shown(page) == ["report.view"]
    assert page.get_by_label("On or after", exact=True).input_value() == "2026-11-01"
    axe.check(page)

    # A date range the wrong way round is named on the form; nothing is filtered.
    page.get_by_label("On or before", exact=True).fill("2026-10-01")
    page.get_by_role("button", name="Apply filters").click()
    page.get_by_role("link", name="Choose a date on or after the first one.").wait_for()
    axe.check(page)

    # By action, then download exactly those entries.
    page.goto("/account/audit/")
    page.get_by_label("Action", exact=True).select_option("report.triage")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**/account/audit/?*")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download these entries (CSV)").click()
    target = tmp_path / "audit-log.csv"
    download_info.value.save_as(target)
    lines = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert len(lines) == 2 and "report.triage" in lines[1]

    # The download is one entry of the log, whatever it held.
    page.get_by_role("link", name="Clear filters").click()
    assert shown(page).count("audit.export") == 1
    assert shown(page)[0] == "audit.export"
    axe.check(page)
