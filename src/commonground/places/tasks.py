"""Places' background tasks: importing an uploaded file (on the ``imports`` queue)."""

from __future__ import annotations

from django_tasks import task

from commonground.background.worker import on_failure
from commonground.places import jobs
from commonground.places.models import ImportJob


@task(queue_name="imports")
def import_upload(job_id: int) -> str:
    """Import the uploaded file of job ``job_id``; returns the job's final status."""
    job = jobs.claim(job_id)
    if job is None:  # already run, or failed meanwhile
        return "not queued"
    return str(jobs.run(job).status)


@on_failure(import_upload)
def fail_stopped_import(job_id: int) -> None:
    # The worker stopped (or the task raised) mid-import: the progress page must not show
    # "Saving: 100%" until someone notices.
    jobs.mark_stopped(ImportJob.objects.filter(pk=job_id))
