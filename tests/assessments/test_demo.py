"""The assessments demo loads Trafford's examples through the services, once."""

from __future__ import annotations

import io

import pytest

from commonground.accounts.models import Membership, Role, User
from commonground.assessments import demo
from commonground.assessments.models import (
    ImpactAssessment,
    Meeting,
    ScrutinyReport,
    SelfAssessment,
    Stage,
    Strategy,
)
from commonground.plans.models import ActionPlan, PlanAction
from tests.personas import World

pytestmark = pytest.mark.django_db


def test_the_demo_loads_once(world: World, plan: ActionPlan) -> None:
    officer = User.objects.create_user("officer@trafford.example", "x" * 20,
                                       full_name="Olivia Okafor")
    Membership.objects.create(user=officer, organisation=world.council_a, role=Role.OFFICER)
    out = io.StringIO()
    assert demo.load(out) == [demo.NOTE]
    published = ImpactAssessment.objects.get()
    assert published.stage == Stage.PUBLISHED and published.mitigations.count() == 1
    assert published.evidence["loaded"] is True
    assert SelfAssessment.objects.get().ratings.count() == 3
    assert Strategy.objects.get().versions.get().adopted_on is not None
    assert Meeting.objects.get().decisions.get().action is not None
    assert ScrutinyReport.objects.get().content["assessments"][0]["title"] == published.title
    actions = PlanAction.objects.filter(plan=plan).count()
    assert demo.load(out) == [demo.NOTE]  # idempotent
    assert PlanAction.objects.filter(plan=plan).count() == actions
