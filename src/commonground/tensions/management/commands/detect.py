"""``commonground detect FILE.csv --date-col COL --count-col COL [--area-col COL] [--out OUT.csv]``

The analysts' early-warning detector on their own file, without the database: every
period of every area with observed, expected, score and whether it is flagged. A
bad file gets the list of its problems (file, line, field) and exit status 2.
"""

from __future__ import annotations

import io
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from commonground.analytics.problems import InputFileError
from commonground.analytics.series_file import (
    OUTPUT_COLUMNS,
    detect_rows,
    read_series_csv,
)
from commonground.core import csvfile


class Command(BaseCommand):
    help = "Run the early-warning detector on a CSV of dated counts (no database needed)."
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", help="CSV file with a header line")
        parser.add_argument("--date-col", required=True, help="column of dates (YYYY-MM-DD "
                            "or YYYY-MM)")
        parser.add_argument("--count-col", required=True, help="column of counts")
        parser.add_argument("--area-col", help="column of areas (optional)")
        parser.add_argument("--period", choices=["week", "month"],
                            help="aggregate to weeks or months (inferred when omitted)")
        parser.add_argument("--out", help="write the result here instead of the screen")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            series = read_series_csv(options["file"], date_col=options["date_col"],
                                     count_col=options["count_col"],
                                     area_col=options["area_col"], period=options["period"])
            rows = detect_rows(series)
        except InputFileError as exc:
            raise CommandError(f"The file cannot be used:\n{exc}", returncode=2) from None
        except (OSError, ValueError) as exc:
            raise CommandError(f"{options['file']}: {exc}", returncode=2) from None
        flagged = sum(r.flagged for r in rows)
        if options["out"]:
            n = csvfile.write(options["out"], OUTPUT_COLUMNS, (r.as_csv_row() for r in rows))
            self.stderr.write(f"Wrote {n:,} rows ({flagged} flagged) to {options['out']}.")
        else:
            buffer = io.StringIO()
            csvfile.write(buffer, OUTPUT_COLUMNS, (r.as_csv_row() for r in rows))
            self.stdout.write(buffer.getvalue(), ending="")
