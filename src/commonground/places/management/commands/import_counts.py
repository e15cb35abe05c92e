"""``commonground import_counts FILE``: a wide CSV of counts, one column per group."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from commonground.places import importing, open_data
from commonground.places.cli import ImportCommand, split_list


class Command(ImportCommand):
    help = "Import counts (one row per area, one column per group). Dry run unless --commit."
    dataset_options = True

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--code-col", required=True)
        parser.add_argument("--groups", required=True, type=split_list,
                            help="Comma-separated group columns.")
        parser.add_argument("--total-col", help="Column with each area's total.")

    def handle(self, *args: Any, **o: Any) -> None:
        self.run(lambda: open_data.import_and_refresh(
            importing.import_counts, path=o["file"], spec=self.spec(o),
            code_col=o["code_col"], groups=o["groups"],
            total_col=o["total_col"], commit=o["commit"]))
