"""``commonground run_import_jobs``: run queued uploads (for a dedicated worker process)."""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from commonground.places import jobs


class Command(BaseCommand):
    help = ("Run queued import jobs. The web process already runs them in a thread; use "
            "--loop for a separate worker.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--loop", action="store_true", help="Keep polling for new jobs.")
        parser.add_argument("--interval", type=float, default=2.0)
        parser.add_argument(
            "--stale-after", type=float, default=jobs.STALE_AFTER.total_seconds() / 60,
            help="Minutes after which a job still running is taken as left behind by a "
                 "stopped server and marked failed (default %(default)s).")

    def handle(self, *args: Any, **options: Any) -> None:
        stale_after = timedelta(minutes=options["stale_after"])
        while True:  # sweep on every round: a web process may die while this one runs
            swept = jobs.sweep_stale(stale_after)
            if swept:
                self.stdout.write(f"Marked {swept} stale import job(s) as failed.")
            ran = jobs.run_pending()
            if ran:
                self.stdout.write(f"Ran {ran} import job(s).")
            if not options["loop"]:
                return
            time.sleep(options["interval"])
