"""Load the framework knowledge, case studies and resources from data/knowledge/.

A dry run unless --commit: the whole load runs in a transaction, is reported, and is
rolled back. With --commit it is kept. Safe to repeat: records are matched by id.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from commonground.library.knowledge import KnowledgeError, default_directory, load_knowledge


class _DryRun(Exception):
    pass


class Command(BaseCommand):
    help = "Load data/knowledge/*.yaml into the library (dry run unless --commit)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--directory", type=Path, default=None,
                            help="Folder of knowledge YAML files (default: data/knowledge).")
        parser.add_argument("--commit", action="store_true", help="Keep the result.")

    def handle(self, *args: Any, **options: Any) -> None:
        directory = options["directory"] or default_directory()
        try:
            with transaction.atomic():
                counts = load_knowledge(directory)
                if not options["commit"]:
                    raise _DryRun
        except KnowledgeError as error:
            raise CommandError(str(error)) from None
        except _DryRun:
            pass
        summary = ", ".join(f"{n} {name.replace('_', ' ')}" for name, n in counts.items())
        if options["commit"]:
            self.stdout.write(f"Loaded {summary} from {directory}.")
        else:
            self.stdout.write(f"Dry run: would load {summary} from {directory}. "
                              "Nothing was saved; add --commit to keep it.")
