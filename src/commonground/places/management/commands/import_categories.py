"""``commonground import_categories FILE``: one class per area (e.g. rural-urban)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from commonground.places import importing, open_data
from commonground.places.cli import ImportCommand


class Command(ImportCommand):
    help = "Import a classification, one category per area. Dry run unless --commit."
    dataset_options = True

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--code-col", required=True)
        parser.add_argument("--column", required=True)

    def handle(self, *args: Any, **o: Any) -> None:
        self.run(lambda: open_data.import_and_refresh(
            importing.import_categories, path=o["file"], spec=self.spec(o),
            code_col=o["code_col"], column=o["column"],
            commit=o["commit"]))
