"""Action plans: sign-off and publication, actions and their rules, milestones, targets
read by the platform, progress updates with evidence, reminders and the history."""

from __future__ import annotations

import datetime
import io
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from commonground.accounts.models import Membership, Role, User
from commonground.background import schedule
from commonground.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from commonground.plans import selectors
from commonground.plans.models import ActionPlan, LocalIssue, PlanAction, PlanStatus
from commonground.plans.services import history
from commonground.plans.services import plans as plan_services
from commonground.plans.services import progress as progress_services
from commonground.plans.services.plans import ActionFields, TargetFields
from commonground.plans.targets import Verdict
from commonground.tensions.services.reports import submit_report
from tests.personas import World
from tests.plans.conftest import make_plan, trafford_wards

pytestmark = pytest.mark.django_db


def test_a_plan_is_signed_off_before_it_is_published(world: World, loaded: Path) -> None:
    officer = world["officer_a"]
    plan, action = make_plan(world)
    with pytest.raises(InvalidInput):
        plan_services.set_plan_status(actor=officer, plan=plan, status="published")
    with pytest.raises(InvalidInput) as caught:
        plan_services.set_plan_status(actor=officer, plan=plan, status="agreed")
    assert set(caught.value.fields) == {"signed_off_by", "signed_off_on"}
    plan_services.set_plan_status(actor=officer, plan=plan, status="agreed",
                                  signed_off_by="Executive",
                                  signed_off_on=datetime.date(2026, 5, 1))
    plan_services.set_plan_status(actor=officer, plan=plan, status="published")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.PUBLISHED and plan.published_at is not None
    with pytest.raises(Conflict):
        plan_services.delete_action(actor=officer, action=action)
    actions = list(history.of(plan).values_list("action", flat=True))
    assert actions == ["plans.plan.published", "plans.plan.agreed", "plans.action.create",
                       "plans.plan.create"]


def test_an_actions_links_are_checked(world: World, loaded: Path,
                                      confirmed_issue: LocalIssue) -> None:
    officer = world["officer_a"]
    plan, action = make_plan(world)
    stranger = User.objects.create_user("x@example.org", "pw", full_name="X")
    with pytest.raises(InvalidInput) as caught:
        plan_services.add_action(actor=officer, plan=plan, fields=ActionFields(
            title="", origin="adopted", lead_organisation=world.police, lead_officer=stranger,
            rag="red", ward_codes=["E05999999"], weight=0))
    assert set(caught.value.fields) == {"title", "library_action", "lead_officer",
                                        "rag_reason", "wards", "weight"}
    child = plan_services.add_action(actor=officer, plan=plan, fields=ActionFields(
        title="Train staff", parent=action, issues=[confirmed_issue],
        ward_codes=[w.code for w in trafford_wards(2)]))
    with pytest.raises(InvalidInput) as caught:
        plan_services.update_action(actor=officer, action=action, fields=ActionFields(
            title=action.title, parent=child))
    assert caught.value.fields == {"parent": ["An action cannot be inside itself."]}
    assert child.position == 1 and child.wards.count() == 2


def test_the_lead_keeps_milestones_and_rating_up_to_date(world: World, loaded: Path) -> None:
    plan, action = make_plan(world, status="agreed")
    milestone = plan_services.add_milestone(actor=world["officer_a"], action=action,
                                            title="Three centres open",
                                            due_on=datetime.date(2026, 9, 1), weight=2)
    plan_services.add_milestone(actor=world["partner"], action=action, title="Staff trained",
                                due_on=datetime.date(2026, 7, 1))
    plan_services.update_milestone(actor=world["partner"], milestone=milestone,
                                   title=milestone.title, due_on=milestone.due_on,
                                   status="done", weight=2)
    milestone.refresh_from_db()
    assert milestone.completed_on is not None
    plan_services.set_rating(actor=world["partner"], action=action, rag="amber",
                             reason="One centre is late.", status="in_progress")
    with pytest.raises(NotFound):  # an agreed plan, not published: Manchester cannot see it
        plan_services.set_rating(actor=world["officer_b"], action=action, rag="green",
                                 reason="x")
    page = selectors.plan_page(plan, datetime.date(2026, 8, 1))
    row = page.rows[0]
    assert round(row.rollup.progress, 1) == 66.7  # weights 2 done, 1 not
    assert (row.action.rag, row.milestones_done, row.overdue(datetime.date(2026, 8, 1))) == (
        "amber", 1, 1)
    assert round(page.rollup.progress, 1) == 66.7


