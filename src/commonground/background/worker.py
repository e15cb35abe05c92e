"""The worker: django-tasks-db's database worker with a heartbeat, and the clean-up of
tasks that a stopped worker left half-done.

``commonground worker`` runs :class:`Worker`. Before it takes its first task, and every
minute after from its heartbeat thread, it fails every task marked running by a worker
that is no longer alive (see :mod:`commonground.background.heartbeats`), and runs the
clean-up that the task's app registered with :func:`on_failure`, which also runs when a
task raises. An import left "saving" by a worker killed mid-way is thus failed as soon
as any worker starts again, not after a timeout.

Run ``commonground worker`` rather than django-tasks-db's ``db_worker``: a task running
under ``db_worker`` has no heartbeat and would be taken for abandoned.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django_tasks.base import Task, TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker as DatabaseWorker
from django_tasks_db.models import DBTaskResult

from commonground.background import heartbeats
from commonground.background.models import ProcessKind

logger = logging.getLogger(__name__)
STOPPED_MESSAGE = ("The worker running this task stopped before it finished (it was killed, "
                   "or its machine restarted).")


class WorkerStopped(Exception):
    """Recorded as the error of a task whose worker stopped while running it."""


_cleanups: dict[str, list[Callable[..., None]]] = defaultdict(list)


def on_failure(task: Task[Any, Any]) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Register a clean-up for ``task``: called with the task's own arguments when a run of
    it fails, whether it raised or its worker stopped. It must be safe to call more than
    once and on work that has in fact finished (check the state, then change it)."""

    def register(cleanup: Callable[..., None]) -> Callable[..., None]:
        _cleanups[task.module_path].append(cleanup)
        return cleanup

    return register


def clean_up(result: DBTaskResult) -> None:
    for cleanup in _cleanups.get(result.task_path, []):
        try:
            cleanup(*result.args_kwargs["args"], **result.args_kwargs["kwargs"])
        except Exception:
            logger.exception("Clean-up of task %s (%s) failed", result.pk, result.task_path)


def fail_abandoned(*, me: str = "") -> list[str]:
    """Fail the tasks marked running by workers that are no longer alive; returns their
    ids. The conditional UPDATE leaves alone a task that finished meanwhile."""
    live = {beat.process_id for beat in heartbeats.alive(ProcessKind.WORKER, me=me)}
    failed = []
    for result in DBTaskResult.objects.running():
        if result.worker_ids and result.worker_ids[-1] in live:
            continue
        with transaction.atomic():
            changed = DBTaskResult.objects.filter(pk=result.pk, status=TaskResultStatus.RUNNING
                                                  ).update(
                status=TaskResultStatus.FAILED, finished_at=timezone.now(),
                exception_class_path=f"{__name__}.WorkerStopped", traceback=STOPPED_MESSAGE,
                return_value=None)
        if changed:
            failed.append(str(result.pk))
            clean_up(result)
    if failed:
        logger.warning("Failed %d task(s) left running by stopped workers: %s", len(failed),
                       ", ".join(failed))
    return failed


class Worker(DatabaseWorker):
    """django-tasks-db's worker, which beats while it runs and cleans up after failures."""

    def run(self) -> None:
        beating = heartbeats.Beating(ProcessKind.WORKER, process_id=self.worker_id,
                                     queues=",".join(self.queue_names),
                                     also=lambda: fail_abandoned(me=self.worker_id))
        beating.start()
        try:
            fail_abandoned(me=self.worker_id)
            super().run()
        finally:
            beating.stop()

    def run_task(self, db_task_result: DBTaskResult) -> None:
        super().run_task(db_task_result)
        if db_task_result.status == TaskResultStatus.FAILED:
            clean_up(db_task_result)
