"""Tensions' summary on the council comparison page: each council's own staff only."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from commonground.core.area_summaries import summaries_for
from commonground.tensions.summaries import tension_summary
from tests.personas import World
from tests.tensions.conftest import Places, public_report

pytestmark = pytest.mark.django_db
TRAFFORD, MANCHESTER = "E08000009", "E08000003"


def test_each_council_sees_its_own_figures_only(world: World, places: Places) -> None:
    recent = timezone.localdate() - datetime.timedelta(days=7)
    public_report(world, places, occurred_on=recent)
    public_report(world, places, occurred_on=recent - datetime.timedelta(weeks=20))  # too old
    codes = [TRAFFORD, MANCHESTER]
    officer_a = tension_summary(world["officer_a"], codes)
    assert officer_a is not None
    assert [(row.label, row.values) for row in officer_a.rows] == [
        ("Reports in the last 12 weeks", {TRAFFORD: "1", MANCHESTER: None}),
        ("Latest assessment of the council area", {TRAFFORD: "Not assessed", MANCHESTER: None})]
    officer_b = tension_summary(world["officer_b"], codes)
    assert officer_b is not None and officer_b.rows[0].values == {TRAFFORD: None, MANCHESTER: "0"}
    for persona in ("anonymous", "resident", "partner", "moderator", "admin"):
        assert tension_summary(world[persona], codes) is None, persona
    # Registered when the app starts, so the comparison page asks it.
    assert officer_a.title in [s.title for s in summaries_for(world["officer_a"], codes)]
