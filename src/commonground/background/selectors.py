"""Reads for the background work page and the readiness check."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from commonground.background import heartbeats
from commonground.background.models import (
    EmailStatus,
    Heartbeat,
    OutgoingEmail,
    ProcessKind,
    ScheduledJob,
)
from commonground.background.schedule import scheduled_tasks

# django-tasks' own labels have no Welsh; these say the same in the reader's language.
STATUS_LABELS = {
    TaskResultStatus.READY: _("Waiting"),
    TaskResultStatus.RUNNING: _("Running"),
    TaskResultStatus.FAILED: _("Failed"),
    TaskResultStatus.SUCCESSFUL: _("Done"),
}


@dataclass(frozen=True)
class ProcessRow:
    beat: Heartbeat
    alive: bool


@dataclass(frozen=True)
class ScheduleRow:
    name: str
    describe: str
    next_due_at: datetime.datetime | None
    last_enqueued_at: datetime.datetime | None
    last_status: str


def processes() -> list[ProcessRow]:
    now = timezone.now()
    return [ProcessRow(beat, heartbeats.is_alive(beat, now))
            for beat in Heartbeat.objects.order_by("kind", "started_at")]


def schedule() -> list[ScheduleRow]:
    rows = {row.name: row for row in ScheduledJob.objects.all()}
    statuses = dict(DBTaskResult.objects.filter(
        pk__in=[r.last_task_id for r in rows.values() if r.last_task_id]
    ).values_list("pk", "status"))
    out = []
    for job in scheduled_tasks():
        row = rows.get(job.name)
        status = ""
        if row is not None and row.last_task_id:
            found = statuses.get(_uuid(row.last_task_id))
            label = STATUS_LABELS.get(TaskResultStatus(found)) if found else None
            status = str(label) if label is not None else ""
        out.append(ScheduleRow(job.name, job.schedule.describe(),
                               row.next_due_at if row else None,
                               row.last_enqueued_at if row else None, status))
    return out


def _uuid(value: str) -> Any:
    import uuid

    try:
        return uuid.UUID(value)
    except ValueError:
        return value


def task_counts(*, since: datetime.datetime) -> list[tuple[str, int]]:
    """(label, how many) for each state, of the tasks enqueued since ``since``."""
    counts = dict(DBTaskResult.objects.filter(enqueued_at__gte=since).values_list("status")
                  .annotate(n=Count("pk")).values_list("status", "n"))
    return [(str(label), counts.get(status, 0)) for status, label in STATUS_LABELS.items()]


def failed_tasks(*, since: datetime.datetime, limit: int = 20) -> list[DBTaskResult]:
    # The traceback stays out of the page: it can quote the data the task worked on.
    return list(DBTaskResult.objects.filter(status=TaskResultStatus.FAILED,
                                            finished_at__gte=since)
                .only("id", "task_path", "exception_class_path", "enqueued_at", "finished_at",
                      "queue_name")
                .order_by("-finished_at")[:limit])


def undelivered_emails(limit: int = 100) -> list[OutgoingEmail]:
    """Emails that failed for good or are waiting to retry, newest first. The subject and
    body are not read: they can quote private posts; kind, address and error suffice."""
    return list(OutgoingEmail.objects.filter(
        status__in=[EmailStatus.FAILED, EmailStatus.RETRYING])
        .only("id", "kind", "to", "status", "attempts", "last_error", "created_at",
              "next_attempt_at")
        .order_by("-created_at")[:limit])


def live_workers() -> list[Heartbeat]:
    return heartbeats.alive(ProcessKind.WORKER)
