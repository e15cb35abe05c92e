"""Delete reporters' contact details past their retention date; run daily from cron."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from commonground.tensions.services.retention import purge_contact_details


class Command(BaseCommand):
    help = ("Delete reporters' contact details whose retention period "
            "(RETENTION_CONTACT_DETAILS_DAYS) has ended. The reports stay.")

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--dry-run", action="store_true",
                            help="Say how many would be deleted, delete nothing.")

    def handle(self, *args: Any, **options: Any) -> None:
        n = purge_contact_details(dry_run=options["dry_run"])
        days = settings.RETENTION_DAYS["contact_details"]
        verb = "would be deleted" if options["dry_run"] else "deleted"
        self.stdout.write(f"{n} reporter contact detail record(s) {verb} "
                          f"(kept for {days} days).")
