"""Who sees what in plans, tried with every persona against every access function."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from commonground.accounts.models import Organisation, OrganisationKind
from commonground.core.errors import NotAuthenticated, NotFound, PermissionDenied
from commonground.plans import access
from commonground.plans.models import LocalIssue, MappingExercise
from commonground.plans.services import mapping as mapping_services
from commonground.plans.services import plans as plan_services
from commonground.plans.services import progress as progress_services
from commonground.plans.services.plans import ActionFields, TargetFields
from tests.personas import ALLOWED, World, assert_personas
from tests.plans.conftest import make_plan

pytestmark = pytest.mark.django_db

COUNCIL_ONLY = {"officer_a": ALLOWED, "org_admin_a": ALLOWED, "anonymous": NotAuthenticated,
                "resident": NotFound, "officer_b": NotFound, "partner": NotFound,
                "moderator": NotFound, "admin": NotFound}
# A draft plan whose action the police lead: the council and the police read it.
DRAFT_READ = {**COUNCIL_ONLY, "anonymous": NotFound, "partner": ALLOWED}
DRAFT_WRITE = {**COUNCIL_ONLY, "partner": PermissionDenied}
PUBLISHED_READ = dict.fromkeys(COUNCIL_ONLY, ALLOWED)
PUBLISHED_WRITE = {"officer_a": ALLOWED, "org_admin_a": ALLOWED,
                   "anonymous": NotAuthenticated, "resident": PermissionDenied,
                   "officer_b": PermissionDenied, "partner": PermissionDenied,
                   "moderator": PermissionDenied, "admin": PermissionDenied}


def test_a_mapping_exercise_its_evidence_and_versions_are_the_councils_alone(
        world: World, exercise: MappingExercise) -> None:
    evidence = mapping_services.add_local_evidence(
        actor=world["officer_a"], exercise=exercise, item="community-structures",
        kind="intelligence", summary="Few youth clubs in the north.", source="Youth service",
        weight="medium")
    mapping_services.save_profile_version(actor=world["officer_a"], exercise=exercise)
    for write in (False, True):
        assert_personas(world, lambda u, w=write: access.get_exercise_for_user(
            u, exercise.pk, write=w), COUNCIL_ONLY)
        assert_personas(world, lambda u, w=write: access.get_evidence_for_user(
            u, evidence.pk, write=w), COUNCIL_ONLY)
    assert_personas(world, lambda u: access.get_version_for_user(u, exercise.pk, 1),
                    COUNCIL_ONLY)


def test_issues_are_the_councils_alone(world: World, confirmed_issue: LocalIssue) -> None:
    for write in (False, True):
        assert_personas(world, lambda u, w=write: access.get_local_issue_for_user(
            u, confirmed_issue.pk, write=w), COUNCIL_ONLY)


def test_the_council_workspace(world: World, loaded: Path) -> None:
    slug = world.council_a.slug
    assert_personas(world, lambda u: access.get_council_for_user(u, slug), COUNCIL_ONLY)
    assert_personas(world, lambda u: access.get_council_for_user(u, slug, write=True),
                    COUNCIL_ONLY)
    assert [c.slug for c in access.councils_for(world["partner"])] == []
    assert [c.slug for c in access.councils_for(world["officer_b"], write=True)] == [
        world.council_b.slug]


def test_a_draft_plan_is_seen_by_the_council_and_the_organisations_named_on_it(
        world: World, loaded: Path) -> None:
    plan, action = make_plan(world)
    milestone = plan_services.add_milestone(actor=world["officer_a"], action=action,
                                            title="Centres open",
                                            due_on=datetime.date(2026, 9, 1))
    target = plan_services.add_target(actor=world["officer_a"], plan=plan, fields=TargetFields(
        title="Reports", measure="manual:reports", baseline_value=10,
        baseline_on=datetime.date(2026, 4, 1), target_value=20,
        target_on=datetime.date(2028, 4, 1)))
    assert_personas(world, lambda u: access.get_plan_for_user(u, plan.pk), DRAFT_READ)
    assert_personas(world, lambda u: access.get_plan_for_user(u, plan.pk, write=True),
                    DRAFT_WRITE)
    assert_personas(world, lambda u: access.get_action_for_user(u, action.pk), DRAFT_READ)
    assert_personas(world, lambda u: access.get_action_for_user(u, action.pk, write=True),
                    DRAFT_WRITE)
    lead = {**DRAFT_READ, "anonymous": NotAuthenticated}
    assert_personas(world, lambda u: access.get_action_for_user(u, action.pk, lead=True), lead)
    assert_personas(world, lambda u: access.get_action_for_user(u, action.pk, report=True),
                    lead)
    assert_personas(world, lambda u: access.get_milestone_for_user(u, milestone.pk),
                    DRAFT_READ)
    assert_personas(world, lambda u: access.get_milestone_for_user(u, milestone.pk,
                                                                   write=True), lead)
    assert_personas(world, lambda u: access.get_target_for_user(u, target.pk), DRAFT_READ)
    assert_personas(world, lambda u: access.get_target_for_user(u, target.pk, write=True),
                    DRAFT_WRITE)
    assert {p.pk for p in access.visible_plans(world["partner"])} == {plan.pk}
    assert not access.visible_plans(world["officer_b"]).exists()
    assert not access.visible_plans(world["anonymous"]).exists()


def test_a_published_plan_is_read_by_everyone_and_changed_by_its_council(
        world: World, loaded: Path) -> None:
    plan, action = make_plan(world, status="published")
    assert_personas(world, lambda u: access.get_plan_for_user(u, plan.pk), PUBLISHED_READ)
    assert_personas(world, lambda u: access.get_plan_for_user(u, plan.pk, write=True),
                    PUBLISHED_WRITE)
    assert_personas(world, lambda u: access.get_action_for_user(u, action.pk),
                    PUBLISHED_READ)
    assert_personas(world, lambda u: access.get_action_for_user(u, action.pk, write=True),
                    PUBLISHED_WRITE)
    lead = {**PUBLISHED_WRITE, "partner": ALLOWED}
    assert_personas(world, lambda u: access.get_action_for_user(u, action.pk, report=True),
                    lead)
    assert {p.pk for p in access.visible_plans(world["anonymous"])} == {plan.pk}


def test_a_partner_reports_on_an_action_but_only_the_lead_rates_it(
        world: World, loaded: Path) -> None:
    faith = Organisation.objects.create(name="Faith forum", slug="faith",
                                        kind=OrganisationKind.VCF)
    plan, action = make_plan(world, status="published", lead=faith)
    plan_services.update_action(actor=world["officer_a"], action=action, fields=ActionFields(
        title=action.title, lead_organisation=faith, partners=[world.police]))
    report = {**PUBLISHED_WRITE, "partner": ALLOWED}
    assert_personas(world, lambda u: access.get_action_for_user(u, action.pk, report=True),
                    report)
    assert_personas(world, lambda u: access.get_action_for_user(u, action.pk, lead=True),
                    PUBLISHED_WRITE)


def test_updates_not_marked_public_are_for_insiders(world: World, loaded: Path) -> None:
    plan, action = make_plan(world, status="published")
    private = progress_services.post_update(actor=world["partner"], action=action,
                                            text="Met the imam and the rabbi; names inside.")
    public = progress_services.post_update(actor=world["partner"], action=action,
                                           text="Two reporting centres opened.", public=True)
    insiders = {**dict.fromkeys(COUNCIL_ONLY, NotFound), "officer_a": ALLOWED,
                "org_admin_a": ALLOWED, "partner": ALLOWED}
    assert_personas(world, lambda u: access.get_update_for_user(u, private.pk), insiders)
    assert_personas(world, lambda u: access.get_update_for_user(u, public.pk), PUBLISHED_READ)
