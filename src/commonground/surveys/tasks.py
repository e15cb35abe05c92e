"""Surveys' background tasks: checking and importing a contractor's file (on the
``imports`` queue), and deleting raw responses when their retention period ends."""

from __future__ import annotations

import datetime

from django_tasks import task

from commonground.background.schedule import daily, scheduled
from commonground.background.worker import on_failure
from commonground.surveys import import_jobs, weighting_jobs
from commonground.surveys.services import retention


@task(queue_name="imports")
def import_responses(job_id: int) -> str:
    """Check, or import, the file of import ``job_id``; returns its final status."""
    job = import_jobs.claim(job_id)
    if job is None:  # already run
        return "not queued"
    return str(import_jobs.run_import(job).status)


@on_failure(import_responses)
def fail_stopped_import(job_id: int) -> None:
    import_jobs.mark_stopped(job_id)


@scheduled(daily(at=datetime.time(2, 45)))
@task()
def purge_survey_responses() -> int:
    return retention.purge_responses()


@task()
def weight_wave(job_id: int) -> str:
    """Weight a wave to the census and compute its results (weighting job ``job_id``)."""
    job = weighting_jobs.claim(job_id)
    if job is None:
        return "not queued"
    return str(weighting_jobs.run_weighting(job).status)


@on_failure(weight_wave)
def fail_stopped_weighting(job_id: int) -> None:
    weighting_jobs.mark_stopped(job_id)
