"""Tasks through the database queue and a worker; tasks a stopped worker left half-done.

These tests run the real ``commonground worker`` (in this process, ``--batch``), which
takes its own transactions, so the database is not wrapped in one transaction per test.
"""

from __future__ import annotations

import datetime
import socket
import subprocess
import sys
from typing import Any

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from commonground.background import heartbeats, worker
from commonground.background.models import Heartbeat, ProcessKind
from commonground.background.tasks import purge_audit_log
from commonground.places import jobs
from commonground.places.models import AreaValues, ImportJob, JobStatus
from tests.background.conftest import submit
from tests.personas import World

pytestmark = pytest.mark.django_db(transaction=True)


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_an_upload_waits_in_the_database_queue_until_a_worker_imports_it(
        world: World, wards: Any, database_tasks: None) -> None:
    job = submit(world)
    queued = DBTaskResult.objects.get()
    assert (queued.status, queued.queue_name, queued.task_path, queued.args_kwargs) == (
        TaskResultStatus.READY, "imports", "commonground.places.tasks.import_upload",
        {"args": [job.pk], "kwargs": {}})
    job.refresh_from_db()
    assert job.status == JobStatus.QUEUED  # nothing runs in the web process

    call_command("worker", "--batch", "--queue", "imports")

    job.refresh_from_db()
    queued.refresh_from_db()
    assert job.status == JobStatus.DONE, job.problems
    assert job.summary.startswith("Imported 2 row(s)")
    assert AreaValues.objects.get(dataset=job.dataset, area__code="E05000820").values == [4, 4]
    assert (queued.status, queued.return_value) == (TaskResultStatus.SUCCESSFUL, "done")
    assert not Heartbeat.objects.exists()  # the worker stopped cleanly and said so


def test_an_import_left_saving_by_a_killed_worker_is_failed_as_soon_as_a_worker_starts(
        world: World, wards: Any, database_tasks: None) -> None:
    job = submit(world)
    task = DBTaskResult.objects.get()
    # A worker on this machine took the job and was killed while saving: its process is
    # gone, and its last heartbeat is only seconds old.
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    now = timezone.now()
    Heartbeat.objects.create(process_id="worker-killed", kind=ProcessKind.WORKER,
                             host=socket.gethostname(), pid=gone.pid, started_at=now,
                             seen_at=now)
    DBTaskResult.objects.filter(pk=task.pk).update(status=TaskResultStatus.RUNNING,
                                                   worker_ids=["worker-killed"], started_at=now)
    ImportJob.objects.filter(pk=job.pk).update(status=JobStatus.SAVING, progress=100,
                                               started_at=now)
    client = signed_in(world["org_admin_a"])
    assert "Saving: 100% done" in client.get(f"/areas/upload/{job.pk}/").content.decode()

    call_command("worker", "--batch")

    job.refresh_from_db()
    task.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.finished_at is not None
    assert job.problems == [{"file": "wards.csv", "line": None, "field": None,
                             "message": jobs.STALE_MESSAGE}]
    assert task.status == TaskResultStatus.FAILED
    assert task.exception_class_path == "commonground.background.worker.WorkerStopped"
    page = client.get(f"/areas/upload/{job.pk}/").content.decode()
    assert "Nothing was imported" in page and "the server was restarted" in page
    assert "http-equiv" not in page  # no longer refreshing for ever
    assert not job.upload  # the stored file went with it


def test_a_worker_elsewhere_keeps_its_task_while_it_beats_and_loses_it_when_silent(
        world: World, database_tasks: None) -> None:
    result = purge_audit_log.enqueue()
    now = timezone.now()
    Heartbeat.objects.create(process_id="worker-far", kind=ProcessKind.WORKER,
                             host="another-machine", pid=4242, started_at=now, seen_at=now)
    DBTaskResult.objects.filter(pk=result.id).update(status=TaskResultStatus.RUNNING,
                                                     worker_ids=["worker-far"], started_at=now)
    assert worker.fail_abandoned() == []
    later = now + datetime.timedelta(seconds=heartbeats.STALE_SECONDS + 1)
    with time_machine.travel(later, tick=False):
        assert worker.fail_abandoned() == [str(result.id)]
    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.FAILED


def test_a_task_interrupted_by_a_second_ctrl_c_still_fails_its_import(
        world: World, wards: Any, database_tasks: None, monkeypatch: Any) -> None:
    job = submit(world)

    def interrupted(job: ImportJob) -> ImportJob:
        ImportJob.objects.filter(pk=job.pk).update(status=JobStatus.SAVING, progress=100)
        raise SystemExit(1)  # what the worker's second SIGINT raises inside a task

    monkeypatch.setattr(jobs, "run", interrupted)
    call_command("worker", "--batch")
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.problems[0]["message"] == jobs.STALE_MESSAGE
    assert DBTaskResult.objects.get().status == TaskResultStatus.FAILED


def test_a_process_with_this_processs_pid_is_a_predecessor_not_a_live_peer(db: Any) -> None:
    # A restarted container gives its worker the same pid as the one that died.
    import os

    now = timezone.now()
    old = Heartbeat(process_id="worker-before-restart", kind=ProcessKind.WORKER,
                    host=socket.gethostname(), pid=os.getpid(), started_at=now, seen_at=now)
    assert not heartbeats.is_alive(old, now, me="worker-now")
    assert heartbeats.is_alive(old, now, me="worker-before-restart")
