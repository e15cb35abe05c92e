"""Removing reporters' contact details when the retention period ends."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from commonground.core import audit
from commonground.tensions.models import ReporterContact


@transaction.atomic
def purge_contact_details(*, today: datetime.date | None = None, dry_run: bool = False) -> int:
    """Delete every contact whose ``retain_until`` has passed; returns how many.

    The report stays (it is the council's record); only the way to reach the person
    goes. Each removal is in the audit log, without the details themselves.
    """
    today = today or timezone.localdate()
    due = list(ReporterContact.objects.filter(retain_until__lt=today)
               .select_related("report"))
    if dry_run:
        return len(due)
    for contact in due:
        audit.record(actor=None, action=audit.Action.REPORT_CONTACT_PURGED, obj=contact.report,
                     organisation_id=contact.report.council_id,
                     old={"retain_until": contact.retain_until})
    ReporterContact.objects.filter(pk__in=[c.pk for c in due]).delete()
    return len(due)
