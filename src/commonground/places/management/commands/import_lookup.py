"""``commonground import_lookup FILE``: set the parents of loaded areas from a lookup."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from commonground.places import importing
from commonground.places.cli import ImportCommand


class Command(ImportCommand):
    help = "Set parents of loaded areas from a lookup CSV. Dry run unless --commit."

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--child-col", required=True)
        parser.add_argument("--parent-col", required=True)

    def handle(self, *args: Any, **o: Any) -> None:
        self.run(lambda: importing.import_lookup(
            path=o["file"], child_col=o["child_col"], parent_col=o["parent_col"],
            commit=o["commit"]))
