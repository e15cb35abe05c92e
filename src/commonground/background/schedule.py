"""Scheduled jobs: a registry any app adds to, and the step the scheduler repeats.

An app makes a task periodic where it defines it, in its ``tasks.py``::

    @scheduled(every(hours=1))
    @task()
    def recompute_early_warning() -> dict[str, int]: ...

    @scheduled(daily(at=time(2, 30)))
    @task()
    def purge_contact_details() -> int: ...

``commonground scheduler`` calls :func:`enqueue_due` every few seconds. The database keeps,
per job, when it is next due (``ScheduledJob``); a scheduler claims a due job by moving
that time on with a conditional UPDATE, and enqueues the task only if its UPDATE won, so
two schedulers never enqueue the same run twice. Runs missed while no scheduler was
running are not made up: the job runs once, then keeps its rhythm from there. Times of
day are local (``TIME_ZONE``, Europe/London), across clock changes.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django_tasks.base import Task

from commonground.background.models import ScheduledJob

logger = logging.getLogger(__name__)


class Schedule(Protocol):
    def first_due(self, now: datetime.datetime) -> datetime.datetime:
        """When a job never run before is first due."""

    def next_after(self, now: datetime.datetime) -> datetime.datetime:
        """When the job is next due after a run enqueued at ``now``."""

    def describe(self) -> str: ...


@dataclass(frozen=True)
class Every:
    """Every ``interval``, first as soon as a scheduler starts."""

    interval: datetime.timedelta

    def first_due(self, now: datetime.datetime) -> datetime.datetime:
        return now

    def next_after(self, now: datetime.datetime) -> datetime.datetime:
        return now + self.interval

    def describe(self) -> str:
        minutes = int(self.interval.total_seconds() // 60)
        if minutes % 60 == 0:
            hours = minutes // 60
            return ngettext("every hour", "every %(n)s hours", hours) % {"n": hours}
        return ngettext("every minute", "every %(n)s minutes", minutes) % {"n": minutes}


WEEKDAYS = (gettext_lazy("Monday"), gettext_lazy("Tuesday"), gettext_lazy("Wednesday"),
            gettext_lazy("Thursday"), gettext_lazy("Friday"), gettext_lazy("Saturday"),
            gettext_lazy("Sunday"))


@dataclass(frozen=True)
class DailyAt:
    """At a local time of day, on every day or on the given weekdays (0 is Monday)."""

    at: datetime.time
    weekdays: tuple[int, ...] = tuple(range(7))

    def first_due(self, now: datetime.datetime) -> datetime.datetime:
        return self.next_after(now)

    def next_after(self, now: datetime.datetime) -> datetime.datetime:
        day = timezone.localtime(now).date()
        while True:
            candidate = timezone.make_aware(datetime.datetime.combine(day, self.at))
            if candidate > now and day.weekday() in self.weekdays:
                return candidate
            day += datetime.timedelta(days=1)

    def describe(self) -> str:
        time = f"{self.at:%H:%M}"
        if len(self.weekdays) == 7:
            return _("every day at %(time)s") % {"time": time}
        days = ", ".join(str(WEEKDAYS[d]) for d in self.weekdays)
        return _("every %(weekdays)s at %(time)s") % {"weekdays": days, "time": time}


def every(*, minutes: int = 0, hours: int = 0) -> Every:
    interval = datetime.timedelta(minutes=minutes, hours=hours)
    if interval < datetime.timedelta(minutes=1):
        raise ValueError("A scheduled job runs at most once a minute.")
    return Every(interval)


def daily(*, at: datetime.time) -> DailyAt:
    return DailyAt(at)


def weekly(*, weekday: int, at: datetime.time) -> DailyAt:
    return DailyAt(at, (weekday,))


@dataclass(frozen=True)
class ScheduledTask:
    name: str
    task: Task[[], Any]
    schedule: Schedule


_registry: dict[str, ScheduledTask] = {}


def scheduled(schedule: Schedule, *, name: str | None = None
              ) -> Callable[[Task[[], Any]], Task[[], Any]]:
    """Run the decorated task (which takes no arguments) on ``schedule``. The job's name,
    by default the task's module path, keys its row in the database: keep it stable."""

    def register(task: Task[[], Any]) -> Task[[], Any]:
        key = name or task.module_path
        existing = _registry.get(key)
        if existing is not None and existing.task.module_path != task.module_path:
            raise ValueError(f"Two scheduled jobs are named {key!r}.")
        _registry[key] = ScheduledTask(key, task, schedule)
        return task

    return register


def scheduled_tasks() -> list[ScheduledTask]:
    return sorted(_registry.values(), key=lambda job: job.name)


def _row(job: ScheduledTask, now: datetime.datetime) -> ScheduledJob:
    try:
        with transaction.atomic():
            row, _ = ScheduledJob.objects.get_or_create(
                name=job.name, defaults={"next_due_at": job.schedule.first_due(now)})
    except IntegrityError:  # another scheduler created it first
        row = ScheduledJob.objects.get(name=job.name)
    return row


def enqueue_due(now: datetime.datetime | None = None) -> list[str]:
    """Enqueue every job that is due and that no other scheduler claimed first; returns
    their names. At most once per due time: a scheduler that stops between its claim and
    its enqueue loses that one run, it never doubles it."""
    now = now or timezone.now()
    enqueued = []
    for job in scheduled_tasks():
        row = _row(job, now)
        if row.next_due_at > now:
            continue
        claimed = ScheduledJob.objects.filter(name=job.name, next_due_at=row.next_due_at).update(
            next_due_at=job.schedule.next_after(now), last_enqueued_at=now)
        if not claimed:
            continue
        try:
            result = job.task.enqueue()
        except Exception:
            logger.exception("Could not enqueue the scheduled job %s", job.name)
            continue
        ScheduledJob.objects.filter(name=job.name).update(last_task_id=str(result.id))
        enqueued.append(job.name)
    return enqueued
