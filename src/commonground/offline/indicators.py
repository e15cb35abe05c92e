"""``commonground indicators FILE.csv``: every index for every region of an analyst's file.

Works on the file alone: a thin shell over :mod:`commonground.analytics.indicators_table`.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from commonground.analytics.indicators_table import indicators_from_file
from commonground.analytics.problems import InputFileError

from .base import CommandFailed, Output, file_problems, split_list, write_csv

HELP = ("Compute segregation and diversity indices per region from a CSV of counts "
        "(one row per area). Writes CSV to --out or the screen.")
RETURNCODE = 1


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path)
    parser.add_argument("--region-col", required=True,
                        help="Column with each area's region (e.g. council code).")
    parser.add_argument("--groups", required=True, type=split_list,
                        help="Comma-separated group columns (at least two).")
    parser.add_argument("--total-col", help="Column with each area's total.")
    parser.add_argument("--focal", help="A group for the two-group indices against the rest.")
    parser.add_argument("--out", type=Path, help="Output CSV (default: the screen).")


def run(o: Mapping[str, Any], out: Output, err: Output) -> None:
    try:
        header, rows = indicators_from_file(
            o["file"], region_col=o["region_col"], groups=o["groups"],
            total_col=o["total_col"], focal=o["focal"])
    except InputFileError as exc:
        raise file_problems(err, exc, "no indices were computed.", RETURNCODE) from None
    except ValueError as exc:
        raise CommandFailed(str(exc), RETURNCODE) from None
    write_csv(o["out"], out, header, rows, RETURNCODE)
    if o["out"]:
        out.write(f"Wrote {len(rows)} region(s) to {o['out']}")
