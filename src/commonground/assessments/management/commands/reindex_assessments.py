"""Put every impact assessment and self-assessment into the site's search again.

The services index each change as it is made; this is for assessments written before
they did (a database from before search covered assessments). A dry run unless
--commit: it counts what it would index and changes nothing.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from commonground.assessments import indexing
from commonground.assessments.models import ImpactAssessment, SelfAssessment


class Command(BaseCommand):
    help = "Index impact assessments and self-assessments in search (dry run unless --commit)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--commit", action="store_true", help="Write the index.")

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["commit"]:
            self.stdout.write(
                f"Dry run: would index {ImpactAssessment.objects.count()} impact assessments "
                f"and {SelfAssessment.objects.count()} self-assessments. Nothing was "
                "changed; add --commit to index them.")
            return
        with transaction.atomic():
            assessments, self_assessments = indexing.reindex_all()
        self.stdout.write(f"Indexed {assessments} impact assessments and {self_assessments} "
                          "self-assessments.")
