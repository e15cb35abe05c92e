"""``commonground import_tidy FILE``: a long CSV of counts, one row per area and category."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from commonground.places import importing, open_data
from commonground.places.cli import ImportCommand


class Command(ImportCommand):
    help = ("Import counts in the long layout (area_code, <category>, value), as ONS and "
            "Trafford Data Lab publish them. Dry run unless --commit.")
    dataset_options = True

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--code-col", default="area_code")
        parser.add_argument("--category-col",
                            help="Column naming the category (found automatically when only "
                                 "one column is not a standard one).")
        parser.add_argument("--value-col", default="value")

    def handle(self, *args: Any, **o: Any) -> None:
        self.run(lambda: open_data.import_and_refresh(
            importing.import_tidy, path=o["file"], spec=self.spec(o), code_col=o["code_col"],
            category_col=o["category_col"], value_col=o["value_col"], commit=o["commit"]))
