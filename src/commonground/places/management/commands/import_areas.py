"""``commonground import_areas FILE``: areas of one level, with names and parents."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from commonground.places import importing
from commonground.places.cli import ImportCommand
from commonground.places.models import AreaLevel


class Command(ImportCommand):
    help = "Load areas (codes, names, parents) from a CSV lookup. Dry run unless --commit."

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--level", required=True, choices=AreaLevel.values)
        parser.add_argument("--code-col", required=True)
        parser.add_argument("--name-col", required=True)
        parent = parser.add_mutually_exclusive_group()
        parent.add_argument("--parent-col", help="Column with each area's parent code.")
        parent.add_argument("--parent", help="One parent code for every area in the file.")
        parser.add_argument("--name-cy-col", help="Column with Welsh names (may be blank).")

    def handle(self, *args: Any, **o: Any) -> None:
        self.run(lambda: importing.import_areas(
            path=o["file"], level=o["level"], code_col=o["code_col"], name_col=o["name_col"],
            parent_col=o["parent_col"], parent_code=o["parent"], name_cy_col=o["name_cy_col"],
            commit=o["commit"]))
