"""Fixtures for the assessments tests: the North West slice of the open data and the
library's knowledge (the plans tests' package fixture, loaded once for this package), a
Trafford plan to put mitigations in, and a draft assessment of a youth centre closure in
two of Trafford's wards."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from commonground.assessments.models import ImpactAssessment
from commonground.assessments.services import impact
from commonground.places.models import Area
from commonground.plans.models import ActionPlan
from commonground.tensions.models import Report
from tests.personas import World
from tests.plans.conftest import (  # noqa: F401 - fixtures, for this package
    api,
    evidence_base,
    loaded,
    make_plan,
    north_west,
    trafford_wards,
)


@pytest.fixture
def plan(world: World, loaded: Path) -> ActionPlan:  # noqa: F811
    return make_plan(world)[0]


@pytest.fixture
def wards(loaded: Path) -> list[Area]:  # noqa: F811
    return trafford_wards(2)


@pytest.fixture
def draft(world: World, plan: ActionPlan, wards: list[Area]) -> ImpactAssessment:
    return impact.start_assessment(actor=world["officer_a"], council=world.council_a,
                                   fields=impact.ProposalFields(
        title="Close the youth centre", kind="service_change",
        description="Close the youth centre and move youth work to schools.",
        decided_by="The Executive", reach="wards", ward_codes=[w.code for w in wards],
        plan=plan))


def report(world: World, ward: Area | None, category: str = "hate_incident",
           days_ago: int = 10) -> Report:
    return Report.objects.create(
        council=world.council_a, ward=ward, category=category, what_happened="Private text.",
        occurred_on=datetime.date.today() - datetime.timedelta(days=days_ago))


def screen(world: World, assessment: ImpactAssessment, concern: str = "mixing") -> None:
    """Screening with one concern (or none when ``concern`` is empty)."""
    from commonground.assessments import selectors

    answers = {q.id: ("none", "") for q in selectors.questions_for(assessment)}
    if concern:
        answers[concern] = ("negative", "Young people lose the one place they meet.")
    impact.save_screening(actor=world["officer_a"], assessment=assessment, answers=answers)


def sign_off(world: World, assessment: ImpactAssessment, *, reasons: str = "No concerns.",
             summary: str = "No effect on cohesion found.") -> None:
    """Screened with no concern and signed off to go ahead, reviewed in 90 days."""
    screen(world, assessment, concern="")
    impact.sign_off(actor=world["officer_a"], assessment=assessment, decision="proceed",
                    reasons=reasons, signed_off_by="Director",
                    signed_off_on=datetime.date.today(),
                    review_on=datetime.date.today() + datetime.timedelta(days=90),
                    summary=summary)
