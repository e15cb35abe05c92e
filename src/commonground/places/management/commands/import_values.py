"""``commonground import_values FILE``: a wide CSV of rates or scores per area."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from commonground.places import importing, open_data
from commonground.places.cli import ImportCommand, split_list


class Command(ImportCommand):
    help = ("Import numbers that are not counts (percentages, scores), one row per area; "
            "blank cells are missing. Dry run unless --commit.")
    dataset_options = True

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--code-col", required=True)
        parser.add_argument("--columns", required=True, type=split_list)

    def handle(self, *args: Any, **o: Any) -> None:
        self.run(lambda: open_data.import_and_refresh(
            importing.import_values, path=o["file"], spec=self.spec(o),
            code_col=o["code_col"], columns=o["columns"],
            commit=o["commit"]))
