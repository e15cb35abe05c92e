"""Weighting to the real census figures places holds for Trafford (the demo's North West
slice): no stand-in for ``places.selectors.population_margins``."""

from __future__ import annotations

import datetime
import math
from pathlib import Path
from typing import Any

import pytest

from commonground.places import selectors
from commonground.places.models import Area
from commonground.surveys.models import Design, Mode, Scheme
from commonground.surveys.services import waves as wave_services
from commonground.surveys.services import weighting as weighting_services
from tests.personas import World
from tests.places.conftest import demo_data, north_west  # noqa: F401 - fixtures
from tests.surveys import survey_data

pytestmark = pytest.mark.django_db


def test_a_wave_is_raked_to_traffords_census_age_by_sex(
        demo_data: Path, world: World,  # noqa: F811
        django_capture_on_commit_callbacks: Any) -> None:
    wave = wave_services.create_wave(
        actor=world["officer_a"], council=world.council_a, title="Census test",
        starts_on=datetime.date(2026, 3, 1), ends_on=datetime.date(2026, 4, 30),
        mode=Mode.POST, design=Design.ADDRESS_RANDOM)
    wards = list(Area.objects.filter(level="ward", council__code="E08000009")
                 .order_by("code")[:3])
    survey_data.add_responses(wave, 500, not_stated=0, wards=wards)
    with django_capture_on_commit_callbacks(execute=True):
        job = weighting_services.submit_weighting(actor=world["officer_a"], wave=wave)
    job.refresh_from_db()
    assert job.status == "done", job.problems
    census = selectors.population_margins(Area.objects.get(code="E08000009"))
    assert census is not None and census.age_band_by_sex is not None
    achieved = {m["category"]: m["achieved"] for m in job.report["margins"]
                if m["variable"] == "age_sex"}
    for (band, sex), people in census.age_band_by_sex.items():
        assert math.isclose(achieved[f"{sex} {band}"], people, rel_tol=1e-9)
    assert "TS009" in job.report["source"] and job.report["period"] == "2021-03-21"
    assert any("all ages" in note for note in job.report["notes"])  # ethnic group shares
    # Weighting to each ward too: most of Trafford's 21 wards have no response here.
    with django_capture_on_commit_callbacks(execute=True):
        wards = weighting_services.submit_weighting(actor=world["officer_a"], wave=wave,
                                                    scheme=Scheme.WARD)
    wards.refresh_from_db()
    assert wards.status == "failed"
    assert "no response in" in wards.problems[0] and "collapse it" in wards.problems[0]
