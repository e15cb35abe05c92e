"""The background work page reads a fixed number of queries however many processes,
failed tasks and undelivered emails it lists (issue 14, finding 10)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from commonground.background.models import EmailStatus, Heartbeat, OutgoingEmail, ProcessKind
from tests.personas import World

pytestmark = pytest.mark.django_db


def grow(n: int, start: int) -> None:
    now = timezone.now()
    for i in range(start, start + n):
        Heartbeat.objects.create(process_id=f"worker-{i}", kind=ProcessKind.WORKER,
                                 host="web-1", pid=1000 + i, started_at=now, seen_at=now)
        OutgoingEmail.objects.create(
            kind="forums.mention", to=f"someone{i}@example.org", language="en",
            subject="A mention", status=EmailStatus.FAILED if i % 2 else EmailStatus.RETRYING,
            attempts=5, next_attempt_at=now, last_error="Connection refused")
        DBTaskResult.objects.create(
            status=TaskResultStatus.FAILED, args_kwargs={"args": [], "kwargs": {}},
            task_path="commonground.background.tasks.send_email", queue_name="default",
            backend_name="default", run_after=now, started_at=now,
            finished_at=now - datetime.timedelta(minutes=i),
            exception_class_path="smtplib.SMTPException", traceback="")


def test_the_background_work_page_reads_a_fixed_number_of_queries(
        world: World, django_assert_num_queries: Any) -> None:
    client = Client()
    client.force_login(world["admin"])
    for n, start in ((2, 0), (10, 2)):
        grow(n, start)
        client.get("/background/")
        # Session, user, processes, scheduled jobs (none has run, so no read of their
        # last tasks), the task counts, failed tasks, undelivered emails.
        with django_assert_num_queries(7):
            page = client.get("/background/").content.decode()
        assert page.count("Connection refused") == start + n
