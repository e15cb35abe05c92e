"""Recompute early-warning alerts from the reports; run hourly from cron (docs/tensions.md)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from commonground.tensions.services.early_warning import recompute


class Command(BaseCommand):
    help = ("Count reports per ward and category by week, run the early-warning detector, "
            "store new alerts and email subscribed officers.")

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--no-email", action="store_true",
                            help="Store alerts but send no email.")

    def handle(self, *args: Any, **options: Any) -> None:
        out = recompute(notify=not options["no_email"])
        self.stdout.write(
            f"{out.councils} councils, {out.series:,} series ({out.series_detected:,} with "
            f"enough reports to judge), {out.reports:,} reports; {len(out.new_alerts)} new "
            f"alert(s), {out.updated_alerts} updated; {out.seconds.get('total', 0):.2f} s.")
