"""Running a check or import of a contractor's file: what the ``import_responses`` task
does (surveys/tasks.py).

The job is claimed with a conditional UPDATE (queued -> running), so it runs once even if
its task were enqueued twice. The whole file is checked before anything is saved, and
saved in one transaction: a fault anywhere saves nothing. Problems are written in the
language of the person who uploaded the file.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from commonground.core import audit
from commonground.core.errors import InvalidInput
from commonground.surveys.models import ImportStatus, Response, ResponseImport, Source, Wave
from commonground.surveys.questionnaire import questions_of, ward_lookup, wards_of
from commonground.surveys.responses_file import read_responses

logger = logging.getLogger(__name__)


def claim(job_id: int) -> ResponseImport | None:
    claimed = ResponseImport.objects.filter(pk=job_id, status=ImportStatus.QUEUED).update(
        status=ImportStatus.RUNNING)
    if not claimed:
        return None
    return ResponseImport.objects.select_related("wave", "wave__council").get(pk=job_id)


def _problem_rows(problems: list[Any]) -> list[dict[str, Any]]:
    return [{"file": p.file, "line": p.line, "field": p.field, "message": p.message}
            for p in problems]


def run_import(job: ResponseImport) -> ResponseImport:
    """Check the job's file and, unless it is a dry run and if it has no fault, save
    every response in one transaction; record the outcome on the job."""
    wave = job.wave
    with translation.override(job.language):
        try:
            questions = questions_of(wave)
            read = read_responses(job.content, name=job.file_name, questions=questions,
                                  wards=ward_lookup(wards_of(wave.council)))
            outcome: dict[str, Any] = {"rows": len(read.rows), "summary": read.answered(),
                                       "problems": _problem_rows(read.problems)}
            if read.problems:
                outcome["status"] = ImportStatus.FAILED
            elif job.dry_run:
                outcome["status"] = ImportStatus.CHECKED
            else:
                _save(job, read.rows)
                outcome["status"] = ImportStatus.DONE
        except Exception:
            logger.exception("Survey import %s failed", job.pk)
            outcome = {"status": ImportStatus.FAILED, "problems": [{
                "file": job.file_name, "line": None, "field": None,
                "message": _("Something went wrong on our side while reading the file; "
                             "nothing was imported.")}]}
    for name, value in outcome.items():
        setattr(job, name, value)
    job.finished_at = timezone.now()
    if job.status != ImportStatus.CHECKED:
        job.content = ""  # the file is no longer needed
    job.save(update_fields=[*outcome, "finished_at", "content"])
    return job


@transaction.atomic
def _save(job: ResponseImport, rows: list[Any]) -> None:
    wave = Wave.objects.select_for_update().get(pk=job.wave_id)
    if wave.responses_purged_on is not None:
        raise InvalidInput(_("This wave’s responses have been deleted."))
    ward_ids = dict(wards_of(wave.council).values_list("code", "pk"))
    today = timezone.localdate()
    Response.objects.bulk_create([
        Response(wave=wave, ward_id=ward_ids.get(row.ward_code or ""), answers=row.answers,
                 comment=row.comment, source=Source.IMPORT, imported_by=job,
                 received_on=today) for row in rows], batch_size=1000)
    audit.record(actor=job.created_by, action=audit.Action.SURVEY_IMPORT, obj=wave,
                 organisation_id=wave.council_id,
                 new={"file": job.file_name, "responses": len(rows)})


def mark_stopped(job_id: int) -> None:
    """A worker stopped mid-run: nothing was saved (one transaction); say so."""
    job = ResponseImport.objects.filter(pk=job_id).first()
    if job is None:
        return
    with translation.override(job.language):
        message = _("The import stopped before it finished; nothing was saved. Upload the "
                    "file again.")
    ResponseImport.objects.filter(pk=job_id, status__in=[ImportStatus.QUEUED,
                                                        ImportStatus.RUNNING]).update(
        status=ImportStatus.FAILED, finished_at=timezone.now(), content="",
        problems=[{"file": job.file_name, "line": None, "field": None, "message": message}])
