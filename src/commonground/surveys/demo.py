"""Trafford's demonstration residents' survey: three yearly waves of responses drawn from
its census make-up by ``surveys.demo_wave`` (seeded; see that module for how), each
flagged as demonstration data on every page that shows it, published, and weighted to the
census through the weighting service. The latest wave is still taking answers online,
with a batch of invitation codes to try the questionnaire with.

Runs after the places demo (wards and census figures) and the accounts demo (Trafford's
analyst); skips with a note when they are not loaded. Development only, idempotent.
"""

from __future__ import annotations

import datetime
from typing import IO, Any

from django.db import transaction
from django.utils import timezone

from commonground.accounts.models import Organisation, OrganisationKind, User
from commonground.places.models import Area, AreaLevel
from commonground.surveys import codes
from commonground.surveys.demo_wave import AGE_BANDS, Draw, WardCensus, draw_wave
from commonground.surveys.models import Design, Mode, Response, Scheme, Source, Wave
from commonground.surveys.questionnaire import wards_of
from commonground.surveys.services import invitations as invitation_services
from commonground.surveys.services import waves as wave_services
from commonground.surveys.services import weighting as weighting_services

# The census figures places holds (None until it holds age and sex), as the weighting reads them.
from commonground.surveys.weighting_jobs import population_margins

TRAFFORD = "E08000009"
ANALYST = "analyst@trafford.example"
SEED = 2026
WAVES = 3
FIELDWORK_DAYS = 45
DEMO_CODES = 20


def census_of(area: Area, wards: list[Area]) -> tuple[list[WardCensus], dict[str, float]] | None:
    council = population_margins(area)
    if council is None or council.age_band_by_sex is None:
        return None
    female = {band: council.age_band_by_sex[band, "female"] / max(1, council.age_band[band])
              for band in AGE_BANDS}
    found = []
    for ward in wards:
        margins = population_margins(ward)
        if margins is None:
            continue
        found.append(WardCensus(code=ward.code, adults=margins.age_band,
                                ethnic_group=margins.ethnic_group or council.ethnic_group or
                                {"white": 1}))
    return (found, female) if found else None


def _wave(actor: User, council: Organisation, index: int, today: datetime.date) -> Wave:
    """Wave ``index`` (0 the oldest): a year apart, the last one still in the field."""
    ends_on = today + datetime.timedelta(days=30 - 365 * (WAVES - 1 - index))
    starts_on = ends_on - datetime.timedelta(days=FIELDWORK_DAYS)
    return wave_services.create_wave(
        actor=actor, council=council,
        title=f"Residents’ survey {starts_on.year} (demonstration)",
        starts_on=starts_on, ends_on=ends_on, mode=Mode.MIXED, design=Design.STRATIFIED_WARD,
        is_demo=True)


def _responses(wave: Wave, rows: list[dict[str, str]], ward_ids: dict[str, int],
               index: int) -> int:
    days = (min(wave.ends_on, timezone.localdate()) - wave.starts_on).days
    Response.objects.bulk_create([
        Response(wave=wave, ward_id=ward_ids[row["ward"]], source=Source.DEMO,
                 answers={k: v for k, v in row.items() if k != "ward" and v},
                 received_on=wave.starts_on + datetime.timedelta(days=(i * 7 + index)
                                                                 % max(1, days)))
        for i, row in enumerate(rows)], batch_size=1000)
    return len(rows)


def load(stdout: IO[str] | Any) -> list[str]:
    council = Organisation.objects.filter(kind=OrganisationKind.COUNCIL,
                                          area_code=TRAFFORD).first()
    area = Area.objects.filter(level=AreaLevel.COUNCIL, code=TRAFFORD).first()
    analyst = User.objects.filter(email=ANALYST).first()
    if council is None or area is None or analyst is None:
        stdout.write("surveys demo skipped: Trafford's council, its area or its analyst is "
                     "not loaded.\n")
        return []
    lines = ["Residents' survey (demonstration): take part at /surveys/take-part/; "
             "Trafford's waves at /surveys/."]
    if Wave.objects.filter(council=council, is_demo=True).exists():
        return lines
    wards = list(wards_of(council))
    census = census_of(area, wards)
    if census is None:
        stdout.write("surveys demo skipped: no census age and sex figures for Trafford.\n")
        return []
    ward_census, female = census
    today = timezone.localdate()
    with transaction.atomic():
        made = []
        for index in range(WAVES):
            wave = _wave(analyst, council, index, today)
            rows = draw_wave(ward_census, female, wave.questions,
                             Draw(seed=SEED, wave_index=index))
            made.append((wave, _responses(wave, rows, {w.code: w.pk for w in wards}, index)))
            wave_services.set_wave_options(actor=analyst, wave=wave, published=True,
                                           collecting=index == WAVES - 1)
        current = made[-1][0]
        batch = invitation_services.make_invitations(actor=analyst, wave=current,
                                                     count=DEMO_CODES)
        for wave, _count in made:  # the worker runs them once the demo starts
            weighting_services.submit_weighting(actor=analyst, wave=wave, scheme=Scheme.WARD)
    sample = [codes.display(c) for c in batch.invitations.values_list("code", flat=True)[:3]]
    stdout.write("surveys demo: " + ", ".join(f"{w.title} ({n} responses)" for w, n in made)
                 + ".\n")
    return [*lines, "Invitation codes to try (each once): " + ", ".join(sample) + "."]
