"""Fixtures for the plans tests: the North West slice of the real open data and the
library's knowledge, loaded once for the whole package and removed after it, so the
rules find real evidence for Trafford (council A) and other packages see neither.

Each test's own rows (people, plans, reports) roll back with its transaction as usual.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from commonground.accounts.models import Organisation
from commonground.library.knowledge import load_knowledge
from commonground.places import demo
from commonground.places.models import Area, AreaLevel
from commonground.plans.models import (
    ActionPlan,
    LocalIssue,
    MappingExercise,
    PlanAction,
)
from commonground.plans.services import issues as issue_services
from commonground.plans.services import mapping as mapping_services
from commonground.plans.services import plans as plan_services
from commonground.plans.services.plans import ActionFields
from tests.api.conftest import ApiClient
from tests.personas import World
from tests.places.conftest import (
    _Quiet,
    clear_places,
    north_west,  # noqa: F401 - the fixture, for this package
)

TODAY = datetime.date(2026, 6, 1)


def clear_library() -> None:
    from commonground.library import models as library
    from commonground.search.models import SearchDocument

    SearchDocument.objects.all().delete()
    for model in (library.IssueAction, library.CaseStudy, library.Resource, library.Pitfall,
                  library.Issue, library.Action, library.Guidance, library.FamilyGroup,
                  library.Influence, library.FrameworkItem, library.Theme, library.Revision):
        model.objects.all().delete()


@pytest.fixture(scope="package")
def evidence_base(django_db_setup: Any, django_db_blocker: Any,
                  north_west: Path) -> Iterator[Path]:  # noqa: F811
    with django_db_blocker.unblock():
        demo.load(_Quiet(), directory=north_west)
        load_knowledge()
        yield north_west
        clear_library()
        clear_places()


@pytest.fixture
def loaded(evidence_base: Path, db: Any) -> Path:
    return evidence_base


def trafford_wards(n: int = 3) -> list[Area]:
    return list(Area.objects.filter(level=AreaLevel.WARD, parent__code="E08000009")
                .order_by("code")[:n])


@pytest.fixture
def exercise(world: World, loaded: Path) -> MappingExercise:
    return mapping_services.start_exercise(actor=world["officer_a"], council=world.council_a,
                                           name="Trafford 2026", scope="council")


@pytest.fixture
def confirmed_issue(world: World, exercise: MappingExercise) -> LocalIssue:
    return issue_services.add_own_issue(actor=world["officer_a"], council=world.council_a,
                                        title="Tension around the town centre",
                                        priority="high", exercise=exercise)


def make_plan(world: World, *, status: str = "draft", lead: Organisation | None = None
              ) -> tuple[ActionPlan, PlanAction]:
    """A plan of council A with one action led by ``lead`` (the police by default)."""
    officer = world["officer_a"]
    plan = plan_services.create_plan(
        actor=officer, council=world.council_a, title="Trafford cohesion plan",
        period_start=datetime.date(2026, 4, 1), period_end=datetime.date(2029, 3, 31),
        vision="Everyone belongs in Trafford.")
    action = plan_services.add_action(actor=officer, plan=plan, fields=ActionFields(
        title="Hate crime reporting centres", lead_organisation=lead or world.police))
    if status in ("agreed", "published"):
        plan_services.set_plan_status(actor=officer, plan=plan, status="agreed",
                                      signed_off_by="Executive, Trafford Council",
                                      signed_off_on=datetime.date(2026, 5, 1))
    if status == "published":
        plan_services.set_plan_status(actor=officer, plan=plan, status="published")
    plan.refresh_from_db()
    return plan, action


@pytest.fixture
def api(world: World) -> ApiClient:
    return ApiClient(world)

