"""Delete audit events older than the retention period (RETENTION_AUDIT_LOG_DAYS).

The scheduler runs this daily (docs/deployment.md); the command is for running it by hand.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from commonground.core.retention import purge_audit_log


class Command(BaseCommand):
    help = "Delete audit log entries older than RETENTION_AUDIT_LOG_DAYS."

    def handle(self, *args: Any, **options: Any) -> None:
        deleted = purge_audit_log()
        days = settings.RETENTION_DAYS["audit_log"]
        self.stdout.write(f"Deleted {deleted} audit log entries older than {days} days.")
