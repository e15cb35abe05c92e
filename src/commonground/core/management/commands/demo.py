"""``commonground demo``: what ``make run`` serves. Migrate, load the demo, serve.

Runs in development mode (the ``commonground`` entry point sets DEBUG for it).
"""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Set up the demo database and serve it on http://127.0.0.1:8000."

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
        self.stdout.write(self.style.SUCCESS(
            f"\nCommon Ground demo: http://{options['addrport']}/\n"
        ))
        call_command("runserver", options["addrport"], use_reloader=False)