def test_targets_read_by_the_platform(world: World, loaded: Path) -> None:
    officer = world["officer_a"]
    plan, action = make_plan(world)
    # No baseline given: the platform reads the census figure and dates it.
    english = plan_services.add_target(actor=officer, plan=plan, fields=TargetFields(
        title="Fewer residents without English", measure="place:english_proficiency",
        baseline_on=datetime.date(2026, 4, 1), target_value=1.0,
        target_on=datetime.date(2031, 3, 31)))
    assert (english.baseline_value, english.baseline_on) == (1.2, datetime.date(2021, 3, 21))
    with pytest.raises(InvalidInput) as caught:
        plan_services.add_target(actor=officer, plan=plan, fields=TargetFields(
            title="Ward figure", measure="place:english_proficiency",
            area=trafford_wards(1)[0], baseline_on=datetime.date(2026, 4, 1), target_value=1,
            target_on=datetime.date(2027, 1, 1)))
    assert "area" in caught.value.fields
    ward = trafford_wards(1)[0]
    for days in range(0, 60, 6):
        submit_report(actor=None, council=world.council_a, ward=ward, category="rumour",
                      what_happened="A rumour about the hotel.",
                      occurred_on=datetime.date(2026, 5, 30) - datetime.timedelta(days=days))
    rumours = plan_services.add_target(actor=officer, plan=plan, fields=TargetFields(
        title="Fewer rumours", measure="reports:rumour:91", area=ward, baseline_value=12,
        baseline_on=datetime.date(2026, 1, 1), target_value=6,
        target_on=datetime.date(2027, 1, 1)))
    visits = plan_services.add_target(actor=officer, plan=plan, fields=TargetFields(
        title="Visits to the centres", measure="manual:visits", baseline_value=0,
        baseline_on=datetime.date(2026, 4, 1), target_value=400,
        target_on=datetime.date(2027, 4, 1), action=action))
    plan_services.add_target_reading(actor=officer, target=visits, value=250,
                                     on=datetime.date(2026, 5, 20))
    with pytest.raises(InvalidInput):
        plan_services.add_target_reading(actor=officer, target=rumours, value=3,
                                         on=datetime.date(2026, 5, 1))
    page = selectors.plan_page(plan, datetime.date(2026, 6, 1))
    rows = {r.target.pk: r for r in page.targets}
    assert rows[english.pk].judgement.verdict == Verdict.NOT_NEWER
    counted = rows[rumours.pk]
    # 10 rumours in 91 days (95 % interval 4.8 to 18.4) cannot be told from 12.
    assert counted.reading is not None and counted.reading.value == 10
    assert counted.judgement.verdict == Verdict.INDISTINGUISHABLE
    assert rows[visits.pk].judgement.verdict == Verdict.ON_TRACK  # 62 % done, 13 % of the time


