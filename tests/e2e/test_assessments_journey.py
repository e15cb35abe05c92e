"""Think before acting, tried as a new user would: Trafford's officer assesses closing a
youth centre in two wards, sees who lives there and the tension history, screens the
proposal, goes to the full assessment, records a mitigation that appears as an action in
the plan, signs off and publishes the summary, which a resident then reads; completes one
area of the equality self-assessment with evidence linked; records the strategy and a
partnership meeting; produces the scrutiny report and opens the download. axe on every
page."""

from __future__ import annotations

import datetime
import io
from pathlib import Path
from typing import Any

import docx
import pytest

from commonground.assessments import questions
from commonground.assessments.models import ImpactAssessment
from commonground.library.knowledge import load_knowledge
from commonground.places import demo
from commonground.places.models import Area, AreaLevel
from commonground.tensions.models import Report
from tests.e2e.conftest import Axe
from tests.e2e.test_invitation_journey import sign_in
from tests.e2e.test_plans_journey import download, sign_out
from tests.personas import World
from tests.places.conftest import _Quiet, north_west  # noqa: F401 - the fixture, for this module
from tests.plans.conftest import make_plan

pytestmark = pytest.mark.django_db(transaction=True)
TODAY = datetime.date.today()


@pytest.fixture
def evidence(north_west: Path) -> Path:  # noqa: F811
    demo.load(_Quiet(), directory=north_west)
    load_knowledge()
    return north_west


