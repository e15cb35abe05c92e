"""Reports in, triage, assessments, early warning and retention, through the services."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from commonground.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from commonground.core.models import AuditEvent
from commonground.tensions.models import Alert, Assessment, Report, ReporterContact, Status
from commonground.tensions.services import early_warning, triage
from commonground.tensions.services import response as response_services
from commonground.tensions.services.assessments import save_assessment
from commonground.tensions.services.reports import (
    ContactDetails,
    add_information,
    resolve_ward,
    submit_report,
)
from commonground.tensions.services.retention import purge_contact_details
from tests.personas import World
from tests.tensions.conftest import Places, public_report

pytestmark = pytest.mark.django_db
TZ = datetime.UTC


@time_machine.travel(datetime.datetime(2026, 11, 21, 10, 0, tzinfo=TZ), tick=False)
def test_a_public_report_gets_a_reference_timers_and_separate_contact(
    world: World, places: Places
) -> None:
    report, token = public_report(world, places)
    assert re.fullmatch(r"CG-2026-\d{6}", report.reference or "")
    assert report.reference == f"CG-2026-{report.pk:06d}"
    assert token.startswith("rpt_") and report.private_token_hash != token
    # A hate incident with contact details: 24 hours to first contact, 7 days to follow up.
    assert report.first_contact_due == datetime.datetime(2026, 11, 22, 10, 0, tzinfo=TZ)
    assert report.follow_up_due == datetime.datetime(2026, 11, 28, 10, 0, tzinfo=TZ)
    contact = ReporterContact.objects.get(report=report)
    assert contact.email == "sam@example.org"
    assert contact.retain_until == datetime.date(2027, 11, 21)
    event = AuditEvent.objects.get(action="report.create")
    assert event.organisation_id == world.council_a.pk and event.actor is None
    assert "sam@example.org" not in str(event.new_values)


def test_anonymous_reports_and_other_categories_have_no_timers(world: World,
                                                               places: Places) -> None:
    anonymous, _ = public_report(world, places, contact=False)
    rumour, _ = public_report(world, places, category="rumour")
    assert not anonymous.has_timers and not rumour.has_timers
    assert not ReporterContact.objects.filter(report=anonymous).exists()


def test_bad_reports_are_refused_with_the_fields_named(world: World, places: Places) -> None:
    with pytest.raises(InvalidInput) as exc:
        submit_report(actor=None, council=world.council_a, ward=None, category="nonsense",
                      what_happened=" ", occurred_on=datetime.date(2099, 1, 1),
                      reported_to_police="maybe")
    assert set(exc.value.fields) == {"category", "what_happened", "occurred_on",
                                     "reported_to_police"}
    with pytest.raises(InvalidInput) as exc:
        submit_report(actor=None, council=world.council_a, ward=None,
                      category="hate_incident", what_happened="x",
                      occurred_on=datetime.date(2026, 1, 1))
    assert "characteristics" in exc.value.fields
    assert Report.objects.count() == 0


def test_the_ward_comes_from_the_list_or_the_point(world: World, places: Places) -> None:
    assert resolve_ward(world.council_a, ward_code="E05000002") == places.a_east
    assert resolve_ward(world.council_a, longitude=-2.35, latitude=53.45) == places.a_west
    assert resolve_ward(world.council_a) is None
    with pytest.raises(InvalidInput):  # a ward of another council
        resolve_ward(world.council_a, ward_code="E05000011")
    with pytest.raises(InvalidInput):  # a point in Manchester
        resolve_ward(world.council_a, longitude=-2.35, latitude=53.58)


def test_partners_and_officers_report_for_others(world: World, places: Places) -> None:
    common = {"ward": places.a_east, "category": "community_tension",
              "what_happened": "Graffiti on the community centre.",
              "occurred_on": datetime.date(2026, 11, 19)}
    report, _ = submit_report(actor=world["partner"], council=world.council_a,
                              source="partner", on_behalf_of="a shopkeeper", **common)
    assert report.submitted_for == world.police and report.submitted_by == world["partner"]
    intel, _ = submit_report(actor=world["officer_a"], council=world.council_a,
                             source="officer", **common)
    assert intel.source == "officer"
    with pytest.raises(PermissionDenied):  # officers record for their own council only
        submit_report(actor=world["officer_b"], council=world.council_a, source="officer",
                      **common)
    with pytest.raises(PermissionDenied):
        submit_report(actor=world["resident"], council=world.council_a, source="partner",
                      **common)


def test_triage_is_audited_with_what_changed(world: World, places: Places) -> None:
    report, _ = public_report(world, places)
    officer = world["officer_a"]
    triage.update_triage(actor=officer, report=report, status=Status.ACKNOWLEDGED,
                         priority="high", assignee_id=officer.pk, tags=["Mosque", " school "])
    report.refresh_from_db()
    assert (report.status, report.priority, report.assignee) == ("acknowledged", "high",
                                                                 officer)
    assert sorted(report.tags.values_list("name", flat=True)) == ["mosque", "school"]
    event = AuditEvent.objects.get(action="report.triage")
    assert event.old_values == {"status": "new", "priority": "normal", "assignee": None,
                                "tags": []}
    assert event.new_values["status"] == "acknowledged"
    with pytest.raises(InvalidInput):  # assignee must be one of the council's officers
        triage.update_triage(actor=officer, report=report, assignee_id=world["officer_b"].pk)
    with pytest.raises(NotFound):  # no agreement: the partner does not even see it
        triage.add_note(actor=world["partner"], report=report, text="x")


def test_merging_a_duplicate_closes_it_and_points_at_the_original(
    world: World, places: Places
) -> None:
    original, _ = public_report(world, places)
    duplicate, _ = public_report(world, places)
    officer = world["officer_a"]
    triage.merge_duplicate(actor=officer, duplicate=duplicate,
                           reference=(original.reference or "").lower())
    duplicate.refresh_from_db()
    assert duplicate.merged_into == original and duplicate.status == Status.CLOSED
    assert original in duplicate.related.all()
    third, _ = public_report(world, places)
    with pytest.raises(Conflict):  # cannot merge into a duplicate
        triage.merge_duplicate(actor=officer, duplicate=third,
                               reference=duplicate.reference or "")
    with pytest.raises(InvalidInput):
        triage.link_reports(actor=officer, report=original, reference=original.reference or "")


def test_recording_contact_stops_the_timers(world: World, places: Places) -> None:
    report, _ = public_report(world, places)
    triage.record_contact(actor=world["officer_a"], report=report, stage="first")
    assert report.first_contact_at is not None and report.follow_up_at is None
    rumour, _ = public_report(world, places, category="rumour")
    with pytest.raises(Conflict):
        triage.record_contact(actor=world["officer_a"], report=rumour, stage="first")


def test_the_reporter_adds_information_and_it_is_audited(world: World,
                                                        places: Places) -> None:
    report, _ = public_report(world, places)
    add_information(report=report, text="It happened again on Friday.")
    assert report.updates.get().text == "It happened again on Friday."
    assert AuditEvent.objects.filter(action="report.add_information").count() == 1
    with pytest.raises(InvalidInput):
        add_information(report=report, text="   ")


def test_an_assessment_is_one_per_area_and_week_and_checks_its_links(
    world: World, places: Places
) -> None:
    report, _ = public_report(world, places)
    officer = world["officer_a"]
    first = save_assessment(actor=officer, council=world.council_a, area=places.a_west,
                            week_of=datetime.date(2026, 11, 19), level=2, reasons="Quiet.",
                            report_references=[report.reference or ""])
    again = save_assessment(actor=officer, council=world.council_a, area=places.a_west,
                            week_of=datetime.date(2026, 11, 22), level=4, reasons="Worse.")
    assert first.pk == again.pk and again.week_start == datetime.date(2026, 11, 16)
    assert Assessment.objects.get().level == 4
    with pytest.raises(InvalidInput) as exc:
        save_assessment(actor=officer, council=world.council_a, area=places.b_north,
                        week_of=datetime.date(2026, 11, 19), level=9, reasons="",
                        report_references=["CG-2026-999999"])
    assert set(exc.value.fields) == {"area", "level", "reasons", "reports"}
    with pytest.raises(NotFound):
        save_assessment(actor=world["partner"],
                        council=world.council_a, area=places.a_west,
                        week_of=datetime.date(2026, 11, 19), level=1, reasons="x")


def burst(world: World, places: Places, *, weeks_back: int, per_week: int,
          today: datetime.date, category: str = "hate_incident") -> None:
    """A steady trickle of ``per_week`` reports a week for ``weeks_back`` weeks."""
    for w in range(1, weeks_back + 1):
        for _ in range(per_week):
            public_report(world, places, category=category, contact=False,
                          occurred_on=today - datetime.timedelta(weeks=w))


def test_a_burst_of_reports_raises_an_alert_that_explains_itself_and_emails(
    world: World, places: Places, django_capture_on_commit_callbacks: Any
) -> None:
    today = datetime.date(2026, 11, 20)
    burst(world, places, weeks_back=30, per_week=1, today=today)
    response_services.set_subscription(actor=world["officer_a"], council=world.council_a,
                                       subscribed=True)
    quiet = early_warning.recompute(today=today)
    assert quiet.new_alerts == [] and Alert.objects.count() == 0
    for _ in range(12):
        public_report(world, places, contact=False, occurred_on=today)
    with django_capture_on_commit_callbacks(execute=True):  # the emails' task
        out = early_warning.recompute(today=today)
    alerts = {(a.area.code, a.category) for a in out.new_alerts}
    # The ward and the council as a whole both stand out.
    assert alerts == {("E05000001", "hate_incident"), ("E08000009", "hate_incident")}
    ward_alert = Alert.objects.get(area=places.a_west)
    assert ward_alert.observed == 12 and ward_alert.expected == pytest.approx(1.0, abs=0.3)
    assert ward_alert.explanation.startswith("12 reports in the week of 16 November 2026")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["officer_a@example.org"]
    assert "Altrincham, Hate incident: 12 reports" in mail.outbox[0].body
    # Running again stores nothing new and sends nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        assert early_warning.recompute(today=today).new_alerts == []
    assert len(mail.outbox) == 1


def test_a_trigger_event_makes_a_smaller_rise_alert(world: World, places: Places) -> None:
    today = datetime.date(2026, 11, 20)
    burst(world, places, weeks_back=30, per_week=1, today=today)
    for _ in range(5):
        public_report(world, places, contact=False, occurred_on=today)
    assert early_warning.recompute(today=today, notify=False).new_alerts == []
    response_services.create_trigger_event(
        actor=world["officer_a"], council=world.council_a, name="Planned march",
        kind="march", starts_on=today, ends_on=today + datetime.timedelta(days=3),
        watch_level=20)
    out = early_warning.recompute(today=today, notify=False)
    assert out.new_alerts and all(a.watch == 20.0 for a in out.new_alerts)
    assert "raised watch level" in out.new_alerts[0].explanation


def test_merged_duplicates_do_not_count_twice(world: World, places: Places) -> None:
    today = datetime.date(2026, 11, 20)
    burst(world, places, weeks_back=30, per_week=1, today=today)
    copies = [public_report(world, places, contact=False, occurred_on=today)[0]
              for _ in range(12)]
    for copy in copies[1:]:
        triage.merge_duplicate(actor=world["officer_a"], duplicate=copy,
                               reference=copies[0].reference or "")
    assert early_warning.recompute(today=today, notify=False).new_alerts == []


def test_contact_details_are_purged_when_retention_ends(world: World, places: Places,
                                                       settings: object) -> None:
    with time_machine.travel(datetime.datetime(2026, 1, 10, 12, tzinfo=TZ), tick=False):
        old, _ = public_report(world, places, occurred_on=datetime.date(2026, 1, 9))
    with time_machine.travel(datetime.datetime(2026, 11, 1, 12, tzinfo=TZ), tick=False):
        recent, _ = public_report(world, places, occurred_on=datetime.date(2026, 10, 31))
    with time_machine.travel(datetime.datetime(2027, 1, 11, 12, tzinfo=TZ), tick=False):
        assert purge_contact_details(dry_run=True) == 1
        call_command("purge_contact_details", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not ReporterContact.objects.filter(report=old).exists()
    assert ReporterContact.objects.filter(report=recent).exists()
    assert Report.objects.filter(pk=old.pk).exists()  # the report itself stays
    assert AuditEvent.objects.filter(action="report.contact_purged",
                                     object_id=str(old.pk)).count() == 1


def test_only_the_councils_officers_subscribe_to_its_alerts(world: World) -> None:
    with pytest.raises(NotFound):
        response_services.set_subscription(actor=world["officer_b"], council=world.council_a,
                                           subscribed=True)
    assert response_services.set_subscription(actor=world["officer_a"],
                                              council=world.council_a, subscribed=True)
    assert not ContactDetails(name="Only a name").given
