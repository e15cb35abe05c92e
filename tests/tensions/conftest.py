"""Areas for the tension tests: two councils (A: Trafford, B: Manchester) of two square
wards each, in a made-up grid so that "which ward is this point in" has clear answers.

Council A covers lon -2.4..-2.2, lat 53.4..53.5, split at lon -2.3 into its West and
East wards; council B the same one degree-tenth north.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import pytest

from commonground.places.geo import set_boundary
from commonground.places.models import Area, AreaLevel
from commonground.tensions import gazetteer
from commonground.tensions.models import Report, Source
from commonground.tensions.services.reports import ContactDetails, submit_report
from tests.api.conftest import ApiClient
from tests.personas import World


def square(lon0: float, lat0: float, lon1: float, lat1: float) -> dict[str, Any]:
    return {"type": "Polygon", "coordinates": [[[lon0, lat0], [lon1, lat0], [lon1, lat1],
                                                [lon0, lat1], [lon0, lat0]]]}


def make_area(code: str, name: str, level: str, parent: Area | None,
              box: tuple[float, float, float, float]) -> Area:
    area = Area(code=code, name=name, level=level, parent=parent)
    set_boundary(area, square(*box))
    area.save()
    return area


@dataclass
class Places:
    a: Area
    a_west: Area
    a_east: Area
    b: Area
    b_north: Area
    b_south: Area


def build_places() -> Places:
    a = make_area("E08000009", "Trafford", AreaLevel.COUNCIL, None, (-2.4, 53.4, -2.2, 53.5))
    b = make_area("E08000003", "Manchester", AreaLevel.COUNCIL, None, (-2.4, 53.5, -2.2, 53.6))
    return Places(
        a=a,
        a_west=make_area("E05000001", "Altrincham", AreaLevel.WARD, a, (-2.4, 53.4, -2.3, 53.5)),
        a_east=make_area("E05000002", "Sale Central", AreaLevel.WARD, a,
                         (-2.3, 53.4, -2.2, 53.5)),
        b=b,
        b_north=make_area("E05000011", "Ancoats", AreaLevel.WARD, b, (-2.4, 53.55, -2.2, 53.6)),
        b_south=make_area("E05000012", "Hulme", AreaLevel.WARD, b, (-2.4, 53.5, -2.2, 53.55)),
    )


@pytest.fixture
def places(db: Any) -> Places:
    return build_places()


@pytest.fixture(autouse=True)
def _fresh_gazetteer() -> None:
    """Each test starts with the intake's per-process cache of councils empty: a test's
    rolled-back rows send no signal, and the next test's ids may differ."""
    gazetteer.forget()


@pytest.fixture
def api(world: World) -> ApiClient:
    """The API as each persona, with their own token (as in tests/api)."""
    return ApiClient(world)


def public_report(world: World, places: Places, *, category: str = "hate_incident",
                  contact: bool = True, council: str = "a",
                  occurred_on: datetime.date | None = None) -> tuple[Report, str]:
    org = world.council_a if council == "a" else world.council_b
    ward = places.a_west if council == "a" else places.b_north
    return submit_report(
        actor=None, council=org, ward=ward, category=category,
        characteristics=["religion"] if category == "hate_incident" else [],
        what_happened="Abuse shouted at people leaving the mosque.",
        occurred_on=occurred_on or datetime.date(2026, 11, 20),
        contact=ContactDetails(name="Sam", email="sam@example.org") if contact else None,
        source=Source.PUBLIC)
