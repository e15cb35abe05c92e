"""Library fixtures: the knowledge files loaded through the command, and a submission."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from commonground.library import services
from commonground.library.models import CaseStudy
from tests.personas import World


@pytest.fixture
def knowledge(db: Any) -> str:
    out = StringIO()
    call_command("load_knowledge", commit=True, stdout=out)
    return out.getvalue()


def submit_case_study(world: World, persona: str = "officer_a", **extra: Any) -> CaseStudy:
    values = {"title": "Trafford welcome cafés", "council": "Trafford Council",
              "summary": "Monthly cafés where new arrivals and long-standing residents meet.",
              "evidence_strength": "monitored", "region": "North West", **extra}
    obj = services.submit(actor=world[persona], model=CaseStudy, values=values)
    assert isinstance(obj, CaseStudy)
    return obj


@pytest.fixture
def submission(world: World) -> CaseStudy:
    return submit_case_study(world)
