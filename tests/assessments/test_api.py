"""Impact assessments over the API: every persona reads what the pages let them read."""

from __future__ import annotations

import datetime

import pytest

from commonground.assessments.models import ImpactAssessment
from commonground.assessments.services import impact
from tests.api.conftest import ApiClient
from tests.assessments.test_access import publish
from tests.personas import PERSONAS, World

pytestmark = pytest.mark.django_db


def codes(api: ApiClient, path: str) -> dict[str, int]:
    return {p: api.get(p, path).status_code for p in PERSONAS}


def test_drafts_are_the_councils_and_summaries_everyones(world: World, api: ApiClient,
                                                         draft: ImpactAssessment) -> None:
    council = {"officer_a": 200, "org_admin_a": 200}
    assert codes(api, f"/impact-assessments/{draft.pk}") == {**dict.fromkeys(PERSONAS, 404),
                                                      **council}
    listed = {p: [a["id"] for a in api.get(p, "/impact-assessments").json()] for p in PERSONAS}
    assert listed == {**dict.fromkeys(PERSONAS, []), "officer_a": [draft.pk],
                      "org_admin_a": [draft.pk]}
    impact.add_consultation(actor=world["officer_a"], assessment=draft, who="Youth forum",
                            held_on=datetime.date.today(), how="Meeting", hard_to_reach=True)
    publish(world, draft)
    assert codes(api, f"/impact-assessments/{draft.pk}") == dict.fromkeys(PERSONAS, 200)
    body = api.get("anonymous", f"/impact-assessments/{draft.pk}").json()
    assert body["summary"] == "No effect on cohesion found."
    assert body["consultations"] == 1 and body["consultations_seldom_heard"] == 1
    assert body["summary_url"] == f"/assessments/{draft.pk}/summary/"
    assert "Youth forum" not in str(body)  # who was consulted stays with the council
    assert api.get("resident", "/impact-assessments").json()[0]["id"] == draft.pk
    missing = api.get("anonymous", "/impact-assessments/999999")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
    bad = ApiClient(world)
    bad.tokens["officer_a"] = "not-a-token"
    assert bad.get("officer_a", "/impact-assessments").status_code == 401
