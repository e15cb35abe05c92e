"""``commonground demo_survey_file OUT.csv``: a demonstration contractor's file of responses,
drawn from a council's census make-up by ``surveys.demo_wave`` (seeded, documented there).

The file has the columns the import reads (one per question key, ``ward`` holding the
ward's code), so it can be imported into a wave to try the import, the weighting and the
results. Reads the census figures the places demo loaded; writes nothing to the database.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from commonground.accounts.models import Organisation, OrganisationKind
from commonground.core import csvfile
from commonground.places.models import Area, AreaLevel
from commonground.surveys.demo import SEED, TRAFFORD, census_of
from commonground.surveys.demo_wave import Draw, draw_wave
from commonground.surveys.questionnaire import wards_of
from commonground.surveys.questions import bank


class Command(BaseCommand):
    help = ("Write a demonstration file of survey responses for a council (Trafford by "
            "default), drawn from its census make-up with a fixed seed.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("out", type=Path, help="The CSV file to write.")
        parser.add_argument("--council", default=TRAFFORD,
                            help="The council's ONS code (default Trafford, E08000009).")
        parser.add_argument("--seed", type=int, default=SEED)
        parser.add_argument("--wave-index", type=int, default=0,
                            help="0 for a first wave; trends move with it.")
        parser.add_argument("--addresses-per-ward", type=int, default=180)

    def handle(self, *args: Any, **options: Any) -> None:
        code = options["council"]
        council = Organisation.objects.filter(kind=OrganisationKind.COUNCIL,
                                              area_code=code).first()
        area = Area.objects.filter(level=AreaLevel.COUNCIL, code=code).first()
        if council is None or area is None:
            raise CommandError(f"--council {code}: no council with that code is loaded.")
        if options["addresses_per_ward"] < 1:
            raise CommandError("--addresses-per-ward: give a whole number from 1.")
        census = census_of(area, list(wards_of(council)))
        if census is None:
            raise CommandError(f"--council {code}: no census age and sex figures are loaded "
                               "for its wards.")
        keys = [key for key in bank()]
        rows = draw_wave(*census, keys, Draw(addresses_per_ward=options["addresses_per_ward"],
                                             seed=options["seed"],
                                             wave_index=options["wave_index"]))
        written = csvfile.write(options["out"], keys,
                                ([row.get(key, "") for key in keys] for row in rows))
        self.stdout.write(f"{written} responses written to {options['out']}.\n")