def test_progress_updates_with_evidence(world: World, loaded: Path, settings: Any,
                                        tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path
    plan, action = make_plan(world, status="published")
    update = progress_services.post_update(
        actor=world["partner"], action=action, text="Two centres open.",
        link="https://example.org/news", public=True,
        file=SimpleUploadedFile("leaflet.pdf", b"%PDF-1.4 leaflet"))
    assert update.organisation == world.police and update.file_name == "leaflet.pdf"
    assert update.file.read() == b"%PDF-1.4 leaflet"
    with pytest.raises(PermissionDenied):
        progress_services.post_update(actor=world["officer_b"], action=action, text="Hello")
    with pytest.raises(InvalidInput):
        progress_services.post_update(actor=world["partner"], action=action, text=" ")
    page = selectors.action_page(action, datetime.date(2026, 6, 1), insider=False)
    assert [u.text for u in page.updates] == ["Two centres open."]
    assert history.of(plan).filter(action="plans.update.create").count() == 1




def police_lead_reporting_monthly(world: World, email: str, name: str, language: str = "en-gb"
                                  ) -> tuple[User, ActionPlan, PlanAction]:
    """An agreed plan (made on 1 May 2026) whose action a police officer leads, with an
    update asked for every 30 days."""
    lead = User.objects.create_user(email, "pw", full_name=name, language=language)
    Membership.objects.create(user=lead, organisation=world.police, role=Role.MEMBER)
    with time_machine.travel(datetime.datetime(2026, 5, 1, 9, 0, tzinfo=datetime.UTC)):
        plan, action = make_plan(world, status="agreed")
        plan_services.update_action(actor=world["officer_a"], action=action, fields=ActionFields(
            title=action.title, lead_organisation=world.police, lead_officer=lead,
            update_every_days=30))
    return lead, plan, action

def test_reminders_go_once_per_interval_to_the_lead_officer(world: World,
                                                            loaded: Path) -> None:
    lead, _plan, action = police_lead_reporting_monthly(world, "sergeant@gmp.example",
                                                        "Sgt Lee")
    day = datetime.datetime(2026, 5, 20, 9, 0, tzinfo=datetime.UTC)
    assert progress_services.send_reminders(now=day) == 0
    assert progress_services.send_reminders(now=day + datetime.timedelta(days=12)) == 1
    assert progress_services.send_reminders(now=day + datetime.timedelta(days=13)) == 0
    with time_machine.travel(day + datetime.timedelta(days=14)):
        progress_services.post_update(actor=lead, action=action, text="On track.")
    assert progress_services.send_reminders(now=day + datetime.timedelta(days=40)) == 0
    assert progress_services.send_reminders(now=day + datetime.timedelta(days=45)) == 1


def test_reminder_emails_are_sent_after_the_transaction(world: World, loaded: Path,
                                                        django_capture_on_commit_callbacks: Any
                                                        ) -> None:
    with time_machine.travel(datetime.datetime(2026, 5, 1, 9, 0, tzinfo=datetime.UTC)):
        plan, action = make_plan(world, status="agreed")
    with django_capture_on_commit_callbacks(execute=True):
        sent = progress_services.send_reminders(
            now=datetime.datetime(2026, 6, 5, 9, 0, tzinfo=datetime.UTC))
    assert sent == 1
    assert [m.to for m in mail.outbox] == [[world["officer_a"].email]]  # the plan's author
    assert "Hate crime reporting centres" in mail.outbox[0].subject
    assert f"/plans/actions/{action.pk}/" in mail.outbox[0].body


def test_the_daily_job_reminds_a_lead_in_the_lead_s_own_language(
        world: World, loaded: Path, django_capture_on_commit_callbacks: Any) -> None:
    """The scheduler (background.schedule) runs plans.tasks.send_plan_reminders at 07:30;
    a lead who reads Welsh gets the reminder in Welsh."""
    name = "commonground.plans.tasks.send_plan_reminders"
    assert name in {job.name for job in schedule.scheduled_tasks()}
    _lead, plan, action = police_lead_reporting_monthly(world, "rhingyll@gmp.example",
                                                        "Rhingyll Jones", language="cy")
    out = io.StringIO()
    london = ZoneInfo("Europe/London")
    with time_machine.travel(datetime.datetime(2026, 6, 5, 7, 0, tzinfo=london), tick=False):
        call_command("scheduler", "--once", stdout=out)
    assert f"Enqueued {name}" not in out.getvalue() and not mail.outbox  # not 07:30 yet
    with (time_machine.travel(datetime.datetime(2026, 6, 5, 7, 31, tzinfo=london), tick=False),
          django_capture_on_commit_callbacks(execute=True)):
        call_command("scheduler", "--once", stdout=out)
    assert f"Enqueued {name}" in out.getvalue()
    assert [m.to for m in mail.outbox] == [["rhingyll@gmp.example"]]
    assert mail.outbox[0].subject == "Diweddariad yn ddyledus: Hate crime reporting centres"
    assert "Mae diweddariad yn ddyledus ar y cam gweithredu" in mail.outbox[0].body
    assert history.of(plan).filter(action="plans.update.reminder").count() == 1
