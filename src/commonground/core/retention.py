"""Deleting what core keeps past its retention period (RETENTION_AUDIT_LOG_DAYS).

Run daily by the scheduler (``commonground.background.tasks.purge_audit_log``), or by hand
with ``commonground purge_audit_log``.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone

from commonground.core.models import AuditEvent


def purge_audit_log(*, now: datetime.datetime | None = None) -> int:
    """Delete audit events older than the retention period; returns how many."""
    days = settings.RETENTION_DAYS["audit_log"]
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    deleted, _ = AuditEvent.objects.filter(created_at__lt=cutoff).delete()
    return deleted
