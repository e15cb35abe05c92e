"""Plans over the API: every persona reads what the pages let them read, and only the
council, the lead and partners post progress updates with their token."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from commonground.plans.models import ProgressUpdate
from commonground.plans.services import plans as plan_services
from commonground.plans.services.plans import ActionFields, TargetFields
from tests.api.conftest import ApiClient
from tests.personas import PERSONAS, World
from tests.plans.conftest import make_plan

pytestmark = pytest.mark.django_db


def codes(api: ApiClient, path: str) -> dict[str, int]:
    return {p: api.get(p, path).status_code for p in PERSONAS}


def test_reading_plans(world: World, loaded: Path, api: ApiClient) -> None:
    draft, _action = make_plan(world)
    published, action = make_plan(world, status="published")
    officer = world["officer_a"]
    plan_services.update_action(actor=officer, action=action, fields=ActionFields(
        title=action.title, lead_organisation=world.council_a, lead_officer=officer))
    plan_services.add_milestone(actor=officer, action=action, title="Open",
                                due_on=datetime.date(2026, 9, 1))
    plan_services.add_target(actor=officer, plan=published, fields=TargetFields(
        title="Reports of hate", measure="reports:hate_incident:91", baseline_value=3,
        baseline_on=datetime.date(2026, 1, 1), target_value=8,
        target_on=datetime.date(2027, 1, 1)))
    insiders = {"officer_a": 200, "org_admin_a": 200, "partner": 200}
    assert codes(api, f"/plans/{draft.pk}") == {**dict.fromkeys(PERSONAS, 404), **insiders}
    assert codes(api, f"/plans/{published.pk}") == dict.fromkeys(PERSONAS, 200)
    assert codes(api, f"/plans/{published.pk}/csv") == dict.fromkeys(PERSONAS, 200)
    listed = {p: {x["id"] for x in api.get(p, "/plans").json()} for p in PERSONAS}
    assert listed["anonymous"] == listed["officer_b"] == {published.pk}
    assert listed["officer_a"] == listed["partner"] == {draft.pk, published.pk}
    inside = api.get("officer_a", f"/plans/{published.pk}").json()
    outside = api.get("anonymous", f"/plans/{published.pk}").json()
    assert inside["actions"][0]["lead_officer"] == officer.full_name
    assert outside["actions"][0]["lead_officer"] is None
    assert outside["actions"][0]["milestones"][0]["title"] == "Open"
    # A baseline of 3 reports is a small count: hidden from the public, shown to the council.
    assert inside["targets"][0]["baseline_value"] == 3
    assert outside["targets"][0]["baseline_value"] is None
    assert api.get("anonymous", f"/plans/{published.pk}/csv").content.startswith(b"record,id")
    bad = ApiClient(world)
    bad.tokens["officer_a"] = "not-a-token"
    assert bad.get("officer_a", "/plans").status_code == 401


def test_posting_progress_updates(world: World, loaded: Path, api: ApiClient) -> None:
    plan, action = make_plan(world, status="published")
    body = {"text": "Two reporting centres open.", "public": True}
    posted = {p: api.post(p, f"/plans/actions/{action.pk}/updates", body).status_code
              for p in PERSONAS}
    assert posted == {"anonymous": 401, "resident": 403, "officer_a": 201,
                      "org_admin_a": 201, "officer_b": 403, "partner": 201, "moderator": 403,
                      "admin": 403}
    assert ProgressUpdate.objects.filter(action=action).count() == 3
    refused = api.post("partner", f"/plans/actions/{action.pk}/updates", {"text": " "})
    assert refused.status_code == 400
    assert refused.json()["error"]["fields"] == {
        "text": ["Say what has happened since the last update."]}
    assert api.post("partner", f"/plans/actions/{action.pk}/updates",
                    {"text": "x", "extra": 1}).status_code == 400
    private = api.post("partner", f"/plans/actions/{action.pk}/updates", {"text": "Names."})
    assert private.json()["public"] is False
    seen = {p: len(api.get(p, f"/plans/actions/{action.pk}/updates").json())
            for p in ("anonymous", "officer_b", "partner")}
    assert seen == {"anonymous": 3, "officer_b": 3, "partner": 4}
