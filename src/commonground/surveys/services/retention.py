"""Deleting raw responses when their wave's retention period ends
(``RETENTION_SURVEY_RESPONSES_DAYS`` after the wave's last day). The wave, its weighting
report and its estimates stay: they hold no one's answers."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from commonground.core import audit
from commonground.surveys.models import (
    Invitation,
    InvitationBatch,
    Response,
    ResponseImport,
    Wave,
)


@transaction.atomic
def purge_responses(*, today: datetime.date | None = None) -> int:
    """Delete the responses (and unused invitation codes and held files) of every wave
    past its retention period; returns how many responses went."""
    today = today or timezone.localdate()
    last_day = today - datetime.timedelta(days=settings.RETENTION_DAYS["survey_responses"])
    deleted = 0
    for wave in Wave.objects.filter(ends_on__lt=last_day, responses_purged_on__isnull=True):
        count, _by_model = Response.objects.filter(wave=wave).delete()
        Invitation.objects.filter(wave=wave).delete()
        InvitationBatch.objects.filter(wave=wave).delete()  # its mail-merge file goes too
        ResponseImport.objects.filter(wave=wave).update(content="")
        wave.responses_purged_on = today
        wave.collecting = False
        wave.save(update_fields=["responses_purged_on", "collecting"])
        audit.record(actor=None, action=audit.Action.SURVEY_RESPONSES_PURGED, obj=wave,
                     organisation_id=wave.council_id, old={"responses": count})
        deleted += count
    return deleted