def test_an_officer_thinks_before_acting(page: Any, axe: Axe, world: World, evidence: Path
                                         ) -> None:
    plan, _action = make_plan(world)
    wards = list(Area.objects.filter(level=AreaLevel.WARD, parent__code="E08000009")
                 .order_by("code")[:2])
    for _n in range(7):
        Report.objects.create(council=world.council_a, ward=wards[0],
                              category="community_tension", what_happened="Private.",
                              occurred_on=TODAY - datetime.timedelta(days=20))
    sign_in(page, axe, "officer_a@example.org")
    page.goto("/assessments/")
    axe.check(page)
    page.get_by_role("link", name="Assess a proposal").click()
    axe.check(page)
    page.get_by_label("Name of the proposal", exact=True).fill("Close the youth centre")
    page.get_by_label("A change to a service", exact=True).check()
    page.get_by_label("What is proposed?", exact=True).fill(
        "Close the centre; youth work moves to schools.")
    page.get_by_label("Who takes the decision?", exact=True).fill("The Executive")
    page.get_by_label("Chosen wards", exact=True).check()
    for ward in wards:
        page.get_by_label(ward.name, exact=True).check()
    page.get_by_label("Plan that mitigations go into (optional)",
                      exact=True).select_option(str(plan.pk))
    page.get_by_role("button", name="Start the assessment").click()
    page.get_by_text("The assessment is started.").wait_for()
    axe.check(page)
    main = page.inner_text("main")
    assert "Residents by ethnic group" in main and "Cannot speak English well" in main
    assert "Tension reports from" in main and wards[0].name in main

    page.get_by_role("link", name="Screen the proposal").click()
    axe.check(page)
    found = ImpactAssessment.objects.get()
    for question in questions.screening():
        if question.part in found.parts:
            page.locator(f"input[name='{question.id}'][value='none']").check()
    page.locator("input[name='mixing'][value='negative']").check()
    page.locator("textarea[name='mixing_note']").fill("The one place both estates meet.")
    page.get_by_role("button", name="Save the screening").click()
    page.get_by_text("Screening raised 1 concern").wait_for()
    axe.check(page)

    page.get_by_role("link", name="Record an effect").click()
    page.get_by_label("Group of people", exact=True).fill("Young people aged 11 to 19")
    page.get_by_label("Area", exact=True).select_option(label=wards[0].name)
    page.get_by_label("Negative", exact=True).check()
    page.get_by_label("Likely", exact=True).check()
    page.get_by_label("High", exact=True).check()
    page.get_by_label("Evidence", exact=True).fill("Two thirds of users live in this ward.")
    axe.check(page)
    page.get_by_role("button", name="Record the effect").click()
    page.get_by_text("The effect is recorded.").wait_for()
    page.get_by_role("link", name="Record a consultation").click()
    page.get_by_label("Who was consulted?", exact=True).fill("Young people at the centre")
    page.get_by_label("When?", exact=True).fill(TODAY.isoformat())
    page.get_by_label("How?", exact=True).fill("Drop-in evenings")
    page.get_by_label("They are a group seldom heard", exact=True).check()
    page.get_by_label("They include new arrivals", exact=True).check()
    axe.check(page)
    page.get_by_role("button", name="Record the consultation").click()
    page.get_by_text("The consultation is recorded.").wait_for()
    page.get_by_role("link", name="Add a mitigation").click()
    page.get_by_label("What will be done?", exact=True).fill("Detached youth work in both wards")
    axe.check(page)
    page.get_by_role("button", name="Add the mitigation and its plan action").click()
    page.get_by_text("added to the plan").wait_for()
    axe.check(page)
    page.get_by_role("link", name="an action of", exact=False).click()
    page.get_by_role("heading", name="Detached youth work in both wards").wait_for()
    axe.check(page)
    page.goto(f"/assessments/{found.pk}/")

    page.get_by_role("link", name="Record the decision and sign off").click()
    page.get_by_label("Go ahead with the mitigations", exact=True).check()
    page.get_by_label("Reasons for the decision",
                      exact=True).fill("Youth work continues in both wards.")
    page.get_by_label("Signed off by", exact=True).fill("Executive Member for Communities")
    page.get_by_label("Review by",
                      exact=True).fill((TODAY + datetime.timedelta(days=365)).isoformat())
    page.get_by_label("Summary to publish", exact=True).fill(
        "The centre closes; detached youth work starts in both wards.")
    axe.check(page)
    page.get_by_role("button", name="Sign the assessment off").click()
    page.get_by_text("The assessment is signed off.").wait_for()
    page.get_by_role("button", name="Publish the summary").click()
    page.get_by_text("everyone can read it").wait_for()
    axe.check(page)

    # The self-assessment: the first area, with evidence linked.
    page.goto("/assessments/equality/")
    axe.check(page)
    page.get_by_role("link", name="Start a self-assessment").click()
    page.get_by_label("Name of the self-assessment",
                      exact=True).fill("Equality self-assessment 2026")
    page.get_by_role("button", name="Start the self-assessment").click()
    page.get_by_text("The self-assessment is started.").wait_for()
    axe.check(page)
    area = questions.equality_framework().areas[0]
    for criterion in area.criteria:
        page.get_by_role("link", name=criterion.text.en).click()
        axe.check(page)
        page.get_by_label("Something the platform holds",
                          exact=True).select_option(f"plan:{plan.pk}")
        page.get_by_role("button", name="Link the evidence").click()
        page.get_by_text("The evidence is linked.").wait_for()
        page.get_by_label("Achieving", exact=True).check()
        page.get_by_role("button", name="Save the level").click()
        page.get_by_text("The level is saved.").wait_for()
    assert "3 of 3 criteria rated" in page.inner_text("main")
    axe.check(page)

    # The strategy and a partnership meeting whose decision becomes an action.
    page.goto("/assessments/strategy/new/")
    page.get_by_label("Name of the strategy", exact=True).fill("Trafford cohesion strategy")
    page.get_by_label("Vision statement", exact=True).fill("Everyone belongs in Trafford.")
    page.get_by_label(plan.title, exact=True).check()
    axe.check(page)
    page.get_by_role("button", name="Save the strategy").click()
    page.get_by_text("The strategy is saved as version 1.").wait_for()
    axe.check(page)
    page.goto("/assessments/partnership/")
    axe.check(page)
    page.get_by_role("link", name="Record a partnership meeting").click()
    page.get_by_label("Meeting", exact=True).fill("Autumn partnership meeting")
    page.get_by_label("Held on", exact=True).fill(TODAY.isoformat())
    page.get_by_role("button", name="Record the meeting").click()
    page.get_by_text("The meeting is recorded.").wait_for()
    page.get_by_label("What was decided?", exact=True).fill("Joint walkabouts after the closure")
    page.get_by_label("Plan for the action it creates (optional)",
                      exact=True).select_option(str(plan.pk))
    axe.check(page)
    page.get_by_role("button", name="Record the decision").click()
    page.get_by_text("The decision is recorded.").wait_for()
    axe.check(page)

    # The scrutiny report, and its download.
    page.goto("/assessments/scrutiny/")
    page.get_by_role("link", name="Prepare a scrutiny report").click()
    page.get_by_label("Title of the report", exact=True).fill("Cohesion progress report")
    page.get_by_label("Committee", exact=True).fill("Communities Scrutiny Committee")
    axe.check(page)
    page.get_by_role("button", name="Generate the report").click()
    page.get_by_text("The report is generated.").wait_for()
    axe.check(page)
    assert "Close the youth centre" in page.inner_text("main")
    document = docx.Document(io.BytesIO(download(page, "Download as a Word document")))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Cohesion progress report" in text and "Close the youth centre" in text

    # A resident reads the published summary; the working stays hidden.
    sign_out(page)
    page.goto(f"/assessments/{found.pk}/summary/")
    axe.check(page)
    main = page.inner_text("main")
    assert "detached youth work starts in both wards" in main
    assert "Detached youth work in both wards" in main
    assert "Young people at the centre" not in main
