"""``commonground indicators FILE.csv``: every index for every region of an analyst's file.

Works on the file alone, without the database: a thin shell over
:mod:`commonground.analytics.indicators_table`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TextIO, cast

from django.core.management.base import BaseCommand, CommandError, CommandParser

from commonground.analytics.indicators_table import indicators_from_file
from commonground.analytics.problems import InputFileError
from commonground.core import csvfile
from commonground.places.cli import file_problems, split_list


class Command(BaseCommand):
    help = ("Compute segregation and diversity indices per region from a CSV of counts "
            "(one row per area). Writes CSV to --out or the screen.")
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--region-col", required=True,
                            help="Column with each area's region (e.g. council code).")
        parser.add_argument("--groups", required=True, type=split_list,
                            help="Comma-separated group columns (at least two).")
        parser.add_argument("--total-col", help="Column with each area's total.")
        parser.add_argument("--focal", help="A group for the two-group indices against the rest.")
        parser.add_argument("--out", type=Path, help="Output CSV (default: the screen).")

    def handle(self, *args: Any, **o: Any) -> None:
        try:
            header, rows = indicators_from_file(
                o["file"], region_col=o["region_col"], groups=o["groups"],
                total_col=o["total_col"], focal=o["focal"])
        except InputFileError as exc:
            raise file_problems(self, exc, "no indices were computed.") from None
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        # self.stdout, not sys.stdout, so call_command(stdout=...) captures the table.
        csvfile.write(o["out"] or cast(TextIO, self.stdout), header, rows)
        if o["out"]:
            self.stdout.write(f"Wrote {len(rows)} region(s) to {o['out']}")
