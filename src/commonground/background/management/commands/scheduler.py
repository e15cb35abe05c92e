"""``commonground scheduler``: enqueue scheduled jobs when they are due.

One is enough; two or more (for redundancy) never enqueue the same run twice (see
commonground.background.schedule). The jobs themselves run on the workers.
"""

from __future__ import annotations

import signal
import threading
from types import FrameType
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections

from commonground.background.heartbeats import Beating
from commonground.background.models import ProcessKind
from commonground.background.schedule import enqueue_due, scheduled_tasks


class Command(BaseCommand):
    help = "Enqueue scheduled background jobs when they are due, until stopped."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--interval", type=float, default=15.0,
                            help="Seconds between looks at the schedule (default 15).")
        parser.add_argument("--once", action="store_true",
                            help="Enqueue what is due now, then stop.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["once"]:
            self._report(enqueue_due())
            return
        stop = threading.Event()

        def stopping(signum: int, frame: FrameType | None) -> None:
            stop.set()

        signal.signal(signal.SIGTERM, stopping)
        signal.signal(signal.SIGINT, stopping)
        jobs = scheduled_tasks()
        self.stdout.write(f"Scheduler: {len(jobs)} scheduled job(s): " + "; ".join(
            f"{job.name} ({job.schedule.describe()})" for job in jobs))
        beating = Beating(ProcessKind.SCHEDULER)
        beating.start()
        try:
            while not stop.is_set():
                close_old_connections()
                self._report(enqueue_due())
                stop.wait(options["interval"])
        finally:
            beating.stop()

    def _report(self, names: list[str]) -> None:
        for name in names:
            self.stdout.write(f"Enqueued {name}")
