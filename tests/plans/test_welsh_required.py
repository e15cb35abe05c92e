"""A council that publishes only with Welsh (``Organisation.welsh_required``, on for Welsh
councils) publishes its action plan only when the public page's words have their Welsh:
the plan's title and vision, and its actions', milestones' and targets' titles."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from commonground.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from commonground.accounts.welsh import WelshRequired
from commonground.core.errors import NotAuthenticated, NotFound, PermissionDenied
from commonground.core.models import AuditEvent
from commonground.plans.models import ActionPlan, PlanStatus
from commonground.plans.services import plans as plan_services
from commonground.plans.services.plans import ActionFields, TargetFields
from tests.personas import ALLOWED, PASSWORD, World, assert_personas
from tests.plans.conftest import make_plan

pytestmark = pytest.mark.django_db

# Who may publish an agreed plan of council A (the police lead its action, so they read it).
PUBLISH = {"officer_a": ALLOWED, "org_admin_a": ALLOWED, "anonymous": NotAuthenticated,
           "resident": NotFound, "officer_b": NotFound, "partner": PermissionDenied,
           "moderator": NotFound, "admin": NotFound}


def agreed(world: World, *, welsh: bool = False) -> ActionPlan:
    plan, action = make_plan(world, status="agreed")
    officer = world["officer_a"]
    plan_services.add_milestone(actor=officer, action=action, title="Two centres open",
                                due_on=datetime.date(2026, 9, 1),
                                title_cy="Dwy ganolfan ar agor" if welsh else "")
    plan_services.add_target(actor=officer, plan=plan, fields=TargetFields(
        title="More reports of hate crime", measure="manual:people",
        baseline_on=datetime.date(2026, 4, 1), baseline_value=10, target_value=20,
        target_on=datetime.date(2027, 4, 1),
        title_cy="Mwy o adroddiadau am droseddau casineb" if welsh else ""))
    if welsh:
        plan_services.update_plan(
            actor=officer, plan=plan, title=plan.title, title_cy="Cynllun cydlyniant Trafford",
            period_start=plan.period_start, period_end=plan.period_end, vision=plan.vision,
            vision_cy="Mae pawb yn perthyn yn Trafford.")
        plan_services.update_action(actor=officer, action=action, fields=ActionFields(
            title=action.title, title_cy="Canolfannau adrodd troseddau casineb",
            lead_organisation=action.lead_organisation))
    plan.refresh_from_db()
    return plan


def publish(world: World, user: Any, *, welsh: bool = False) -> None:
    plan = agreed(world, welsh=welsh)
    plan_services.set_plan_status(actor=user, plan=plan, status="published")


def test_a_council_asking_for_welsh_publishes_its_plan_only_with_it(
        world: World, loaded: Path) -> None:
    world.council_a.welsh_required = True
    world.council_a.save()
    assert_personas(world, lambda u: publish(world, u),
                    {**PUBLISH, "officer_a": WelshRequired, "org_admin_a": WelshRequired})
    assert not ActionPlan.objects.filter(status=PlanStatus.PUBLISHED).exists()

    plan = agreed(world)
    with pytest.raises(WelshRequired) as refused:
        plan_services.set_plan_status(actor=world["officer_a"], plan=plan, status="published")
    message = refused.value.message
    assert message.startswith("Trafford Council publishes only with Welsh")
    for named in ("Welsh title", "Welsh vision",
                  "Welsh of the action ‘Hate crime reporting centres’",
                  "Welsh of the milestone ‘Two centres open’",
                  "Welsh of the target ‘More reports of hate crime’"):
        assert named in message
    assert refused.value.code == "welsh_required"
    fields = set(refused.value.fields)
    assert {"title_cy", "vision_cy"} <= fields and len(fields) == 5
    plan.refresh_from_db()
    assert plan.status == PlanStatus.AGREED and plan.published_at is None
    refusal = AuditEvent.objects.filter(action="publish.refused_welsh").latest("pk")
    assert refusal.object_id == str(plan.pk) and refusal.organisation_id == world.council_a.pk
    assert sorted(refusal.new_values["missing"]) == sorted(fields)
    assert not AuditEvent.objects.filter(action="plans.plan.published").exists()

    # With the Welsh given, the council publishes as before.
    assert_personas(world, lambda u: publish(world, u, welsh=True), PUBLISH)


def test_other_councils_publish_without_welsh(world: World, loaded: Path) -> None:
    assert world.council_a.welsh_required is False
    plan = agreed(world)
    plan_services.set_plan_status(actor=world["officer_a"], plan=plan, status="published")
    assert plan.status == PlanStatus.PUBLISHED


def test_the_refusal_is_on_the_form_and_the_welsh_on_the_public_page(
        client: Client, world: World, loaded: Path) -> None:
    world.council_a.welsh_required = True
    world.council_a.save()
    plan = agreed(world)
    client.force_login(world["officer_a"])
    response = client.post(f"/cy/plans/{plan.pk}/status/", {"status": "published"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert ("Mae Trafford Council yn cyhoeddi gyda Chymraeg yn unig: ychwanegwch y canlynol "
            "cyn cyhoeddi: Teitl Cymraeg, Gweledigaeth Gymraeg, Cymraeg y cam gweithredu "
            "‘Hate crime reporting centres’") in page
    plan.refresh_from_db()
    assert plan.status == PlanStatus.AGREED

    # The form takes the Welsh beside the English; the public page shows it under /cy/,
    # and English it lacks marked as English.
    response = client.post(f"/cy/plans/{plan.pk}/edit/", {
        "title": plan.title, "title_cy": "Cynllun cydlyniant Trafford",
        "period_start": "2026-04-01", "period_end": "2029-03-31", "vision": plan.vision,
        "vision_cy": "", "vision_url": "", "exercise": ""})
    assert response.status_code == 302
    world.council_a.welsh_required = False
    world.council_a.save()
    plan.refresh_from_db()
    assert plan.title_cy == "Cynllun cydlyniant Trafford"
    plan_services.set_plan_status(actor=world["officer_a"], plan=plan, status="published")
    client.logout()
    page = client.get(f"/cy/plans/{plan.pk}/public/").content.decode()
    assert '<h1 class="govuk-heading-xl">Cynllun cydlyniant Trafford</h1>' in page
    assert '<span lang="en">Everyone belongs in Trafford.</span>' in page
    assert '<span lang="en">Hate crime reporting centres</span>' in page
    english = client.get(f"/plans/{plan.pk}/public/").content.decode()
    assert '<h1 class="govuk-heading-xl">Trafford cohesion plan</h1>' in english
    assert 'lang="en">Everyone' not in english


def test_a_welsh_council_asks_for_welsh_from_the_start(world: World, loaded: Path) -> None:
    cardiff = Organisation.objects.create(name="Cardiff Council", slug="cardiff",
                                          kind=OrganisationKind.COUNCIL, area_code="W06000015")
    assert cardiff.welsh_required is True
    officer = User.objects.create_user("officer@cardiff.example", PASSWORD, full_name="Swyddog")
    Membership.objects.create(user=officer, organisation=cardiff, role=Role.OFFICER)
    plan = plan_services.create_plan(
        actor=officer, council=cardiff, title="Cardiff cohesion plan",
        period_start=datetime.date(2026, 4, 1), period_end=datetime.date(2029, 3, 31))
    plan_services.add_action(actor=officer, plan=plan, fields=ActionFields(
        title="Welcome cafés", title_cy="Caffis croeso", lead_organisation=cardiff))
    plan_services.set_plan_status(actor=officer, plan=plan, status="agreed",
                                  signed_off_by="Cabinet", signed_off_on=datetime.date(2026, 5, 1))
    with pytest.raises(WelshRequired) as refused:
        plan_services.set_plan_status(actor=officer, plan=plan, status="published")
    assert set(refused.value.fields) == {"title_cy"}
    assert "Cardiff Council publishes only with Welsh: add the Welsh title" in \
        refused.value.message
    plan_services.update_plan(actor=officer, plan=plan, title=plan.title,
                              title_cy="Cynllun cydlyniant Caerdydd",
                              period_start=plan.period_start, period_end=plan.period_end)
    plan_services.set_plan_status(actor=officer, plan=plan, status="published")
    assert plan.status == PlanStatus.PUBLISHED
