"""``commonground run_import_jobs``: run queued uploads (for a dedicated worker process)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from commonground.places import jobs


class Command(BaseCommand):
    help = ("Run queued import jobs. The web process already runs them in a thread; use "
            "--loop for a separate worker.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--loop", action="store_true", help="Keep polling for new jobs.")
        parser.add_argument("--interval", type=float, default=2.0)

    def handle(self, *args: Any, **options: Any) -> None:
        while True:
            ran = jobs.run_pending()
            if ran:
                self.stdout.write(f"Ran {ran} import job(s).")
            if not options["loop"]:
                return
            time.sleep(options["interval"])
