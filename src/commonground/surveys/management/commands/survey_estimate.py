"""``commonground survey-estimate RESPONSES.csv``: a weighted share with its intervals.

Works on the files alone, without the database: a thin shell over
:mod:`commonground.analytics.survey.estimate_file`.  The weighting report goes to the
screen (stderr when the table itself goes to the screen, so the table can be piped).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TextIO, cast

from django.core.management.base import BaseCommand, CommandError, CommandParser

from commonground.analytics.problems import InputFileError
from commonground.analytics.survey.estimate_file import HEADER, estimate_from_files
from commonground.core import csvfile
from commonground.places.cli import file_problems, split_list


class Command(BaseCommand):
    help = ("Weight a survey's responses to population margins (raking) and estimate the "
            "share agreeing, with standard errors and 95%% confidence intervals, for "
            "everyone and for each domain. Writes CSV to --out or the screen.")
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
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

    def handle(self, *args: Any, **o: Any) -> None:
        try:
            result = estimate_from_files(
                o["responses"], o["margins"], question=o["question"], agree=o["agree"],
                exclude=o["exclude"], by=o["by"], ci=o["ci"])
        except InputFileError as exc:
            raise file_problems(self, exc, "nothing was estimated.") from None
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        report = self.stdout if o["out"] else self.stderr
        for line in [*result.report.lines(), *result.notes]:
            report.write(line)
        # self.stdout, not sys.stdout, so call_command(stdout=...) captures the table.
        csvfile.write(o["out"] or cast(TextIO, self.stdout), HEADER, result.table())
        if o["out"]:
            self.stdout.write(f"Wrote {len(result.rows)} row(s) to {o['out']}")
