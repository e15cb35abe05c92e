"""What the import commands share: the dataset options, dry runs and the report of faults.

A command parses its arguments, calls one import service and prints the result; a bad
file ends with every fault on stderr and exit status 1, never a traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO, cast

from django.core.management.base import BaseCommand, CommandError, CommandParser

from commonground.analytics.problems import InputFileError
from commonground.core.errors import DomainError
from commonground.offline import base as offline
from commonground.offline.base import split_list
from commonground.places.importing import DatasetSpec, ImportResult
from commonground.places.models import AreaLevel

__all__ = ["ImportCommand", "file_problems", "split_list"]


def file_problems(command: BaseCommand, error: InputFileError, outcome: str) -> CommandError:
    """Every fault of a refused file on stderr, and the error that ends the command."""
    failed = offline.file_problems(offline.Output(cast(TextIO, command.stderr)), error,
                                   outcome)
    return CommandError(str(failed), returncode=failed.returncode)


class ImportCommand(BaseCommand):
    """Base of the ``import_*`` commands."""

    dataset_options = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="The file to import (CSV, or GeoJSON).")
        parser.add_argument("--commit", action="store_true",
                            help="Write to the database. Without it the file is only checked.")
        if self.dataset_options:
            parser.add_argument("--dataset", required=True,
                                help="Short name (slug) of the dataset; re-importing replaces it.")
            parser.add_argument("--title", required=True)
            parser.add_argument("--level", required=True, choices=AreaLevel.values)
            parser.add_argument("--period", default="")
            parser.add_argument("--source", default="")
            parser.add_argument("--publisher-url", default="")
            parser.add_argument("--licence", default="Open Government Licence v3.0")
            parser.add_argument("--label", action="append", default=[], metavar="KEY=LABEL",
                                help="A readable label for a column (repeat for each).")

    def spec(self, options: dict[str, Any]) -> DatasetSpec:
        labels = dict(item.split("=", 1) for item in options["label"] if "=" in item)
        return DatasetSpec(slug=options["dataset"], title=options["title"],
                           level=options["level"], period=options["period"],
                           source=options["source"], publisher_url=options["publisher_url"],
                           licence=options["licence"], labels=labels)

    def run(self, call: Callable[[], ImportResult]) -> None:
        try:
            result = call()
        except InputFileError as exc:
            raise file_problems(self, exc, "nothing was imported.") from None
        except DomainError as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(result.summary())
