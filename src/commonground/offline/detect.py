"""``commonground detect FILE.csv --date-col COL --count-col COL [--area-col COL] [--out OUT.csv]``

The analysts' early-warning detector on their own file: every period of every area with
observed, expected, score and whether it is flagged. A bad file gets the list of its
problems (file, line, field) and exit status 2.
"""

from __future__ import annotations

import argparse
import io
from collections.abc import Mapping
from typing import Any

from commonground.analytics.problems import InputFileError
from commonground.analytics.series_file import OUTPUT_COLUMNS, detect_rows, read_series_csv
from commonground.core import csvfile

from .base import CommandFailed, Output, write_csv

HELP = "Run the early-warning detector on a CSV of dated counts (no database needed)."
RETURNCODE = 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="CSV file with a header line")
    parser.add_argument("--date-col", required=True, help="column of dates (YYYY-MM-DD "
                        "or YYYY-MM)")
    parser.add_argument("--count-col", required=True, help="column of counts")
    parser.add_argument("--area-col", help="column of areas (optional)")
    parser.add_argument("--period", choices=["week", "month"],
                        help="aggregate to weeks or months (inferred when omitted)")
    parser.add_argument("--out", help="write the result here instead of the screen")


def run(options: Mapping[str, Any], out: Output, err: Output) -> None:
    try:
        series = read_series_csv(options["file"], date_col=options["date_col"],
                                 count_col=options["count_col"],
                                 area_col=options["area_col"], period=options["period"])
        rows = detect_rows(series)
    except InputFileError as exc:
        raise CommandFailed(f"The file cannot be used:\n{exc}", RETURNCODE) from None
    except (OSError, ValueError) as exc:
        raise CommandFailed(f"{options['file']}: {exc}", RETURNCODE) from None
    flagged = sum(r.flagged for r in rows)
    if options["out"]:
        n = write_csv(options["out"], out, OUTPUT_COLUMNS, (r.as_csv_row() for r in rows),
                      RETURNCODE)
        err.write(f"Wrote {n:,} rows ({flagged} flagged) to {options['out']}.")
    else:
        buffer = io.StringIO()
        csvfile.write(buffer, OUTPUT_COLUMNS, (r.as_csv_row() for r in rows))
        out.write(buffer.getvalue(), ending="")
