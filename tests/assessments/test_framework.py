"""The Equality Framework self-assessment: levels with evidence, improvement points that
become plan actions, history between self-assessments, the peer-challenge document, and
what every persona gets."""

from __future__ import annotations

import datetime
import io
from typing import Any

import docx
import pytest
from django.test import Client

from commonground.assessments import access, questions, selectors
from commonground.assessments.models import SelfAssessment
from commonground.assessments.services import framework
from commonground.core.errors import Conflict, InvalidInput
from commonground.plans.models import ActionPlan
from commonground.surveys.models import Wave, WaveWeighting, WeightingStatus
from tests.assessments.test_access import COUNCIL_ONLY, COUNCIL_WRITE
from tests.assessments.test_pages import client_for, statuses
from tests.personas import World, assert_personas

pytestmark = pytest.mark.django_db


@pytest.fixture
def started(world: World, plan: ActionPlan) -> SelfAssessment:
    return framework.start(actor=world["officer_a"], council=world.council_a,
                           title="Equality self-assessment 2026")


def rate_all(world: World, found: SelfAssessment, level: str) -> None:
    for area in questions.equality_framework().areas:
        for criterion in area.criteria:
            framework.rate(actor=world["officer_a"], self_assessment=found,
                           criterion=criterion.id, level=level)


def test_the_framework_has_five_areas_three_levels_and_our_criteria() -> None:
    found = questions.equality_framework()
    assert [str(a.title) for a in found.areas] == [
        "Knowing your communities", "Leadership, partnership and organisational commitment",
        "Involving your communities", "Responsive services and customer care",
        "A skilled and committed workforce"]
    assert [level for level, _text in found.levels] == ["developing", "achieving",
                                                        "excellent"]
    assert sum(len(a.criteria) for a in found.areas) == 15
    assert all(c.text.cy and c.text.en != c.text.cy for a in found.areas for c in a.criteria)


def test_evidence_links_what_the_council_holds_and_nothing_of_others(
        world: World, started: SelfAssessment, plan: ActionPlan) -> None:
    link = framework.add_evidence(actor=world["officer_a"], self_assessment=started,
                                  criterion="kyc-data", choice=f"plan:{plan.pk}")
    assert (link.kind, link.object_id, link.label, link.url) == (
        "plan", plan.pk, plan.title, f"/plans/{plan.pk}/")
    other = ActionPlan.objects.create(council=world.council_b, title="Manchester plan",
                                      period_start=plan.period_start,
                                      period_end=plan.period_end)
    with pytest.raises(InvalidInput) as caught:
        framework.add_evidence(actor=world["officer_a"], self_assessment=started,
                               criterion="kyc-data", choice=f"plan:{other.pk}")
    assert "choice" in caught.value.fields
    with pytest.raises(InvalidInput) as caught:
        framework.add_evidence(actor=world["officer_a"], self_assessment=started,
                               criterion="kyc-data", url="javascript:alert(1)", label="x")
    assert "url" in caught.value.fields
    with pytest.raises(InvalidInput):
        framework.rate(actor=world["officer_a"], self_assessment=started,
                       criterion="made-up", level="achieving")
    assert started.evidence.count() == 1


def test_evidence_offers_the_council_s_weighted_survey_waves_only(
        world: World, started: SelfAssessment) -> None:
    def wave(council: Any, title: str, status: str | None) -> Wave:
        found = Wave.objects.create(council=council, title=title,
                                    starts_on=datetime.date(2026, 3, 1),
                                    ends_on=datetime.date(2026, 4, 30), mode="online",
                                    design="address_random")
        if status is not None:
            WaveWeighting.objects.create(wave=found, status=status)
        return found

    weighted = wave(world.council_a, "Residents' survey 2026", WeightingStatus.DONE)
    wave(world.council_a, "Not weighted yet", WeightingStatus.QUEUED)
    wave(world.council_a, "No weighting", None)
    elsewhere = wave(world.council_b, "Manchester survey", WeightingStatus.DONE)
    offered = [c for c in selectors.evidence_choices(world.council_a) if c.kind == "survey"]
    assert [(c.value, c.label, c.url) for c in offered] == [
        (f"survey:{weighted.pk}", "Residents' survey 2026",
         f"/surveys/waves/{weighted.pk}/results/")]
    link = framework.add_evidence(actor=world["officer_a"], self_assessment=started,
                                  criterion="kyc-data", choice=f"survey:{weighted.pk}")
    assert (link.kind, link.object_id) == ("survey", weighted.pk)
    with pytest.raises(InvalidInput):
        framework.add_evidence(actor=world["officer_a"], self_assessment=started,
                               criterion="kyc-data", choice=f"survey:{elsewhere.pk}")


