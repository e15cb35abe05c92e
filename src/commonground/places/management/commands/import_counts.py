"""``commonground import_counts FILE``: a wide CSV of counts, one column per group."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser

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
        parser.add_argument("--exact-total", action="store_true",
                            help="The groups must add up to the total exactly (e.g. age "
                                 "bands); needs --total-col.")

    def handle(self, *args: Any, **o: Any) -> None:
        if o["exact_total"] and not o["total_col"]:
            raise CommandError("--exact-total needs --total-col: the column the groups must "
                               "add up to.")
        self.run(lambda: open_data.import_and_refresh(
            importing.import_counts, path=o["file"], spec=self.spec(o),
            code_col=o["code_col"], groups=o["groups"],
            total_col=o["total_col"], exact_total=o["exact_total"], commit=o["commit"]))
