"""Background imports of uploaded files: a job table in the database and a worker thread.

Why not django-tasks' database backend: it needs a separate ``db_worker`` process, and
``make run`` must process uploads with no extra step. Here the job row *is* the queue:
submitting a job starts (after commit) a daemon thread in the web process that claims
queued jobs one at a time with a conditional UPDATE, so two processes never run the
same job, on SQLite and PostgreSQL alike. Deployments that prefer a dedicated worker
run ``commonground run_import_jobs --loop``; the threads then simply find nothing to do.

A job left "running" or "saving" by a server that stopped mid-import would show its
progress bar forever; :func:`sweep_stale` (run before a worker drains the queue) marks
such jobs failed with a message saying so. Their import ran in one transaction, so
nothing of them was saved.
"""

from __future__ import annotations

import logging
import tempfile
import threading
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.db import close_old_connections, connection
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import slugify

from commonground.analytics.problems import InputFileError
from commonground.core.errors import DomainError
from commonground.places import importing
from commonground.places.models import ImportJob, JobStatus

logger = logging.getLogger(__name__)
_lock = threading.Lock()
_thread: threading.Thread | None = None
# The largest upload (20 MB) imports in well under a minute; a job still "running" this
# long after it started was left behind by a stopped server.
STALE_AFTER = timedelta(minutes=30)
ACTIVE = (JobStatus.RUNNING, JobStatus.SAVING)
STALE_MESSAGE = ("The import stopped before it finished (the server was restarted while it "
                 "ran), so nothing was imported. Upload the file again.")


def kick() -> None:
    """Make sure a worker thread is draining the queue."""
    global _thread
    with _lock:
        if _thread is not None and _thread.is_alive():
            return
        _thread = threading.Thread(target=_drain, name="commonground-imports", daemon=True)
        _thread.start()


def _drain() -> None:
    try:
        close_old_connections()
        sweep_stale()
        run_pending(between=close_old_connections)
    finally:
        connection.close()


def run_pending(between: Callable[[], None] | None = None) -> int:
    """Run queued jobs until none is left; returns how many ran.

    A worker thread passes ``between`` to drop stale database connections before each
    job, as Django does between requests.
    """
    ran = 0
    while True:
        if between is not None:
            between()
        job = claim_next()
        if job is None:
            return ran
        run(job)
        ran += 1


def mark_stopped(candidates: QuerySet[ImportJob]) -> list[int]:
    """Fail the running jobs among ``candidates`` as stopped by the server; returns their
    ids. The conditional UPDATE leaves alone a job that finished meanwhile."""
    now = timezone.now()
    failed = []
    for pk, file_name in candidates.filter(status__in=ACTIVE).values_list("pk", "file_name"):
        problem = {"file": file_name, "line": None, "field": None, "message": STALE_MESSAGE}
        if ImportJob.objects.filter(pk=pk, status__in=ACTIVE).update(
                status=JobStatus.FAILED, problems=[problem], finished_at=now, progress=100):
            failed.append(pk)
    return failed


def sweep_stale(older_than: timedelta = STALE_AFTER) -> int:
    """Fail the jobs still running ``older_than`` after they started; returns how many."""
    failed = mark_stopped(ImportJob.objects.filter(started_at__lt=timezone.now() - older_than))
    if failed:
        logger.warning("Marked stale import job(s) %s as failed", failed)
    return len(failed)


def claim_next() -> ImportJob | None:
    for pk in ImportJob.objects.filter(status=JobStatus.QUEUED).order_by("created_at", "pk"
                                                                         ).values_list("pk",
                                                                                       flat=True):
        claimed = ImportJob.objects.filter(pk=pk, status=JobStatus.QUEUED).update(
            status=JobStatus.RUNNING, started_at=timezone.now(), progress=0)
        if claimed:
            return ImportJob.objects.select_related("organisation", "created_by").get(pk=pk)
    return None


def _problem(job: ImportJob, message: str) -> dict[str, Any]:
    return {"file": job.file_name, "line": None, "field": None, "message": message}


def spec_for(job: ImportJob) -> importing.DatasetSpec:
    options = job.options
    title = options.get("title") or job.file_name
    slug = f"{job.organisation.slug}-{slugify(title)}"[:100].strip("-")
    return importing.DatasetSpec(slug=slug, title=title, level=options["level"],
                                 period=options.get("period", ""),
                                 source=f"Uploaded by {job.organisation.name}",
                                 licence=options.get("licence", ""))


def run(job: ImportJob) -> ImportJob:
    """Import the job's file (all or nothing) and record the outcome on the job."""
    last = [0]

    def progress(percent: int) -> None:
        if percent - last[0] >= 5 or percent == 100:
            last[0] = percent
            status = JobStatus.SAVING if percent == 100 else JobStatus.RUNNING
            ImportJob.objects.filter(pk=job.pk).update(progress=percent, status=status)

    options: dict[str, Any] = job.options
    outcome: dict[str, Any] = {}
    suffix = Path(job.file_name).suffix or ".csv"
    try:
        with tempfile.NamedTemporaryFile(suffix=suffix) as tmp:
            tmp.write(bytes(job.content))
            tmp.flush()
            path, spec = Path(tmp.name), spec_for(job)
            if options["kind"] == "wide":
                result = importing.import_counts(
                    path=path, spec=spec, code_col=options["code_col"],
                    groups=options["groups"], total_col=options.get("total_col") or None,
                    commit=True, name=job.file_name, actor=job.created_by,
                    organisation=job.organisation, progress=progress)
            else:
                result = importing.import_tidy(
                    path=path, spec=spec, code_col=options.get("code_col") or "area_code",
                    category_col=options.get("category_col") or None, commit=True,
                    name=job.file_name, actor=job.created_by, organisation=job.organisation,
                    progress=progress)
    except InputFileError as exc:
        outcome = {"status": JobStatus.FAILED, "problems": [
            {"file": p.file, "line": p.line, "field": p.field, "message": p.message}
            for p in exc.problems]}
    except DomainError as exc:
        outcome = {"status": JobStatus.FAILED, "problems": [_problem(job, exc.message)]}
    except Exception:
        logger.exception("Import job %s failed", job.pk)
        outcome = {"status": JobStatus.FAILED, "problems": [_problem(
            job, "Something went wrong on our side while importing; nothing was imported.")]}
    else:
        outcome = {"status": JobStatus.DONE, "summary": result.summary()[:300],
                   "dataset": result.dataset, "problems": []}
    for name, value in outcome.items():
        setattr(job, name, value)
    job.progress, job.finished_at = 100, timezone.now()
    job.save(update_fields=[*outcome, "progress", "finished_at"])
    return job
