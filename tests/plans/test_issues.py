"""Issues found in the evidence: the rules on Trafford's real data and its tension
reports, the council's decisions kept when the rules run again, and the measure registry
a residents' survey plugs into."""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from commonground.core.errors import Conflict, InvalidInput
from commonground.plans import measures, selectors
from commonground.plans.measures import Comparison, Reading, Request, Scope
from commonground.plans.models import IssueStatus, LocalIssue, MappingExercise
from commonground.plans.services import issues as issue_services
from commonground.plans.services import plans as plan_services
from commonground.plans.services.plans import ActionFields
from commonground.tensions.models import Alert
from commonground.tensions.services.reports import submit_report
from tests.personas import World
from tests.plans.conftest import TODAY, make_plan, trafford_wards

pytestmark = pytest.mark.django_db


def candidates(exercise: MappingExercise) -> dict[str, LocalIssue]:
    return {i.framework_issue.slug: i for i in LocalIssue.objects.filter(exercise=exercise)
            if i.framework_issue is not None}


def test_rules_propose_issues_from_traffords_open_data(world: World,
                                                       exercise: MappingExercise) -> None:
    proposal = issue_services.propose_issues(actor=world["officer_a"], exercise=exercise,
                                             on=TODAY)
    found = candidates(exercise)
    # Among its North West neighbours Trafford has more recent migrants (91.5 per 10,000
    # against 62.0) and more isolated minority residents; English proficiency is a little
    # worse than its neighbours' average.
    assert {slug: i.strength for slug, i in found.items()} == {
        "large-number-of-new-migrants": "strong",
        "segregation-in-housing-or-schools": "strong",
        "not-speaking-english": "weak"}
    english = found["not-speaking-english"]
    assert english.status == IssueStatus.CANDIDATE and english.proposed
    assert english.evidence[0]["value"] == "1.2%"
    assert english.evidence[0]["text"].startswith(
        "1.2% against 1.1% on average for its nearest neighbours: 5 of 16")
    assert sorted(found["segregation-in-housing-or-schools"].rules) == [
        "minority-isolation-against-neighbours", "segregation-against-neighbours"]
    untested = {o.rule.id: o.reason for o in proposal.outcomes if o.status == "untested"}
    assert untested["belonging-below-benchmark"] == "No residents' survey results are held."
    assert proposal.created == 3


def test_decisions_stand_when_the_rules_run_again(world: World,
                                                  exercise: MappingExercise) -> None:
    officer = world["officer_a"]
    issue_services.propose_issues(actor=officer, exercise=exercise, on=TODAY)
    found = candidates(exercise)
    ward = trafford_wards(1)[0]
    issue_services.confirm_issue(actor=officer, issue=found["large-number-of-new-migrants"],
                                 priority="high", groups="New arrivals from Hong Kong",
                                 ward_codes=[ward.code])
    with pytest.raises(InvalidInput):
        issue_services.dismiss_issue(actor=officer, issue=found["not-speaking-english"],
                                     reason=" ")
    issue_services.dismiss_issue(actor=officer, issue=found["not-speaking-english"],
                                 reason="Close to the neighbours; ESOL places are not full.")
    again = issue_services.propose_issues(actor=officer, exercise=exercise, on=TODAY)
    assert (again.created, again.refreshed, again.decided) == (0, 1, 2)
    found = candidates(exercise)
    migrants = found["large-number-of-new-migrants"]
    assert (migrants.status, migrants.priority) == (IssueStatus.CONFIRMED, "high")
    assert list(migrants.wards.all()) == [ward]
    assert found["not-speaking-english"].status == IssueStatus.DISMISSED


def test_an_issue_with_actions_cannot_be_dismissed(world: World, loaded: Path,
                                                   confirmed_issue: LocalIssue) -> None:
    plan, action = make_plan(world)
    plan_services.update_action(actor=world["officer_a"], action=action, fields=ActionFields(
        title=action.title, lead_organisation=world.police, issues=[confirmed_issue]))
    with pytest.raises(Conflict):
        issue_services.dismiss_issue(actor=world["officer_a"], issue=confirmed_issue,
                                     reason="Resolved")


