"""Importing a contractor's file of responses: checked first (a dry run that saves
nothing), then imported all or nothing. Both run as a background task
(``surveys.tasks.import_responses``, which runs :mod:`commonground.surveys.import_jobs`)
so a large file never holds a page up.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from commonground.accounts.models import User
from commonground.background.queue import enqueue_on_commit
from commonground.core import audit
from commonground.core.errors import InvalidInput
from commonground.surveys.models import ImportStatus, ResponseImport, Wave
from commonground.surveys.tasks import import_responses

MAX_BYTES = 20 * 1024 * 1024


@transaction.atomic
def submit_import(*, actor: User, wave: Wave, file_name: str, content: bytes,
                  dry_run: bool = True, language: str = "en") -> ResponseImport:
    """Queue the check (``dry_run``) or the import of a file into ``wave``."""
    if len(content) > MAX_BYTES:
        raise InvalidInput(_("The file is larger than 20 MB; split it into smaller files."),
                           fields={"file": [_("Choose a smaller file.")]})
    if wave.responses_purged_on is not None:
        raise InvalidInput(_("This wave’s responses have been deleted at the end of their "
                             "retention period; it takes no more."))
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput(
            _("%(file)s is not in UTF-8 text. Save it from your spreadsheet as “CSV UTF-8” "
              "and try again.") % {"file": file_name},
            fields={"file": [_("Choose a CSV file in UTF-8.")]}) from None
    job = ResponseImport.objects.create(
        wave=wave, created_by=actor, file_name=file_name[:200], content=text,
        dry_run=dry_run, language=language)
    if dry_run:  # the import itself is recorded with its count when it is saved
        audit.record(actor=actor, action=audit.Action.SURVEY_IMPORT_CHECK, obj=wave,
                     organisation_id=wave.council_id, new={"file": file_name})
    enqueue_on_commit(import_responses, job.pk)
    return job


@transaction.atomic
def import_checked(*, actor: User, job: ResponseImport) -> ResponseImport:
    """Import the file of a finished, clean dry run (the person saw its report)."""
    if job.status != ImportStatus.CHECKED or not job.dry_run:
        raise InvalidInput(_("Only a file that passed its check can be imported."))
    imported = submit_import(actor=actor, wave=job.wave, file_name=job.file_name,
                             content=job.content.encode("utf-8"), dry_run=False,
                             language=job.language)
    job.content = ""  # the import holds the file now
    job.save(update_fields=["content"])
    return imported
