"""Plans' summary on the council comparison page: published plans for everyone, a plan in
preparation for its own council's people only."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from commonground.core.area_summaries import summaries_for
from commonground.plans.models import Milestone, PlanAction
from commonground.plans.services import plans as plan_services
from commonground.plans.summaries import plan_summary
from tests.personas import PERSONAS, World
from tests.plans.conftest import make_plan

pytestmark = pytest.mark.django_db
TRAFFORD, MANCHESTER = "E08000009", "E08000003"
CODES = [TRAFFORD, MANCHESTER]
PUBLISHED = "Trafford cohesion plan (Apr 2026 to Mar 2029)"


def council_a_plans(world: World) -> None:
    """Council A: a published plan half done (one action, amber, one milestone of two
    done) and next period's draft; council B: a draft."""
    plan, action = make_plan(world, status="published")
    PlanAction.objects.filter(pk=action.pk).update(rag="amber")
    Milestone.objects.create(action=action, title="Venues", due_on=datetime.date(2026, 7, 1),
                             status="done")
    Milestone.objects.create(action=action, title="Training", due_on=datetime.date(2026, 9, 1))
    plan_services.create_plan(
        actor=world["officer_a"], council=world.council_a, title="Next Trafford plan",
        period_start=datetime.date(2029, 4, 1), period_end=datetime.date(2032, 3, 31),
        vision="")
    plan_services.create_plan(
        actor=world["officer_b"], council=world.council_b, title="Manchester together",
        period_start=datetime.date(2026, 4, 1), period_end=datetime.date(2028, 3, 31),
        vision="")


def rows(world: World, persona: str) -> list[tuple[str, dict[str, str | None]]]:
    summary = plan_summary(world[persona], CODES)
    assert summary is not None, persona
    return [(row.label, row.values) for row in summary.rows]


def test_everyone_sees_published_plans_and_only_a_councils_own_people_its_draft(
        world: World) -> None:
    council_a_plans(world)
    public = [
        ("Published action plan", {TRAFFORD: PUBLISHED, MANCHESTER: "None published"}),
        ("Its progress", {TRAFFORD: "50% done, 1 action", MANCHESTER: "–"}),
        ("Its actions' ratings", {TRAFFORD: "1 amber", MANCHESTER: "–"}),
    ]
    preparing = "Plan in preparation (your council's own people only)"
    expected = {
        "anonymous": public, "resident": public, "partner": public, "moderator": public,
        "admin": public,
        "officer_a": [*public, (preparing, {TRAFFORD: "Draft: Next Trafford plan",
                                            MANCHESTER: None})],
        "org_admin_a": [*public, (preparing, {TRAFFORD: "Draft: Next Trafford plan",
                                              MANCHESTER: None})],
        "officer_b": [*public, (preparing, {TRAFFORD: None,
                                            MANCHESTER: "Draft: Manchester together"})],
    }
    assert set(expected) == set(PERSONAS)
    for persona, want in expected.items():
        assert rows(world, persona) == want, persona
    # Registered when the app starts, so the comparison page asks it.
    assert "Action plans" in [s.title for s in summaries_for(world["anonymous"], CODES)]


def test_nothing_published_shows_nothing_to_outsiders_and_says_so_to_the_council(
        world: World) -> None:
    make_plan(world, status="agreed")
    for persona in ("anonymous", "resident", "partner", "moderator", "admin", "officer_b"):
        if persona == "officer_b":
            found = rows(world, persona)
            assert found[-1][1] == {TRAFFORD: None, MANCHESTER: "None"}
            continue
        assert plan_summary(world[persona], CODES) is None, persona
    assert rows(world, "officer_a")[-1][1] == {
        TRAFFORD: "Agreed, not yet published: Trafford cohesion plan", MANCHESTER: None}


def test_the_summary_reads_the_same_queries_however_many_plans(world: World) -> None:
    council_a_plans(world)

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            plan_summary(world["officer_a"], CODES)
        return len(captured)

    before = count()
    plan, _action = make_plan(world, status="published")
    for i in range(3):
        plan_services.add_action(actor=world["officer_a"], plan=plan,
                                 fields=plan_services.ActionFields(title=f"More {i}"))
    assert count() == before


def test_the_comparison_page_shows_the_plans_in_english_and_welsh(
        world: World, loaded: Path) -> None:
    council_a_plans(world)
    client = Client()
    page = client.get(f"/areas/compare/?c={TRAFFORD}&c={MANCHESTER}").content.decode()
    assert "Action plans" in page and PUBLISHED in page and "50% done, 1 action" in page
    assert "Next Trafford plan" not in page  # the draft: council A's own people only
    client.force_login(world["officer_a"])
    assert "Draft: Next Trafford plan" in client.get(
        f"/areas/compare/?c={TRAFFORD}&c={MANCHESTER}").content.decode()
    with translation.override("en-gb"):  # the Welsh page leaves the thread's language be
        welsh = client.get(f"/cy/areas/compare/?c={TRAFFORD}&c={MANCHESTER}").content.decode()
    assert "Cynlluniau gweithredu" in welsh
    assert "50% wedi’i wneud, 1 cam gweithredu" in welsh
    assert "Drafft: Next Trafford plan" in welsh
