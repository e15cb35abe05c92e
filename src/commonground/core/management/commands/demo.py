"""``commonground demo``: what ``make run`` serves. Migrate, load the demo, then serve the
site with a background worker and the scheduler beside it, and stop them with it.

Runs in development mode (the ``commonground`` entry point sets DEBUG for it). The worker
and scheduler are the same commands a deployment runs as services of their own
(docs/deployment.md), started here as child processes.
"""

from __future__ import annotations

import contextlib
import ctypes
import signal
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

HELPERS = (("worker", "--interval", "2"), ("scheduler",))
PR_SET_PDEATHSIG = 1


def _stop_with_parent() -> None:
    # Linux: the kernel sends the helper SIGTERM if the demo dies without stopping it
    # (kill -9), so no worker outlives the server. Elsewhere, the finally below must do.
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


@contextlib.contextmanager
def helpers(stdout: Any) -> Iterator[list[subprocess.Popen[bytes]]]:
    started = [subprocess.Popen([sys.executable, "-m", "commonground", *args],  # noqa: S603
                                preexec_fn=_stop_with_parent)
               for args in HELPERS]
    stdout.write("Started " + ", ".join(f"{args[0]} (process {p.pid})"
                                        for args, p in zip(HELPERS, started, strict=True)))
    try:
        yield started
    finally:
        for process in started:
            process.terminate()  # the worker finishes the task in hand, then stops
        for process in started:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


class Command(BaseCommand):
    help = ("Set up the demo database and serve it on http://127.0.0.1:8000, with a "
            "background worker and the scheduler.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--addrport", default="127.0.0.1:8000")
        parser.add_argument("--no-serve", action="store_true",
                            help="Set up the demo data and stop, without serving.")

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        call_command("createcachetable", verbosity=0)
        call_command("loaddemo")
        if options["no_serve"]:
            return
        # SIGTERM (as from a supervisor) stops the server like Ctrl+C, so the helpers stop.
        signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
        with helpers(self.stdout):
            self.stdout.write(self.style.SUCCESS(
                f"\nCommon Ground demo: http://{options['addrport']}/\n"))
            call_command("runserver", options["addrport"], use_reloader=False)
