"""``commonground import_boundaries FILE.geojson[.gz]``: boundaries for areas."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from commonground.places import importing
from commonground.places.cli import ImportCommand
from commonground.places.models import AreaLevel


class Command(ImportCommand):
    help = ("Load GeoJSON boundaries (WGS84) for areas of one level. "
            "Dry run unless --commit.")

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--level", required=True, choices=AreaLevel.values)
        parser.add_argument("--code-prop", required=True, help="Feature property with the code.")
        parser.add_argument("--name-prop", help="Feature property with the name.")
        parser.add_argument("--create", action="store_true",
                            help="Create areas not yet loaded (needs --name-prop).")
        parser.add_argument("--parent", help="Parent code of created areas.")
        parser.add_argument("--skip-unknown", action="store_true",
                            help="Leave out features for areas not loaded (e.g. Scotland in a "
                                 "UK file) instead of refusing the file.")

    def handle(self, *args: Any, **o: Any) -> None:
        self.run(lambda: importing.import_boundaries(
            path=o["file"], code_prop=o["code_prop"], name_prop=o["name_prop"],
            level=o["level"], create=o["create"], parent_code=o["parent"],
            skip_unknown=o["skip_unknown"], commit=o["commit"]))
