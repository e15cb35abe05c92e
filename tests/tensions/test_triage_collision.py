"""Two officers triaging one report at once: the second is told, never silently obeyed."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from commonground.core.errors import EditConflict, ErrorCode
from commonground.core.models import AuditEvent
from commonground.tensions.models import Report
from commonground.tensions.services import triage
from tests.personas import World
from tests.tensions.conftest import Places, public_report
from tests.tensions.test_pages import as_

pytestmark = pytest.mark.django_db


def triage_form(client: Client, reference: str) -> dict[str, str]:
    """The triage form's fields as the page gives them (the version among them)."""
    page = client.get(f"/tensions/reports/{reference}/").content.decode()
    version = re.search(r'name="version" value="(\d+)"', page)
    assert version is not None, "the triage form carries the version it was read at"
    return {"version": version.group(1), "status": "new", "priority": "normal",
            "assignee": "", "tags": "", "ward": "E05000001", "category": "hate_incident",
            "characteristics": "religion", "location_description": ""}


def test_the_second_officer_to_save_is_told_and_changes_nothing(
    world: World, places: Places
) -> None:
    report, _ = public_report(world, places)
    url = f"/tensions/reports/{report.reference}/triage/"
    first, second = as_("officer_a", world), as_("org_admin_a", world)
    # Both open the report before either saves.
    form_a = triage_form(first, report.reference or "")
    form_b = triage_form(second, report.reference or "")
    assert form_a["version"] == form_b["version"] == "0"

    saved = first.post(url, {**form_a, "status": "acknowledged", "priority": "high"})
    assert saved.status_code == 302

    refused = second.post(url, {**form_b, "status": "closed", "priority": "low"})
    assert refused.status_code == 200
    page = refused.content.decode()
    assert "Officer A changed this report at" in page
    assert "so your changes were not saved" in page
    assert ("It is now Acknowledged, High priority, assigned to nobody; ward: Altrincham; "
            "category: Hate incident.") in page
    assert 'class="govuk-error-summary"' in page
    # The colleague's change stands; the refused one left no trace but the refusal.
    report.refresh_from_db()
    assert (report.status, report.priority, report.version) == ("acknowledged", "high", 1)
    assert AuditEvent.objects.filter(action="report.triage").count() == 1
    # The refused officer's choices stay on the form, now at the current version, so
    # saving again applies them knowingly.
    assert 'name="version" value="1"' in page
    assert re.search(r'<option value="closed" selected>', page)
    again = second.post(url, {**form_b, "version": "1", "status": "closed",
                              "priority": "low"})
    assert again.status_code == 302
    report.refresh_from_db()
    assert (report.status, report.priority, report.version) == ("closed", "low", 2)


def test_the_service_refuses_a_stale_version(world: World, places: Places) -> None:
    report, _ = public_report(world, places)
    stale = Report.objects.get(pk=report.pk)
    triage.update_triage(actor=world["officer_a"], report=report, version=0,
                         status="acknowledged")
    with pytest.raises(EditConflict) as refused:
        triage.update_triage(actor=world["org_admin_a"], report=stale, version=0,
                             status="closed")
    assert refused.value.code == ErrorCode.EDIT_CONFLICT and refused.value.status == 409
    assert Report.objects.get(pk=report.pk).status == "acknowledged"
    # A save that changes nothing keeps the version, so it cannot trip a colleague up.
    triage.update_triage(actor=world["officer_a"], report=report, version=1,
                         status="acknowledged")
    assert Report.objects.get(pk=report.pk).version == 1


def test_triage_locks_the_report_row(world: World, places: Places) -> None:
    report, _ = public_report(world, places)
    with CaptureQueriesContext(connection) as queries:
        triage.update_triage(actor=world["officer_a"], report=report, version=0,
                             priority="high")
    locks = [q["sql"] for q in queries.captured_queries if "FOR UPDATE" in q["sql"]]
    if connection.features.has_select_for_update:
        assert len(locks) == 1 and '"tensions_report"' in locks[0]
    else:  # SQLite: IMMEDIATE transactions let one writer in at a time instead
        assert locks == []
        assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
