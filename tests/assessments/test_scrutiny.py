"""The scrutiny report: generated from the plan's progress and targets, the period's
tension reports (small numbers hidden) and the assessments signed off in it; stored as it
was; a page that prints and a Word document; the council's alone."""

from __future__ import annotations

import datetime
import io

import docx
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commonground.assessments import access
from commonground.assessments.models import ImpactAssessment, ScrutinyReport
from commonground.assessments.services import scrutiny
from commonground.core.errors import InvalidInput, NotAuthenticated
from commonground.plans.models import ActionPlan, Milestone, PlanAction
from commonground.plans.services import plans as plan_services
from tests.assessments.conftest import report
from tests.assessments.test_access import COUNCIL_ONLY, publish
from tests.assessments.test_pages import client_for, statuses
from tests.personas import World, assert_personas

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


def generate(world: World, plan: ActionPlan) -> ScrutinyReport:
    return scrutiny.generate(actor=world["officer_a"], council=world.council_a, plan=plan,
                             title="Cohesion: progress report",
                             committee="Communities Scrutiny Committee",
                             period_start=TODAY - datetime.timedelta(days=90),
                             period_end=TODAY)


def test_the_report_reads_progress_targets_tensions_and_assessments(
        world: World, plan: ActionPlan, draft: ImpactAssessment, wards: list) -> None:
    action = PlanAction.objects.get(plan=plan)
    plan_services.add_milestone(actor=world["officer_a"], action=action, title="Venue booked",
                                due_on=TODAY, status="done")
    plan_services.add_milestone(actor=world["officer_a"], action=action, title="First event",
                                due_on=TODAY - datetime.timedelta(days=1))
    for _n in range(6):
        report(world, wards[0], "community_tension", days_ago=5)
    for _n in range(2):
        report(world, wards[0], "hate_incident", days_ago=5)
    report(world, wards[0], "hate_incident", days_ago=120)  # the period before
    publish(world, draft)
    found = generate(world, plan)
    content = found.content
    assert content["plan"]["progress"] == 50.0
    assert content["actions"][0]["done"] == 1 and content["actions"][0]["overdue"] == 1
    rows = {r["category"]: r for r in content["tensions"]["rows"]}
    # 2 hate incidents are hidden, and so is the 6 that would give them away from the
    # period's total of 8, which is shown.
    assert rows["hate_incident"]["now"] is None and rows["hate_incident"]["before"] is None
    assert rows["community_tension"]["now"] is None
    assert content["tensions"]["totals"][0] == 8
    assert [a["title"] for a in content["assessments"]] == ["Close the youth centre"]
    # Stored as it was: a later milestone does not change the report.
    Milestone.objects.filter(title="First event").update(status="done")
    assert ScrutinyReport.objects.get(pk=found.pk).content["plan"]["progress"] == 50.0


def test_bad_periods_and_other_councils_plans_are_refused(world: World, plan: ActionPlan
                                                          ) -> None:
    other = ActionPlan.objects.create(council=world.council_b, title="Manchester plan",
                                      period_start=plan.period_start,
                                      period_end=plan.period_end)
    with pytest.raises(InvalidInput) as caught:
        scrutiny.generate(actor=world["officer_a"], council=world.council_a, plan=other,
                          title="", committee="", period_start=TODAY,
                          period_end=TODAY - datetime.timedelta(days=1))
    assert set(caught.value.fields) == {"plan", "title", "committee", "period_end"}
    assert not ScrutinyReport.objects.exists()


def test_a_report_is_the_councils_and_its_document_opens(world: World, plan: ActionPlan
                                                         ) -> None:
    found = generate(world, plan)
    assert_personas(world, lambda u: access.get_scrutiny_report_for_user(u, found.pk),
                    {**COUNCIL_ONLY, "anonymous": NotAuthenticated})
    for url in (f"/assessments/scrutiny/{found.pk}/",
                f"/assessments/scrutiny/{found.pk}/report.docx"):
        assert statuses(world, url) == {
            "officer_a": 200, "org_admin_a": 200, "anonymous": 302, "resident": 404,
            "officer_b": 404, "partner": 404, "moderator": 404, "admin": 404}
    answer = client_for(world, "officer_a").get(f"/assessments/scrutiny/{found.pk}/report.docx")
    document = docx.Document(io.BytesIO(answer.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Cohesion: progress report" in text and "Progress of the plan" in text
    assert document.tables[0].rows[1].cells[0].text.endswith("Hate crime reporting centres")
    page = client_for(world, "officer_a").get(f"/assessments/scrutiny/{found.pk}/")
    assert "Communities Scrutiny Committee" in page.content.decode()
    assert "plans/plans.css" in page.content.decode()  # the print styles


def test_generating_through_the_page_and_the_list_reads_fixed_queries(
        world: World, plan: ActionPlan) -> None:
    officer = client_for(world, "officer_a")
    answer = officer.post("/assessments/scrutiny/new/", {
        "council": world.council_a.slug, "plan": plan.pk, "title": "Report",
        "committee": "Scrutiny", "period_start": (TODAY - datetime.timedelta(days=30)
                                                   ).isoformat(),
        "period_end": TODAY.isoformat()})
    assert answer.status_code == 302
    officer.get("/assessments/scrutiny/")
    with CaptureQueriesContext(connection) as first:
        officer.get("/assessments/scrutiny/")
    for _n in range(3):
        generate(world, plan)
    with CaptureQueriesContext(connection) as more:
        officer.get("/assessments/scrutiny/")
    assert len(more.captured_queries) == len(first.captured_queries)
