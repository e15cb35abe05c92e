"""Running an uploaded file's import: what the ``import_upload`` task does (places/tasks.py).

The job row records the state a person sees on the progress page; the task is claimed
with a conditional UPDATE (queued -> running), so a job runs once even if its task were
enqueued twice. The file is read from the default storage, imported all or nothing, and
deleted from the storage once the import has finished either way.

A job left running by a worker that stopped (killed, or its machine restarted) is failed
by :func:`mark_stopped`, which the worker calls as soon as any worker starts again (see
commonground.background.worker); its import ran in one transaction, so nothing was saved.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_noop as N_  # noqa: N812 - marked, kept English

from commonground.analytics.problems import InputFileError
from commonground.core.errors import DomainError
from commonground.places import importing
from commonground.places.models import ImportJob, JobStatus

logger = logging.getLogger(__name__)
ACTIVE = (JobStatus.RUNNING, JobStatus.SAVING)
# Problems are stored in English (the job runs without a reader); the job's page translates
# these two of ours from the places catalogue.
STALE_MESSAGE = N_("The import stopped before it finished (the server was restarted while it "
                   "ran), so nothing was imported. Upload the file again.")
FAILED_MESSAGE = N_("Something went wrong on our side while importing; nothing was imported.")


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
            _forget_file(ImportJob.objects.get(pk=pk))
    return failed


def claim(job_id: int) -> ImportJob | None:
    """The queued job ``job_id``, now marked running; None if it is not queued."""
    claimed = ImportJob.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, started_at=timezone.now(), progress=0)
    if not claimed:
        return None
    return ImportJob.objects.select_related("organisation", "created_by").get(pk=job_id)


def _problem(job: ImportJob, message: str) -> dict[str, Any]:
    return {"file": job.file_name, "line": None, "field": None, "message": message}


def _forget_file(job: ImportJob) -> None:
    if job.upload:
        job.upload.delete(save=False)
        ImportJob.objects.filter(pk=job.pk).update(upload="")


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
            # The importers read a local file; the stored one may be on another machine.
            with job.upload.open("rb") as stored:
                shutil.copyfileobj(stored, tmp)
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
            job, FAILED_MESSAGE)]}
    else:
        outcome = {"status": JobStatus.DONE, "summary": result.summary()[:300],
                   "dataset": result.dataset, "problems": []}
    for name, value in outcome.items():
        setattr(job, name, value)
    job.progress, job.finished_at = 100, timezone.now()
    job.save(update_fields=[*outcome, "progress", "finished_at"])
    _forget_file(job)
    return job
