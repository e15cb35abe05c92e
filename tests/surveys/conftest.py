"""Fixtures for the surveys tests: Trafford (council A) with three wards, a wave, and
files of responses."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from commonground.places.models import Area, AreaLevel
from commonground.surveys.models import Design, Mode, Wave
from commonground.surveys.services import waves as wave_services
from tests.personas import World

WARDS = [("E05000820", "Altrincham"), ("E05000821", "Ashton upon Mersey"),
         ("E05000822", "Bowdon")]
HEADER = "get_on_well,belonging,age_band,sex,ward,ethnic_group,comment"


@pytest.fixture
def trafford(db: Any) -> Area:
    council = Area.objects.create(code="E08000009", name="Trafford", level=AreaLevel.COUNCIL)
    Area.objects.create(code="E08000003", name="Manchester", level=AreaLevel.COUNCIL)
    for code, name in WARDS:
        Area.objects.create(code=code, name=name, level=AreaLevel.WARD, parent=council,
                            council=council)
    return council


@pytest.fixture
def wave(world: World, trafford: Area) -> Wave:
    return wave_services.create_wave(
        actor=world["officer_a"], council=world.council_a, title="Residents' survey 2026",
        starts_on=datetime.date(2026, 3, 1), ends_on=datetime.date(2026, 4, 30),
        mode=Mode.POST, design=Design.ADDRESS_RANDOM)


def good_file(rows: int = 6) -> str:
    lines = [HEADER]
    for i in range(rows):
        ward = WARDS[i % 3][0] if i % 2 else WARDS[i % 3][1]
        lines.append(f"{1 + i % 4},{1 + i % 2},{1 + i % 5},{1 + i % 2},{ward},{1 + i % 5},")
    return "\n".join(lines) + "\n"


BROKEN_FILE = (
    HEADER + "\n"
    "1,1,1,1,Altrincham,4,\n"
    "7,1,1,1,E05000820,4,\n"              # line 3: 7 is no code of get_on_well
    "1,1,1,1,Hale Barns,4,=cmd\n"          # line 4: not a ward of Trafford
    "1,1,1,1\n"                              # line 5: too few cells
)
