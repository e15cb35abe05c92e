"""The scheduler: when jobs fall due (local time, across clock changes), that two
schedulers never enqueue one run twice, and that a due job does its work."""

from __future__ import annotations

import datetime
import io
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from commonground.background import schedule
from commonground.background.models import ScheduledJob
from commonground.core.models import AuditEvent
from tests.background.conftest import DATABASE_TASKS

UTC = datetime.UTC
LONDON = ZoneInfo("Europe/London")


def test_a_daily_job_keeps_its_local_time_across_the_clock_change() -> None:
    job = schedule.daily(at=datetime.time(2, 30))
    # Clocks go forward at 01:00 UTC on Sunday 29 March 2026.
    saturday_noon = datetime.datetime(2026, 3, 28, 12, 0, tzinfo=UTC)
    sunday = job.next_after(saturday_noon)
    assert sunday == datetime.datetime(2026, 3, 29, 1, 30, tzinfo=UTC)  # 02:30 BST
    assert job.next_after(sunday) == datetime.datetime(2026, 3, 30, 1, 30, tzinfo=UTC)
    # Before the change, 02:30 is 02:30 UTC.
    assert job.next_after(datetime.datetime(2026, 3, 27, 3, 0, tzinfo=UTC)) == (
        datetime.datetime(2026, 3, 28, 2, 30, tzinfo=UTC))
    assert job.describe() == "every day at 02:30"


def test_a_weekly_job_waits_for_its_weekday() -> None:
    monday_nine = schedule.weekly(weekday=0, at=datetime.time(9, 0))
    wednesday = datetime.datetime(2026, 12, 2, 10, 0, tzinfo=LONDON)
    assert monday_nine.next_after(wednesday) == datetime.datetime(2026, 12, 7, 9, 0,
                                                                  tzinfo=LONDON)
    assert monday_nine.describe() == "every Monday at 09:00"


def test_intervals_are_at_least_a_minute_and_say_what_they_are() -> None:
    assert schedule.every(hours=1).describe() == "every hour"
    assert schedule.every(minutes=5).describe() == "every 5 minutes"
    with pytest.raises(ValueError, match="at most once a minute"):
        schedule.every(minutes=0)


def test_every_app_s_jobs_are_registered() -> None:
    names = {job.name for job in schedule.scheduled_tasks()}
    assert {"commonground.tensions.tasks.recompute_early_warning",
            "commonground.tensions.tasks.purge_contact_details",
            "commonground.background.tasks.purge_audit_log",
            "commonground.background.tasks.retry_due_emails"} <= names


@pytest.mark.django_db
def test_a_due_run_is_enqueued_once_even_by_two_schedulers(monkeypatch: Any) -> None:
    name = "commonground.tensions.tasks.recompute_early_warning"
    now = datetime.datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
    with override_settings(TASKS=DATABASE_TASKS):
        first = schedule.enqueue_due(now)
        assert name in first  # hourly: due as soon as a scheduler first runs
        row = ScheduledJob.objects.get(name=name)
        assert row.next_due_at == now + datetime.timedelta(hours=1)
        assert DBTaskResult.objects.filter(task_path=name).count() == 1
        assert str(DBTaskResult.objects.get(task_path=name).pk) == row.last_task_id
        # A second scheduler at the same moment finds nothing due.
        assert schedule.enqueue_due(now) == []
        # Two schedulers that both read the job as due: the second's claim fails.
        later = now + datetime.timedelta(hours=1)
        stale = {job.name: schedule._row(job, later) for job in schedule.scheduled_tasks()}
        assert name in schedule.enqueue_due(later)
        monkeypatch.setattr(schedule, "_row", lambda job, now: stale[job.name])
        assert schedule.enqueue_due(later) == []
        assert DBTaskResult.objects.filter(task_path=name).count() == 2


@pytest.mark.django_db
def test_the_scheduler_purges_the_audit_log_at_three_in_the_morning() -> None:
    old = AuditEvent.objects.create(action="user.sign_in")
    recent = AuditEvent.objects.create(action="user.sign_in")
    AuditEvent.objects.filter(pk=old.pk).update(
        created_at=datetime.datetime(2019, 1, 1, tzinfo=UTC))
    out = io.StringIO()
    with time_machine.travel(datetime.datetime(2026, 12, 1, 2, 0, tzinfo=LONDON), tick=False):
        call_command("scheduler", "--once", stdout=out)
    assert AuditEvent.objects.filter(pk=old.pk).exists()  # not due yet
    assert "Enqueued commonground.background.tasks.purge_audit_log" not in out.getvalue()
    with time_machine.travel(datetime.datetime(2026, 12, 1, 3, 1, tzinfo=LONDON), tick=False):
        call_command("scheduler", "--once", stdout=out)
    assert "Enqueued commonground.background.tasks.purge_audit_log" in out.getvalue()
    assert not AuditEvent.objects.filter(pk=old.pk).exists()
    assert AuditEvent.objects.filter(pk=recent.pk).exists()
    row = ScheduledJob.objects.get(name="commonground.background.tasks.purge_audit_log")
    assert row.next_due_at == datetime.datetime(2026, 12, 2, 3, 0, tzinfo=LONDON)
