"""The assessment pages as an officer uses them, and what every persona gets from each."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from commonground.assessments.models import ImpactAssessment, Mitigation, Stage
from commonground.places.models import Area
from commonground.plans.models import ActionPlan, PlanAction
from tests.assessments.conftest import report
from tests.assessments.test_access import publish
from tests.personas import PERSONAS, World

pytestmark = pytest.mark.django_db


def client_for(world: World, persona: str) -> Client:
    client = Client()
    if persona != "anonymous":
        client.force_login(world[persona])
    return client


def statuses(world: World, url: str) -> dict[str, int]:
    return {p: client_for(world, p).get(url).status_code for p in PERSONAS}


def test_the_officer_assesses_a_closure_through_the_pages(
        world: World, plan: ActionPlan, wards: list[Area]) -> None:
    officer = client_for(world, "officer_a")
    assert officer.get("/assessments/new/").status_code == 200
    answer = officer.post("/assessments/new/", {
        "council": world.council_a.slug, "title": "Close the youth centre",
        "kind": "service_change", "description": "Close it.", "decided_by": "Executive",
        "reach": "wards", "wards": [w.code for w in wards], "plan": plan.pk})
    found = ImpactAssessment.objects.get()
    assert answer.status_code == 302 and answer["Location"] == f"/assessments/{found.pk}/"
    page = officer.get(f"/assessments/{found.pk}/").content.decode()
    assert "Residents by ethnic group" in page and wards[0].name in page
    screening = officer.get(f"/assessments/{found.pk}/screening/")
    assert "Positive relationships across backgrounds" in screening.content.decode()
    data = {f"{f}": "none" for f in screening.context["form"].fields if not f.endswith("_note")}
    data["mixing"] = "negative"
    bad = officer.post(f"/assessments/{found.pk}/screening/", data)
    assert bad.status_code == 200 and "Say what the concern is." in bad.content.decode()
    data["mixing_note"] = "The centre is where young people of the two estates meet."
    officer.post(f"/assessments/{found.pk}/screening/", data)
    assert "Screening raised 1 concern" in officer.get(
        f"/assessments/{found.pk}/").content.decode()
    officer.post(f"/assessments/{found.pk}/effects/new/", {
        "part": "cohesion", "group": "Young people", "area": wards[0].pk,
        "direction": "negative", "likelihood": "likely", "severity": "high",
        "evidence": "Users' postcodes."})
    officer.post(f"/assessments/{found.pk}/mitigations/new/", {
        "title": "Detached youth work", "plan": plan.pk,
        "lead_organisation": world.council_a.pk})
    mitigation = Mitigation.objects.get()
    assert PlanAction.objects.filter(pk=mitigation.action_id, plan=plan).exists()
    assert "Detached youth work" in officer.get(f"/plans/{plan.pk}/").content.decode()


def test_bad_input_is_shown_on_the_form_and_never_a_500(world: World, draft: ImpactAssessment
                                                        ) -> None:
    officer = client_for(world, "officer_a")
    for url, data in [
            ("/assessments/new/", {"council": world.council_a.slug, "reach": "nowhere"}),
            (f"/assessments/{draft.pk}/effects/new/", {"part": "welsh", "area": "x"}),
            (f"/assessments/{draft.pk}/consultations/new/", {"held_on": "2999-01-01",
                                                             "who": "x", "how": "y"}),
            (f"/assessments/{draft.pk}/mitigations/new/", {"plan": "999999"}),
            (f"/assessments/{draft.pk}/sign-off/", {"decision": "adjust"})]:
        answer = officer.post(url, data)
        assert answer.status_code == 200, url
        assert "There is a problem" in answer.content.decode(), url
    assert ImpactAssessment.objects.count() == 1 and not draft.effects.exists()


def test_who_reaches_which_page(world: World, draft: ImpactAssessment) -> None:
    working = f"/assessments/{draft.pk}/"
    summary = f"/assessments/{draft.pk}/summary/"
    council = {"officer_a": 200, "org_admin_a": 200}
    hidden = dict.fromkeys(["anonymous", "resident", "officer_b", "partner", "moderator",
                            "admin"], 404)
    assert statuses(world, working) == {**council, **hidden}
    assert statuses(world, summary) == {**council, **hidden}
    login = {"anonymous": 302}
    assert statuses(world, f"/assessments/{draft.pk}/screening/") == {
        **council, **hidden, **login}
    publish(world, draft)
    assert statuses(world, summary) == dict.fromkeys(PERSONAS, 200)
    # Outsiders asking for the working page are sent to the summary.
    assert statuses(world, working) == {**council, **dict.fromkeys(hidden, 302)}
    assert statuses(world, f"/assessments/{draft.pk}/sign-off/") == {
        **council, **dict.fromkeys(hidden, 403), **login}


def test_the_published_summary_hides_small_tension_counts_and_the_working(
        world: World, draft: ImpactAssessment, wards: list[Area]) -> None:
    for _n in range(2):
        report(world, wards[0])
    publish(world, draft)
    draft.refresh_from_db()
    assert draft.stage == Stage.PUBLISHED
    page = Client().get(f"/assessments/{draft.pk}/summary/").content.decode()
    assert "fewer than 5" in page
    assert "Private text." not in page
    assert "No effect on cohesion found." in page
    welsh = Client().get(f"/cy/assessments/{draft.pk}/summary/").content.decode()
    assert "Asesiad effaith" in welsh


def test_the_index_reads_a_fixed_number_of_queries(world: World, draft: ImpactAssessment
                                                   ) -> None:
    publish(world, draft)
    client = client_for(world, "officer_a")
    client.get("/assessments/")
    with CaptureQueriesContext(connection) as first:
        client.get("/assessments/")
    for n in range(5):
        ImpactAssessment.objects.create(council=world.council_a, title=f"More {n}",
                                        kind="policy", description="x", decided_by="y",
                                        parts=["cohesion"])
    with CaptureQueriesContext(connection) as more:
        assert client.get("/assessments/").status_code == 200
    assert len(more.captured_queries) == len(first.captured_queries)


def test_the_summary_reads_a_fixed_number_of_queries(world: World, draft: ImpactAssessment,
                                                     loaded: Path) -> None:
    publish(world, draft)
    client = Client()
    client.get(f"/assessments/{draft.pk}/summary/")
    with CaptureQueriesContext(connection) as queries:
        client.get(f"/assessments/{draft.pk}/summary/")
    assert len(queries.captured_queries) <= 8
    assert datetime.date.today()  # the summary is read from what was frozen at sign-off


def test_the_admin_lists_published_assessments_only(world: World, draft: ImpactAssessment
                                                    ) -> None:
    admin = client_for(world, "admin")
    assert "Close the youth centre" not in admin.get(
        "/admin/assessments/impactassessment/").content.decode()
    assert admin.get(f"/admin/assessments/impactassessment/{draft.pk}/change/"
                     ).status_code in (302, 404)
    publish(world, draft)
    assert "Close the youth centre" in admin.get(
        "/admin/assessments/impactassessment/").content.decode()


def test_a_signed_in_header_leads_to_the_assessments(world: World) -> None:
    html = client_for(world, "resident").get("/").content.decode()
    assert 'href="/assessments/"' in html
    assert 'href="/assessments/"' not in Client().get("/").content.decode()


def _queries(client: Client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_the_working_page_reads_a_fixed_number_of_queries(world: World, draft: ImpactAssessment
                                                          ) -> None:
    from commonground.assessments.services import impact

    officer = client_for(world, "officer_a")
    url = f"/assessments/{draft.pk}/"
    few = _queries(officer, url)
    for n in range(4):
        effect = impact.add_effect(actor=world["officer_a"], assessment=draft,
                                   fields=impact.EffectFields(
            group=f"Group {n}", direction="negative", likelihood="likely", severity="high",
            evidence="x"))
        impact.add_consultation(actor=world["officer_a"], assessment=draft, who=f"Panel {n}",
                                held_on=datetime.date.today(), how="Meeting")
        impact.add_mitigation(actor=world["officer_a"], assessment=draft, title=f"Step {n}",
                              effect=effect)
    assert _queries(officer, url) == few


def test_the_self_assessment_page_reads_a_fixed_number_of_queries(
        world: World, plan: ActionPlan) -> None:
    from commonground.assessments.services import framework

    found = framework.start(actor=world["officer_a"], council=world.council_a, title="2026")
    officer = client_for(world, "officer_a")
    url = f"/assessments/equality/{found.pk}/"
    few = _queries(officer, url)
    for criterion in ("kyc-data", "kyc-mapping", "lp-leadership"):
        framework.rate(actor=world["officer_a"], self_assessment=found, criterion=criterion,
                       level="achieving")
        framework.add_evidence(actor=world["officer_a"], self_assessment=found,
                               criterion=criterion, choice=f"plan:{plan.pk}")
        framework.add_improvement(actor=world["officer_a"], self_assessment=found,
                                  criterion=criterion, title="Better", plan=plan)
    assert _queries(officer, url) == few