def test_an_improvement_point_becomes_a_plan_action(world: World, started: SelfAssessment,
                                                    plan: ActionPlan) -> None:
    point = framework.add_improvement(actor=world["officer_a"], self_assessment=started,
                                      criterion="ic-engagement",
                                      title="Ask new arrivals through their own groups",
                                      plan=plan)
    assert point.action is not None and point.action.plan_id == plan.pk
    assert point.action.title == "Ask new arrivals through their own groups"
    assert "Equality self-assessment 2026" in point.action.description


def test_completing_needs_every_criterion_and_the_next_one_remembers_it(
        world: World, started: SelfAssessment) -> None:
    framework.rate(actor=world["officer_a"], self_assessment=started, criterion="kyc-data",
                   level="developing")
    with pytest.raises(Conflict):
        framework.complete(actor=world["officer_a"], self_assessment=started)
    rate_all(world, started, "developing")
    framework.complete(actor=world["officer_a"], self_assessment=started)
    with pytest.raises(Conflict):
        framework.rate(actor=world["officer_a"], self_assessment=started,
                       criterion="kyc-data", level="excellent")
    following = framework.start(actor=world["officer_a"], council=world.council_a,
                                title="Equality self-assessment 2027")
    assert following.previous_id == started.pk
    framework.rate(actor=world["officer_a"], self_assessment=following,
                   criterion="kyc-data", level="achieving")
    rows = {r.criterion.id: r for a in selectors.self_assessment_page(following)
            for r in a.rows}
    assert rows["kyc-data"].moved == "up" and rows["kyc-data"].previous.level == "developing"
    assert rows["kyc-mapping"].rating is None and rows["kyc-mapping"].moved == ""


def test_a_self_assessment_is_its_councils_alone(world: World, started: SelfAssessment) -> None:
    assert_personas(world, lambda u: access.get_self_assessment_for_user(u, started.pk),
                    COUNCIL_ONLY)
    assert_personas(world, lambda u: access.get_self_assessment_for_user(
        u, started.pk, write=True), COUNCIL_WRITE)
    assert statuses(world, f"/assessments/equality/{started.pk}/") == {
        "officer_a": 200, "org_admin_a": 200, "anonymous": 302, "resident": 404,
        "officer_b": 404, "partner": 404, "moderator": 404, "admin": 404}
    assert statuses(world, f"/assessments/equality/{started.pk}/peer-challenge.docx") == {
        "officer_a": 200, "org_admin_a": 200, "anonymous": 302, "resident": 404,
        "officer_b": 404, "partner": 404, "moderator": 404, "admin": 404}
    # Someone in no council is told whose self-assessments are, not sent to a 404.
    assert statuses(world, "/assessments/equality/")["resident"] == 200


def test_one_area_through_the_pages_and_the_peer_challenge_document(
        world: World, started: SelfAssessment, plan: ActionPlan) -> None:
    officer = client_for(world, "officer_a")
    url = f"/assessments/equality/{started.pk}/kyc-data/"
    assert "Link evidence" in officer.get(url).content.decode()
    bad = officer.post(url, {"form": "rating", "level": "splendid"})
    assert bad.status_code == 200 and "There is a problem" in bad.content.decode()
    officer.post(url, {"form": "rating", "level": "achieving",
                       "notes": "Ward profiles refreshed every year."})
    officer.post(url, {"form": "evidence", "choice": f"plan:{plan.pk}"})
    officer.post(url, {"form": "evidence", "url": "https://example.org/census",
                       "label": "Census briefing"})
    officer.post(url, {"form": "improvement", "title": "Publish ward profiles",
                       "plan": plan.pk, "lead_organisation": world.council_a.pk})
    page = officer.get(f"/assessments/equality/{started.pk}/").content.decode()
    assert "1 of 3 criteria rated" in page
    answer = officer.get(f"/assessments/equality/{started.pk}/peer-challenge.docx")
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(answer.content)).paragraphs)
    assert "Level: Achieving" in text and "Ward profiles refreshed every year." in text
    assert f"{plan.title} (Action plan): http" in text
    assert "Census briefing (A link elsewhere): https://example.org/census" in text
    assert "Publish ward profiles" in text
    # The other council's officer reads none of it, even by posting.
    assert client_for(world, "officer_b").post(url, {"form": "rating", "level": "excellent"}
                                                ).status_code == 404
    assert Client().get(url).status_code == 302
