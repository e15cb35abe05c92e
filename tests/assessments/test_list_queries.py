"""Every list page and document of the assessments section reads a fixed number of
queries, however many assessments, self-assessments, strategies, partners, meetings and
scrutiny reports there are (issue 14, finding 10). The working page and the summary are
pinned in test_pages.py."""

from __future__ import annotations

import datetime

import pytest

from commonground.accounts.models import Organisation, OrganisationKind
from commonground.assessments.models import Meeting, ScrutinyReport, SelfAssessment, Strategy
from commonground.assessments.services import framework, impact, scrutiny
from commonground.assessments.services import strategy as strategy_services
from commonground.places.models import Area
from commonground.plans.models import ActionPlan
from tests.api.conftest import ApiClient
from tests.assessments.test_access import publish
from tests.personas import World
from tests.query_counts import api_counts, page_counts, pinned

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


def pages(assessment: SelfAssessment, report: ScrutinyReport, strategy: Strategy,
          meeting: Meeting) -> dict[str, tuple[str, int]]:
    """Address -> (who reads it, its queries)."""
    return {
        f"/assessments/equality/{assessment.pk}/kyc-data/": ("officer_a", 13),
        f"/assessments/strategy/{strategy.pk}/": ("officer_a", 7),
        f"/assessments/strategy/{strategy.pk}/?as=anonymous": ("anonymous", 5),
        f"/assessments/partnership/meetings/{meeting.pk}/": ("officer_a", 8),
        f"/assessments/scrutiny/{report.pk}/": ("officer_a", 3),
        "/assessments/": ("officer_a", 4),
        "/assessments/?as=anonymous": ("anonymous", 1),
        "/assessments/equality/": ("officer_a", 3),
        f"/assessments/equality/{assessment.pk}/": ("officer_a", 6),
        f"/assessments/equality/{assessment.pk}/peer-challenge.docx": ("officer_a", 7),
        "/assessments/strategy/": ("officer_a", 4),
        "/assessments/strategy/?as=anonymous": ("anonymous", 2),
        "/assessments/partnership/": ("officer_a", 8),
        "/assessments/scrutiny/": ("officer_a", 3),
        f"/assessments/scrutiny/{report.pk}/report.docx": ("officer_a", 4),
    }


API = {
    "/impact-assessments": ("officer_a", 3),
    "/impact-assessments?as=anonymous": ("anonymous", 1),
}


def grow(world: World, plan: ActionPlan, wards: list[Area], assessment: SelfAssessment,
         strategy: Strategy, meeting: Meeting, n: int, start: int) -> None:
    officer = world["officer_a"]
    criteria = ["kyc-data", "kyc-mapping", "lp-leadership"]
    for i in range(start, start + n):
        draft = impact.start_assessment(actor=officer, council=world.council_a,
                                        fields=impact.ProposalFields(
            title=f"Close the library {i}", kind="service_change",
            description="Move the library into the school.", decided_by="The Executive",
            reach="wards", ward_codes=[w.code for w in wards], plan=plan))
        if i % 2:
            publish(world, draft)
        framework.start(actor=officer, council=world.council_a, title=f"Self-assessment {i}")
        framework.add_evidence(actor=officer, self_assessment=assessment,
                               criterion=criteria[i % len(criteria)],
                               url=f"https://example.org/survey-{i}", label=f"Survey {i}")
        framework.add_improvement(actor=officer, self_assessment=assessment,
                                  criterion=criteria[i % len(criteria)],
                                  title=f"Better data {i}", plan=plan)
        strategy_services.create_strategy(
            actor=officer, council=world.council_a, title=f"Strategy {i}",
            fields=strategy_services.StrategyFields(
                vision="Everyone belongs.", plans=[plan],
                adopted_on=TODAY if i % 2 else None,
                adopted_by="Full Council" if i % 2 else "",
                review_on=TODAY + datetime.timedelta(days=730) if i % 2 else None))
        partner = Organisation.objects.create(name=f"Housing association {i}",
                                              slug=f"housing-{i}",
                                              kind=OrganisationKind.OTHER)
        strategy_services.add_member(actor=officer, council=world.council_a,
                                     organisation=partner, role="Housing")
        other = strategy_services.record_meeting(actor=officer, council=world.council_a,
                                                   held_on=TODAY, title=f"Meeting {i}")
        strategy_services.add_decision(actor=officer, meeting=other, text="Meet again.")
        strategy_services.add_decision(actor=officer, meeting=meeting,
                                       text=f"Patrol the park {i}.", plan=plan,
                                       lead_organisation=world.police)
        strategy_services.save_version(actor=officer, strategy=strategy,
                                       fields=strategy_services.StrategyFields(
            vision=f"Everyone belongs, version {i}.", plans=[plan], adopted_on=TODAY,
            adopted_by="Full Council", review_on=TODAY + datetime.timedelta(days=730)))
        strategy_services.add_strategy_consultation(actor=officer, strategy=strategy,
                                                    who=f"Residents' panel {i}",
                                                    held_on=TODAY, how="Workshop")
        scrutiny.generate(actor=officer, council=world.council_a, plan=plan,
                          title=f"Progress report {i}",
                          committee="Communities Scrutiny Committee",
                          period_start=TODAY - datetime.timedelta(days=90), period_end=TODAY)


def test_every_assessments_list_and_document_reads_a_fixed_number_of_queries(
        world: World, plan: ActionPlan, wards: list[Area]) -> None:
    officer = world["officer_a"]
    assessment = framework.start(actor=officer, council=world.council_a,
                                 title="Equality self-assessment 2026")
    report = scrutiny.generate(actor=officer, council=world.council_a, plan=plan,
                               title="Cohesion: progress report",
                               committee="Communities Scrutiny Committee",
                               period_start=TODAY - datetime.timedelta(days=90),
                               period_end=TODAY)
    strategy = strategy_services.create_strategy(
        actor=officer, council=world.council_a, title="Trafford cohesion strategy",
        fields=strategy_services.StrategyFields(vision="Everyone belongs.", plans=[plan],
                                                adopted_on=TODAY, adopted_by="Full Council",
                                                review_on=TODAY + datetime.timedelta(days=730)))
    meeting = strategy_services.record_meeting(actor=officer, council=world.council_a,
                                               held_on=TODAY, title="Spring meeting")
    urls = pages(assessment, report, strategy, meeting)
    client = ApiClient(world)
    grow(world, plan, wards, assessment, strategy, meeting, 2, 0)
    few = page_counts(world, urls), api_counts(client, API)
    grow(world, plan, wards, assessment, strategy, meeting, 10, 2)
    many = page_counts(world, urls), api_counts(client, API)
    assert assessment.evidence.count() == 12 and strategy.versions.count() == 13
    assert meeting.decisions.count() == 12
    assert few == many, (few, many)
    assert many == (pinned(urls), pinned(API)), many