def test_sustained_alerts_and_rising_hate_incidents(world: World,
                                                    exercise: MappingExercise) -> None:
    ward = trafford_wards(1)[0]
    for weeks_back in (1, 3):
        Alert.objects.create(council=world.council_a, area=ward, category="hate_incident",
                             week_start=TODAY - datetime.timedelta(weeks=weeks_back),
                             reason="spike", observed=9, expected=2.0, p_value=0.001,
                             score=5.0, explanation="More reports than usual.")
    for n in range(15):
        # 12 in the last 13 weeks, 3 in the 13 weeks before.
        days = 5 * n if n < 12 else 100 + 3 * n
        submit_report(actor=None, council=world.council_a, ward=ward, category="hate_incident",
                      characteristics=["race"], what_happened="Abuse at the bus stop.",
                      occurred_on=TODAY - datetime.timedelta(days=days))
    issue_services.propose_issues(actor=world["officer_a"], exercise=exercise, on=TODAY)
    found = candidates(exercise)
    assert found["violence-or-high-tension"].strength == "moderate"  # alerts in 2 weeks
    fear = found["fear-of-crime-and-racist-crime"]
    assert fear.strength == "moderate"  # binomial p = 0.0176
    assert fear.evidence[0]["text"] == ("12 reports in the last 13 weeks against 3 in the 13 "
                                        "weeks before (one-sided p = 0.018).")


class SurveyStandIn:
    """A measure kind shaped as the residents' survey will register one: an estimate with
    its 95 % interval and the national benchmark as the first comparison."""

    key = "survey"
    label = "Residents' survey"

    def validate(self, param: str) -> None:
        pass

    def describe(self, param: str) -> str:
        return f"Survey: {param}"

    def unit(self, param: str) -> str:
        return "%"

    def higher_is_better(self, param: str) -> bool | None:
        return True

    def options(self, scope: Scope) -> list[tuple[str, str]]:
        return [("survey:belonging", "Survey: belonging")]

    def read(self, requests: Sequence[Request]) -> list[Reading | None]:
        return [Reading(code=r.code, label="Belong", value=52.0, display="52%", low=47.0,
                        high=57.0, as_of=datetime.date(2026, 3, 1), fresh=True,
                        comparisons=(Comparison("England (Community Life Survey)", 65.0,
                                                "65%"),))
                if r.code == "survey:belonging" else None for r in requests]


@pytest.fixture
def survey_kind() -> Iterator[None]:
    # Stands in for the surveys section's own kind, which is put back afterwards: tests
    # that run later (tests/surveys) read the real one.
    real = {k.key: k for k in measures.kinds()}.get("survey")
    measures.register(SurveyStandIn())
    yield
    measures.unregister("survey")
    if real is not None:
        measures.register(real)


def test_a_survey_indicator_significantly_below_its_benchmark(
        world: World, exercise: MappingExercise, survey_kind: None) -> None:
    proposal = issue_services.propose_issues(actor=world["officer_a"], exercise=exercise,
                                             on=TODAY)
    belonging = candidates(exercise)["low-pride-or-belonging"]
    assert belonging.strength == "moderate"  # the interval ends 8 points below 65
    assert "95% interval 47 to 57" in belonging.evidence[0]["text"]
    statuses = {o.rule.id: o.status for o in proposal.outcomes}
    assert statuses["getting-on-well-below-benchmark"] == "untested"  # no reading held


def test_own_issues_and_the_actions_suggested(world: World, exercise: MappingExercise) -> None:
    with pytest.raises(InvalidInput) as caught:
        issue_services.add_own_issue(actor=world["officer_a"], council=world.council_a,
                                     title="", priority="urgent")
    assert set(caught.value.fields) == {"title", "priority"}
    issue_services.propose_issues(actor=world["officer_a"], exercise=exercise, on=TODAY)
    english = candidates(exercise)["not-speaking-english"]
    found = selectors.suggestions_for(english)
    titles = [(s.why, s.action.slug) for s in found.actions]
    # Table D1's four actions in its order, then the five universal actions.
    assert titles[:4] == [("table_d1", "promote-esol-classes"),
                          ("table_d1", "use-translation-guidance"),
                          ("table_d1", "promote-citizenship-ceremonies"),
                          ("table_d1", "mentoring-and-buddying")]
    assert [w for w, _slug in titles[4:]] == ["universal"] * 5
    esol = found.actions[0]
    # Bolton, one of Trafford's nearest neighbours here, runs ESOL in its libraries.
    assert [c.slug for c in esol.similar_cases] == ["bolton-libraries-esol"]
    assert esol.other_cases and esol.guidance
    assert found.family_group is not None

