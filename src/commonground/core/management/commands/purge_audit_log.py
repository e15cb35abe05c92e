"""Delete audit events older than the retention period (RETENTION_AUDIT_LOG_DAYS).

Meant to run daily from cron or a systemd timer; see docs/deployment.md.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from commonground.core.models import AuditEvent


class Command(BaseCommand):
    help = "Delete audit log entries older than RETENTION_AUDIT_LOG_DAYS."

    def handle(self, *args: Any, **options: Any) -> None:
        days = settings.RETENTION_DAYS["audit_log"]
        cutoff = timezone.now() - datetime.timedelta(days=days)
        deleted, _ = AuditEvent.objects.filter(created_at__lt=cutoff).delete()
        self.stdout.write(f"Deleted {deleted} audit log entries older than {days} days.")
