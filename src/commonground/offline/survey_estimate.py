"""``commonground survey-estimate RESPONSES.csv``: a weighted share with its intervals.

Works on the files alone: a thin shell over
:mod:`commonground.analytics.survey.estimate_file`.  The weighting report goes to the
screen (stderr when the table itself goes to the screen, so the table can be piped).
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from commonground.analytics.problems import InputFileError
from commonground.analytics.survey.estimate_file import HEADER, estimate_from_files

from .base import CommandFailed, Output, file_problems, split_list, write_csv

HELP = ("Weight a survey's responses to population margins (raking) and estimate the "
        "share agreeing, with standard errors and 95% confidence intervals, for "
        "everyone and for each domain. Writes CSV to --out or the screen.")
RETURNCODE = 1


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("responses", type=Path, help="CSV of responses, one row each.")
    parser.add_argument("--margins", required=True, type=Path,
                        help="CSV of population margins: variable,category,population.")
    parser.add_argument("--question", required=True, help="Column holding the answer.")
    parser.add_argument("--agree", required=True, type=split_list,
                        help="Comma-separated answers counted as agreeing.")
    parser.add_argument("--exclude", type=split_list, default=[],
                        help="Comma-separated answers left out (e.g. Don't know).")
    parser.add_argument("--by", help="Column whose values are the domains (e.g. ward).")
    parser.add_argument("--ci", choices=["logit", "beta"], default="logit",
                        help="Confidence interval method (default logit).")
    parser.add_argument("--out", type=Path, help="Output CSV (default: the screen).")


def run(o: Mapping[str, Any], out: Output, err: Output) -> None:
    try:
        result = estimate_from_files(
            o["responses"], o["margins"], question=o["question"], agree=o["agree"],
            exclude=o["exclude"], by=o["by"], ci=o["ci"])
    except InputFileError as exc:
        raise file_problems(err, exc, "nothing was estimated.", RETURNCODE) from None
    except ValueError as exc:
        raise CommandFailed(str(exc), RETURNCODE) from None
    report = out if o["out"] else err
    for line in [*result.report.lines(), *result.notes]:
        report.write(line)
    write_csv(o["out"], out, HEADER, result.table(), RETURNCODE)
    if o["out"]:
        out.write(f"Wrote {len(result.rows)} row(s) to {o['out']}")
