"""Every list page and download of the plans section reads a fixed number of queries,
however many plans, exercises, issues, evidence and history entries there are (issue 14,
finding 10). The plan and action pages are pinned in test_pages.py."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest

from commonground.plans.models import ActionPlan, LocalIssue, MappingExercise, PlanAction
from commonground.plans.services import issues as issue_services
from commonground.plans.services import mapping as mapping_services
from commonground.plans.services import plans as plan_services
from commonground.plans.services import progress
from commonground.plans.services.plans import ActionFields
from tests.api.conftest import ApiClient
from tests.personas import World
from tests.plans.conftest import make_plan
from tests.query_counts import api_counts, page_counts, pinned

pytestmark = pytest.mark.django_db


def pages(plan: ActionPlan, exercise: MappingExercise, issue: LocalIssue
          ) -> dict[str, tuple[str, int]]:
    """Address -> (who reads it, its queries); ``?as=`` tells two readers apart."""
    version = exercise.versions.count()
    return {
        "/plans/": ("officer_a", 4),
        "/plans/?as=anonymous": ("anonymous", 1),
        "/plans/mapping/": ("officer_a", 5),
        f"/plans/mapping/{exercise.pk}/": ("officer_a", 13),
        f"/plans/mapping/{exercise.pk}/versions/{version}/profile.docx": ("officer_a", 4),
        f"/plans/mapping/{exercise.pk}/versions/{version}/": ("officer_a", 4),
        f"/plans/mapping/{exercise.pk}/items/community-structures/": ("officer_a", 12),
        "/plans/issues/": ("officer_a", 4),
        f"/plans/issues/{issue.pk}/actions/": ("officer_a", 12),
        f"/plans/{plan.pk}/history/": ("officer_a", 5),
        f"/plans/{plan.pk}/plan.csv": ("officer_a", 13),
        f"/plans/{plan.pk}/plan.csv?as=partner": ("partner", 14),
    }


def api(plan: ActionPlan, action: PlanAction) -> dict[str, tuple[str, int]]:
    return {
        "/plans": ("officer_a", 3),
        "/plans?as=partner": ("partner", 3),
        f"/plans/{plan.pk}": ("officer_a", 8),
        f"/plans/{plan.pk}/csv": ("officer_a", 11),
        # The action is read with its plan and council, and the plan is not read again.
        f"/plans/actions/{action.pk}/updates": ("officer_a", 4),
        f"/plans/actions/{action.pk}/updates?as=anonymous": ("anonymous", 2),
    }


def latest(counts: dict[str, int]) -> dict[str, int]:
    """The profile's address names its latest version, which grows with the test."""
    return {re.sub(r"/versions/\d+/", "/versions/latest/", path): n
            for path, n in counts.items()}


def grow(world: World, plan: ActionPlan, action: PlanAction, exercise: MappingExercise,
         n: int, start: int) -> None:
    """``n`` more of what each list shows, and a new version of the profile."""
    officer = world["officer_a"]
    for i in range(start, start + n):
        other, _ = make_plan(world, status="published" if i % 2 else "draft")
        plan_services.add_action(actor=officer, plan=other, fields=ActionFields(
            title=f"Youth forum {i}", lead_organisation=world.council_a,
            partners=[world.police]))
        child = plan_services.add_action(actor=officer, plan=plan, fields=ActionFields(
            title=f"Action {i}", lead_organisation=world.police, partners=[world.council_a],
            parent=action if i % 2 else None))
        plan_services.add_milestone(actor=officer, action=child, title=f"Step {i}",
                                    due_on=datetime.date(2026, 9, 1))
        progress.post_update(actor=world["partner"], action=child, text=f"Done {i}.",
                             public=True)
        progress.post_update(actor=world["partner"], action=action, text=f"Met {i}.",
                             public=i % 2 == 0)
        mapping_services.start_exercise(actor=officer, council=world.council_a,
                                        name=f"Wards {i}", scope="council")
        mapping_services.add_local_evidence(
            actor=officer, exercise=exercise, item="community-structures",
            kind="intelligence", summary=f"Few youth clubs, note {i}.", source="Youth service",
            weight="medium")
        issue_services.add_own_issue(actor=officer, council=world.council_a,
                                     title=f"Tension at the park {i}", priority="medium",
                                     exercise=exercise)
    mapping_services.save_profile_version(actor=officer, exercise=exercise)


def test_every_plans_list_and_download_reads_a_fixed_number_of_queries(
        world: World, loaded: Path) -> None:
    plan, action = make_plan(world, status="published")
    exercise = mapping_services.start_exercise(actor=world["officer_a"],
                                               council=world.council_a, name="Trafford 2026",
                                               scope="council")
    issue = issue_services.add_own_issue(
        actor=world["officer_a"], council=world.council_a, title="Rumours after the march",
        priority="high", framework_issue=None, exercise=exercise)
    client = ApiClient(world)

    def counts() -> tuple[dict[str, int], dict[str, int]]:
        return (latest(page_counts(world, pages(plan, exercise, issue))),
                api_counts(client, api(plan, action)))

    grow(world, plan, action, exercise, 2, 0)
    few = counts()
    grow(world, plan, action, exercise, 10, 2)
    many = counts()
    assert plan.actions.count() == 13 and exercise.evidence.count() == 12
    assert few == many, (few, many)
    assert many == (latest(pinned(pages(plan, exercise, issue))),
                    pinned(api(plan, action))), many
