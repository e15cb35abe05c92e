"""``commonground worker``: run background tasks as they are queued. Add more of these
(on this machine or others sharing the database) to do more work at once."""

from __future__ import annotations

import logging
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS

from commonground.background.heartbeats import new_process_id
from commonground.background.models import ProcessKind
from commonground.background.worker import Worker


class Command(BaseCommand):
    help = ("Run queued background tasks (imports, email, scheduled jobs) until stopped. "
            "SIGTERM or Ctrl+C finishes the task in hand, then stops.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--queue", default="*",
                            help="Queues to take tasks from, comma-separated: default, imports "
                                 "(default: all).")
        parser.add_argument("--interval", type=float, default=1.0,
                            help="Seconds to wait when the queue is empty (default 1).")
        parser.add_argument("--batch", action="store_true",
                            help="Run what is queued now, then stop.")
        parser.add_argument("--max-tasks", type=int, default=None,
                            help="Stop after this many tasks (a supervisor starts a fresh one).")

    def handle(self, *args: Any, **options: Any) -> None:
        if not logging.getLogger().handlers:
            logging.basicConfig(level=logging.INFO)
        worker = Worker(
            queue_names=options["queue"].split(","), excluded_queue_names=[],
            interval=options["interval"], batch=options["batch"],
            backend_name=DEFAULT_TASK_BACKEND_ALIAS, startup_delay=not options["batch"],
            max_tasks=options["max_tasks"], worker_id=new_process_id(ProcessKind.WORKER))
        worker.configure_signals()
        worker.run()
