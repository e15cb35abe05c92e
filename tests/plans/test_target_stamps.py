"""What a plan's kept targets depend on: every measure kind's stamp, read in one query,
moves when any of them changes (issue 10: the officer's plan page read two)."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest

from commonground.places.models import Dataset
from commonground.plans import measures, selectors
from commonground.plans.services import plans as plan_services
from commonground.plans.services.plans import TargetFields
from commonground.tensions.models import Report
from tests.personas import World
from tests.plans.conftest import make_plan

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 1)


def report(world: World, council: Any) -> Report:
    return Report.objects.create(council=council, category="rumour",
                                 what_happened="Private text.", occurred_on=TODAY)


def test_the_stamps_of_the_open_data_and_the_reports_are_one_query_and_follow_each(
        world: World, loaded: Path, django_assert_num_queries: Any) -> None:
    council, kinds = world.council_a, ["manual", "place", "reports"]
    with django_assert_num_queries(1):
        start = measures.stamp_of(kinds, council)
    assert start is not None and [key for key, _value in start] == kinds
    assert dict(start)["manual"] == ()  # figures entered by hand: the plan's own change
    report(world, world.council_b)
    assert measures.stamp_of(kinds, council) == start  # another council's report
    found = report(world, council)
    added = measures.stamp_of(kinds, council)
    assert added != start and dict(added or ())["place"] == dict(start)["place"]
    found.status = "closed"
    found.save()  # a new status saves the report; the count stays the same
    closed = measures.stamp_of(kinds, council)
    assert closed not in (start, added)
    dataset = Dataset.objects.filter(organisation=None).first()
    assert dataset is not None
    dataset.save()  # an import saves its dataset
    imported = measures.stamp_of(kinds, council)
    assert imported not in (start, added, closed)
    assert dict(imported or ())["reports"] == dict(closed or ())["reports"]
    with django_assert_num_queries(0):
        assert measures.stamp_of(["manual"], council) == (("manual", ()),)


def test_the_plan_s_kept_targets_follow_a_new_report_and_a_new_import(
        world: World, loaded: Path) -> None:
    plan, _action = make_plan(world)
    for title, measure in (("Rumours", "reports:rumour:91"),
                           ("English", "place:english_proficiency")):
        plan_services.add_target(actor=world["officer_a"], plan=plan, fields=TargetFields(
            title=title, measure=measure, baseline_value=5,
            baseline_on=datetime.date(2026, 1, 1), target_value=2,
            target_on=datetime.date(2028, 1, 1)))
    plan.refresh_from_db()

    def stamp() -> object:
        return selectors.targets_key(plan, TODAY, "insider").stamp

    start = stamp()
    assert start is not None and stamp() == start
    report(world, world.council_a)
    reported = stamp()
    assert reported != start
    dataset = Dataset.objects.filter(organisation=None).first()
    assert dataset is not None
    dataset.save()
    assert stamp() not in (start, reported)
