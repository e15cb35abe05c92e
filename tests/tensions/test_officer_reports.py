"""An officer's daily work on reports: recording one for their own council in one go,
errors that name the real problem, and triage that corrects the ward, category and place,
with the counts and early-warning alerts following."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from commonground.accounts import services as account_services
from commonground.core.models import AuditEvent
from commonground.tensions.models import Alert, Report
from commonground.tensions.services import triage
from commonground.tensions.services.early_warning import recompute
from commonground.tensions.services.triage import Correction
from tests.personas import World
from tests.tensions.conftest import Places, public_report
from tests.tensions.test_pages import as_

pytestmark = pytest.mark.django_db

REPORT = {
    "ward": "E05000002", "category": "community_tension", "characteristics": [],
    "what_happened": "Groups of young men gathering outside the shops.",
    "occurred_on": "2026-11-19", "reported_to_police": "no", "who_affected": "",
    "root_cause": "", "location_description": "", "contact_name": "", "contact_email": "",
    "contact_phone": "", "on_behalf_of": "",
}


def test_the_officer_records_a_report_for_their_own_council_in_one_go(
    world: World, places: Places
) -> None:
    officer = as_("officer_a", world)
    page = officer.get("/tensions/reports/new/").content.decode()
    # Their own council, with its wards, and no other council to choose by mistake.
    assert "Trafford Council" in page and "Sale Central" in page and "Altrincham" in page
    assert "Ancoats" not in page and 'data-testid="choose-council"' not in page
    assert "Where the intelligence came from (optional)" in page
    sent = officer.post("/tensions/reports/new/", REPORT)
    report = Report.objects.get()
    assert sent.status_code == 302 and sent["Location"] == f"/tensions/reports/{report.reference}/"
    assert (report.council, report.ward, report.source) == (world.council_a, places.a_east,
                                                            "officer")
    # Another council's address is not theirs to record for.
    assert officer.get("/tensions/reports/new/?council=E08000003").status_code == 404


def test_errors_name_what_is_missing(world: World, places: Places) -> None:
    empty = {"on_behalf_of": ""}  # a form sent with nothing filled in
    page = as_("officer_a", world).post("/tensions/reports/new/", empty).content.decode()
    for message in ["Choose what kind of incident it was.", "Tell us what happened.",
                    "Enter the date it happened.",
                    "Say whether it was reported to the police.",
                    "Choose the ward, click the map, or describe the place."]:
        assert message in page, message
    assert "This field is required" not in page
    assert "partner" not in page.split("govuk-error-summary", 1)[1].split("</div>", 1)[0]
    assert not Report.objects.exists()
    partner_page = as_("partner", world).post("/tensions/reports/new/", empty)
    assert "Say who you are reporting for, without naming them." in partner_page.content.decode()


def test_a_partner_is_offered_the_councils_that_share_with_it_first(
    world: World, places: Places
) -> None:
    account_services.create_sharing_agreement(
        actor=None, owner=world.council_a, partner=world.police,
        categories=["hate_incident"], starts_on=datetime.date(2026, 1, 1))
    page = as_("partner", world).get("/tensions/reports/new/").content.decode()
    options = re.findall(r'<option value="(E08\d+)"( selected)?>', page)
    assert options == [("E08000009", " selected"), ("E08000003", "")]
    assert "Reporting for someone else" in page and "Altrincham" in page


def test_triage_corrects_ward_category_and_place_and_the_counts_follow(
    world: World, places: Places
) -> None:
    today = timezone.localdate()
    report, _ = public_report(world, places, occurred_on=today, contact=False)
    Report.objects.filter(pk=report.pk).update(location_description="Outside 12 Acacia Road",
                                               longitude=-2.35, latitude=53.45)
    officer = as_("officer_a", world)

    def ward_counts() -> dict[str, str]:
        page = officer.get("/tensions/").content.decode()
        table = page.split("Reports by ward", 1)[1]
        return dict(re.findall(r'<td class="govuk-table__cell">([^<]+)</td><td class='
                               r'"govuk-table__cell govuk-table__cell--numeric">(\w+)</td>',
                               table))

    assert ward_counts() == {"Altrincham": "1", "Sale Central": "0"}
    saved = officer.post(f"/tensions/reports/{report.reference}/triage/", {
        "version": "0", "status": "acknowledged", "priority": "normal", "assignee": "",
        "tags": "", "ward": "E05000002", "category": "hate_incident",
        "characteristics": ["race"], "location_description": "Sale bus station"})
    assert saved.status_code == 302
    report.refresh_from_db()
    assert (report.ward, report.characteristics, report.location_description) == (
        places.a_east, ["race"], "Sale bus station")
    # The map point was in Altrincham: it no longer agrees with the ward, so it goes.
    assert report.latitude is None and report.longitude is None
    assert ward_counts() == {"Altrincham": "0", "Sale Central": "1"}
    event = AuditEvent.objects.get(action="report.triage")
    assert event.old_values["ward"] == "E05000001" and event.new_values["ward"] == "E05000002"
    assert event.old_values["characteristics"] == ["religion"]
    # The reporter's own words are not copied into the audit log; it says they changed.
    assert "location_description" in event.new_values
    assert "Acacia" not in str(event.old_values) + str(event.new_values)


def test_bad_corrections_are_refused_on_the_field(world: World, places: Places) -> None:
    report, _ = public_report(world, places)
    page = as_("officer_a", world).post(
        f"/tensions/reports/{report.reference}/triage/", {
            "version": "0", "status": "new", "priority": "normal", "assignee": "",
            "tags": "", "ward": "E05000011", "category": "hate_incident",
            "characteristics": [], "location_description": ""}).content.decode()
    # Another council's ward is not on the list; a hate incident needs its hostility.
    assert "Select a valid choice. E05000011 is not one of the available choices." in page
    report.refresh_from_db()
    assert report.ward == places.a_west and report.version == 0
    with pytest.raises(Exception, match="Check the corrections"):
        triage.update_triage(actor=world["officer_a"], report=report, correction=Correction(
            ward_code="E05000001", category="hate_incident", characteristics=[],
            location_description=""))


def burst(world: World, places: Places, today: datetime.date) -> list[Report]:
    """Thirty quiet weeks of one hate incident a week in Altrincham, then twelve now."""
    for weeks_back in range(1, 31):
        public_report(world, places, contact=False,
                      occurred_on=today - datetime.timedelta(weeks=weeks_back))
    return [public_report(world, places, contact=False, occurred_on=today)[0]
            for _ in range(12)]


def test_alerts_follow_a_correction_through_the_background_task(
    world: World, places: Places, django_capture_on_commit_callbacks: Any
) -> None:
    today = timezone.localdate()
    reports = burst(world, places, today)
    recompute(today=today, notify=False)
    alert = Alert.objects.get(area=places.a_west, category="hate_incident")
    assert alert.observed >= 12
    # The officer finds most of the burst were rumours, not hate incidents.
    for report in reports[:10]:
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            triage.update_triage(actor=world["officer_a"], report=report, correction=Correction(
                ward_code="E05000001", category="rumour", characteristics=[],
                location_description=""))
        assert len(callbacks) == 1  # the council's recompute, queued on commit
    assert not Alert.objects.filter(area=places.a_west, category="hate_incident").exists()
    # Withdrawn, with the council-wide alert of the same burst, and logged.
    withdrawn = AuditEvent.objects.filter(action="alert.withdraw")
    assert [e.old_values["category"] for e in withdrawn] == ["hate_incident"] * 2
    # A triage change that moves no report between series queues nothing.
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        triage.update_triage(actor=world["officer_a"], report=reports[11], priority="high")
    assert callbacks == []


def test_an_alert_an_officer_has_seen_stays(world: World, places: Places,
                                            django_capture_on_commit_callbacks: Any) -> None:
    today = timezone.localdate()
    reports = burst(world, places, today)
    recompute(today=today, notify=False)
    Alert.objects.update(acknowledged_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        for report in reports[:10]:
            triage.update_triage(actor=world["officer_a"], report=report, correction=Correction(
                ward_code="E05000001", category="rumour", characteristics=[],
                location_description=""))
    assert Alert.objects.filter(area=places.a_west, category="hate_incident").exists()


def test_the_report_page_reads_a_fixed_number_of_queries(
    world: World, places: Places, django_assert_num_queries: Any
) -> None:
    report, _ = public_report(world, places)
    officer = as_("officer_a", world)
    officer.get(f"/tensions/reports/{report.reference}/")  # the gazetteer is then warm
    # Session, the user with their memberships, report, contact, two audit rows, officers,
    # tags, updates, notes, related: the ward list comes from the gazetteer.
    with django_assert_num_queries(11):
        officer.get(f"/tensions/reports/{report.reference}/")
    # Session, the user with their memberships, councils, their areas, the wards.
    with django_assert_num_queries(5):
        officer.get("/tensions/reports/new/")


def test_the_report_list_rows_link_and_label_each_report_in_the_readers_language(
    world: World, places: Places
) -> None:
    plain, _ = public_report(world, places)
    odd, _ = public_report(world, places, category="rumour")
    # A reference unlike the service's own still gets the address reverse() gives it.
    Report.objects.filter(pk=odd.pk).update(reference="CG 2026 odd", priority="urgent")
    officer = as_("officer_a", world)
    english = officer.get("/tensions/reports/").content.decode()
    welsh = officer.get("/cy/tensions/reports/").content.decode()
    for page, prefix in ((english, ""), (welsh, "/cy")):
        assert f'href="{prefix}/tensions/reports/{plain.reference}/"' in page
        assert f'href="{prefix}/tensions/reports/CG%202026%20odd/"' in page
    with translation.override("cy"):
        assert f'href="{reverse("tensions:report", args=["CG 2026 odd"])}"' in welsh
    cells = re.findall(r'<td class="govuk-table__cell">([^<]+?)(?: <strong|</td>)', english)
    assert {"Hate incident", "Rumour or misinformation", "New", "Normal", "Urgent"} <= set(cells)
    cells = re.findall(r'<td class="govuk-table__cell">([^<]+?)(?: <strong|</td>)', welsh)
    assert {"Digwyddiad casineb", "Newydd"} <= set(cells)
    assert not {"Hate incident", "New", "Urgent"} & set(cells)
