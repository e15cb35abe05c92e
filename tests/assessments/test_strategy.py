"""Vision and strategy (versions kept, adopted ones public) and the cohesion partnership
(members, sharing agreements shown, meetings whose decisions create plan actions)."""

from __future__ import annotations

import datetime

import pytest

from commonground.accounts.models import SharingAgreement
from commonground.assessments import access
from commonground.assessments.models import Meeting, Strategy
from commonground.assessments.services import strategy as services
from commonground.core.errors import InvalidInput, PermissionDenied
from commonground.plans.models import ActionPlan, LocalIssue
from commonground.plans.services import issues as issue_services
from tests.assessments.test_access import COUNCIL_ONLY, COUNCIL_WRITE, EVERYONE, PUBLISHED_WRITE
from tests.assessments.test_pages import client_for, statuses
from tests.personas import ALLOWED, World, assert_personas

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


@pytest.fixture
def issue(world: World, plan: ActionPlan) -> LocalIssue:
    return issue_services.add_own_issue(actor=world["officer_a"], council=world.council_a,
                                        title="Young people from the two estates never meet",
                                        priority="high")


@pytest.fixture
def strategy(world: World, plan: ActionPlan, issue: LocalIssue) -> Strategy:
    return services.create_strategy(
        actor=world["officer_a"], council=world.council_a, title="Trafford cohesion strategy",
        fields=services.StrategyFields(vision="A Trafford where everyone belongs.",
                                       principles="Fairness\nContact", priorities="Youth",
                                       issues=[issue], plans=[plan]))


def test_changes_are_new_versions_and_the_old_ones_stay(world: World, strategy: Strategy,
                                                        plan: ActionPlan) -> None:
    services.save_version(actor=world["officer_a"], strategy=strategy, fields=services.
                          StrategyFields(vision="Everyone belongs in Trafford.",
                                         plans=[plan], adopted_on=TODAY,
                                         adopted_by="Full Council",
                                         review_on=TODAY + datetime.timedelta(days=730)))
    versions = list(strategy.versions.order_by("number"))
    assert [(v.number, v.vision) for v in versions] == [
        (1, "A Trafford where everyone belongs."), (2, "Everyone belongs in Trafford.")]
    assert versions[0].issues.count() == 1 and versions[1].issues.count() == 0
    with pytest.raises(InvalidInput) as caught:
        services.save_version(actor=world["officer_a"], strategy=strategy,
                              fields=services.StrategyFields(
                                  vision=" ", adopted_on=TODAY, review_on=TODAY))
    assert set(caught.value.fields) == {"vision", "adopted_by", "review_on"}
    assert strategy.versions.count() == 2


def test_a_strategy_is_the_councils_until_adopted(world: World, strategy: Strategy) -> None:
    assert_personas(world, lambda u: access.get_strategy_for_user(u, strategy.pk),
                    COUNCIL_ONLY)
    assert_personas(world, lambda u: access.get_strategy_for_user(u, strategy.pk, write=True),
                    COUNCIL_WRITE)
    services.save_version(actor=world["officer_a"], strategy=strategy,
                          fields=services.StrategyFields(vision="Adopted vision.",
                                                         adopted_on=TODAY,
                                                         adopted_by="Full Council"))
    assert_personas(world, lambda u: access.get_strategy_for_user(u, strategy.pk), EVERYONE)
    assert_personas(world, lambda u: access.get_strategy_for_user(u, strategy.pk, write=True),
                    PUBLISHED_WRITE)
    # Outsiders read the adopted version, not the earlier drafts or the consultation.
    page = statuses(world, f"/assessments/strategy/{strategy.pk}/")
    assert page == dict.fromkeys(page, 200)
    old = statuses(world, f"/assessments/strategy/{strategy.pk}/versions/1/")
    assert old == {"officer_a": 200, "org_admin_a": 200, "anonymous": 404, "resident": 404,
                   "officer_b": 404, "partner": 404, "moderator": 404, "admin": 404}


def test_the_partnership_its_agreements_and_a_meeting_that_creates_an_action(
        world: World, plan: ActionPlan) -> None:
    officer = world["officer_a"]
    services.add_member(actor=officer, council=world.council_a, organisation=world.police,
                        role="Leads on hate crime")
    with pytest.raises(InvalidInput):
        services.add_member(actor=officer, council=world.council_a,
                            organisation=world.police, role="Again")
    SharingAgreement.objects.create(owner=world.council_a, partner=world.police,
                                    categories=["hate_incident"], starts_on=TODAY)
    meeting = services.record_meeting(actor=officer, council=world.council_a, held_on=TODAY,
                                      title="Spring partnership meeting")
    decision = services.add_decision(actor=officer, meeting=meeting,
                                     text="Run a joint patrol at the youth centre",
                                     plan=plan, lead_organisation=world.police)
    assert decision.action is not None and decision.action.plan_id == plan.pk
    assert decision.action.lead_organisation_id == world.police.pk
    plain = services.add_decision(actor=officer, meeting=meeting, text="Meet again in June")
    assert plain.action is None
    page = client_for(world, "partner").get("/assessments/partnership/").content.decode()
    assert "Leads on hate crime" in page and "Spring partnership meeting" in page
    assert "1 category of reports since" in page
    # The member organisation's people read the partnership; only the council changes it.
    assert_personas(world, lambda u: access.get_meeting_for_user(u, meeting.pk),
                    {**COUNCIL_WRITE, "partner": ALLOWED})
    assert_personas(world, lambda u: access.get_meeting_for_user(u, meeting.pk, write=True),
                    {**COUNCIL_WRITE, "partner": PermissionDenied})
    assert statuses(world, f"/assessments/partnership/meetings/{meeting.pk}/") == {
        "officer_a": 200, "org_admin_a": 200, "partner": 200, "anonymous": 302,
        "resident": 404, "officer_b": 404, "moderator": 404, "admin": 404}
    assert statuses(world, "/assessments/partnership/")["resident"] == 200


def test_the_strategy_and_meeting_through_the_pages(world: World, plan: ActionPlan,
                                                    issue: LocalIssue) -> None:
    officer = client_for(world, "officer_a")
    officer.post("/assessments/strategy/new/", {
        "council": world.council_a.slug, "title": "Our strategy", "vision": "Belonging.",
        "issues": [issue.pk], "plans": [plan.pk]})
    found = Strategy.objects.get()
    page = officer.get(f"/assessments/strategy/{found.pk}/").content.decode()
    assert "Belonging." in page and issue.title in page and "Not adopted yet" in page
    officer.post(f"/assessments/strategy/{found.pk}/consultations/new/", {
        "who": "Residents' panel", "held_on": TODAY.isoformat(), "how": "Workshop"})
    assert "Residents&#x27; panel" in officer.get(
        f"/assessments/strategy/{found.pk}/").content.decode()
    bad = officer.post("/assessments/partnership/meetings/new/", {"title": ""})
    assert bad.status_code == 200 and "There is a problem" in bad.content.decode()
    officer.post("/assessments/partnership/meetings/new/", {
        "council": world.council_a.slug, "title": "Summer meeting",
        "held_on": TODAY.isoformat()})
    meeting = Meeting.objects.get(council=world.council_a)
    officer.post(f"/assessments/partnership/meetings/{meeting.pk}/", {
        "text": "Fund a youth worker", "plan": plan.pk, "lead_organisation": world.council_a.pk})
    assert "Fund a youth worker" in officer.get(f"/plans/{plan.pk}/").content.decode()
