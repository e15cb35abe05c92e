"""Decide and plan, tried as a new user would: Trafford's officer maps the area, gets
candidate issues from real data, confirms two and dismisses one, adopts an action with a
case study from a similar council, builds a plan with a target and milestones; the police
partner updates the action it leads; the officer publishes; a resident reads the plan; the
plan's CSV goes out and back in unchanged; the profile document downloads and opens.
axe on every page."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import docx
import pytest

from commonground.library.knowledge import load_knowledge
from commonground.places import demo
from commonground.plans.models import ActionPlan, PlanAction, ProgressUpdate
from tests.e2e.conftest import Axe
from tests.e2e.test_invitation_journey import sign_in
from tests.personas import World
from tests.places.conftest import _Quiet, north_west  # noqa: F401 - the fixture, for this module

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def evidence(north_west: Path) -> Path:  # noqa: F811
    demo.load(_Quiet(), directory=north_west)
    load_knowledge()
    return north_west


def sign_out(page: Any) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.get_by_text("You have signed out").wait_for()


def download(page: Any, name: str) -> bytes:
    with page.expect_download() as caught:
        page.get_by_role("link", name=name).click()
    return Path(caught.value.path()).read_bytes()


def test_trafford_maps_decides_plans_and_publishes(page: Any, axe: Axe, world: World,
                                                   evidence: Path, tmp_path: Path) -> None:
    sign_in(page, axe, "officer_a@example.org")
    page.goto("/plans/")
    axe.check(page)
    page.get_by_role("link", name="1. Mapping exercise").click()
    page.get_by_role("heading", name="Mapping exercise", level=1).wait_for()
    axe.check(page)
    page.get_by_label("Name of the exercise", exact=True).fill("Trafford cohesion profile 2026")
    page.get_by_label("The whole council area", exact=True).check()
    page.get_by_role("button", name="Start the exercise").click()
    page.get_by_role("heading", name="Trafford cohesion profile 2026").wait_for()
    axe.check(page)
    # What the platform knows, and what is missing.
    language = page.locator("#item-language")
    assert "Cannot speak English well or at all: 1.2%" in language.inner_text()
    assert "Average of its" in language.inner_text()
    assert "Missing" in page.locator("#item-housing").inner_text()

    page.locator("#item-community-structures").get_by_role("link").click()
    page.get_by_role("heading", name="Local community structures").wait_for()
    axe.check(page)
    page.get_by_label("Local intelligence", exact=True).check()
    page.get_by_label("What does it show?",
                      exact=True).fill("Youth clubs have closed in the north.")
    page.get_by_label("Where does it come from?", exact=True).fill("Youth service")
    page.get_by_role("button", name="Add the evidence").click()
    page.get_by_text("The evidence is added.").wait_for()
    axe.check(page)
    page.get_by_role("link", name="Back to the exercise").click()
    page.get_by_role("button", name="Save a dated version of the profile").click()
    page.get_by_text("This is the first version.").wait_for()
    axe.check(page)
    document = docx.Document(io.BytesIO(download(page, "Download as a Word document")))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Local cohesion profile: Trafford" in text
    assert "Youth clubs have closed in the north." in text

    # Candidate issues from the real data.
    page.get_by_role("link", name="Back to the exercise").click()
    page.get_by_role("button", name="Find issues in the evidence").click()
    page.get_by_role("heading", name="Key local issues").wait_for()
    axe.check(page)
    for title in ("Large number of new migrants", "Physical segregation in public sector "
                  "housing or at schools", "Not speaking English"):
        assert page.get_by_role("link", name=title).is_visible()
    page.get_by_role("link", name="Not speaking English").click()
    axe.check(page)
    assert "5 of 16 counting from the worst" in page.inner_text("main")
    page.get_by_label("Why dismiss it?",
                      exact=True).fill("Close to our neighbours; ESOL classes have "
                                              "places.")
    page.get_by_role("button", name="Dismiss the issue").click()
    page.get_by_text("The issue is dismissed.").wait_for()
    page.get_by_role("link", name="Physical segregation in public sector housing or at "
                                   "schools").click()
    page.get_by_label("Medium", exact=True).check()
    page.get_by_role("button", name="Confirm the issue").click()
    page.get_by_text("The issue is confirmed").wait_for()
    axe.check(page)

    # A plan to put actions in.
    page.goto("/plans/new/")
    axe.check(page)
    page.get_by_label("Title", exact=True).fill("Trafford cohesion action plan 2026-2029")
    page.get_by_label("The plan starts on", exact=True).fill("2026-04-01")
    page.get_by_label("The plan ends on", exact=True).fill("2029-03-31")
    page.get_by_label("The local vision it serves",
                      exact=True).fill("A Trafford where everyone belongs.")
    page.get_by_role("button", name="Start the plan").click()
    page.get_by_text("The plan is started as a draft.").wait_for()
    axe.check(page)
    plan = ActionPlan.objects.get()

    page.goto("/plans/issues/")
    page.get_by_role("link", name="Large number of new migrants").click()
    page.get_by_label("High", exact=True).check()
    page.get_by_label("Groups affected (optional)",
                      exact=True).fill("New arrivals from Hong Kong and "
                                                         "Ukraine")
    page.get_by_role("button", name="Confirm the issue").click()
    page.get_by_role("heading", name="Actions for: Large number of new migrants").wait_for()
    axe.check(page)
    esol = page.locator("#action-promote-esol-classes")
    assert "Case studies from councils like yours" in esol.inner_text()
    esol.get_by_label("Bolton libraries", exact=False).check()
    esol.get_by_role("button", name="Adopt this action").click()
    page.get_by_text("is in the plan").wait_for()
    axe.check(page)
    action = PlanAction.objects.get(plan=plan)
    assert [c.council for c in action.case_studies.all()] == ["Bolton Council"]

    page.get_by_role("link", name="Change the action").click()
    axe.check(page)
    page.get_by_label("Lead organisation",
                      exact=True).select_option(label="Greater Manchester Police")
    page.get_by_label("Starts on (optional)", exact=True).fill("2026-04-01")
    page.get_by_label("Ends on (optional)", exact=True).fill("2027-03-31")
    page.get_by_role("button", name="Save the action").click()
    page.get_by_text("The action is saved.").wait_for()
    for title, due in (("Classes agreed with the libraries", "2026-06-30"),
                       ("First term of classes", "2026-12-20")):
        page.get_by_label("Milestone", exact=True).fill(title)
        page.get_by_label("Due on", exact=True).fill(due)
        page.get_by_role("button", name="Add the milestone").click()
        page.get_by_text("The milestone is added.").wait_for()
    axe.check(page)

    # A target on a place indicator: the baseline is read from the census.
    page.goto(f"/plans/{plan.pk}/targets/new/")
    axe.check(page)
    page.get_by_label("Target", exact=True).fill("Fewer residents without good English")
    page.get_by_label("Measure", exact=True).select_option("place:english_proficiency")
    page.get_by_label("Baseline date", exact=True).fill("2026-04-01")
    page.get_by_label("Target value", exact=True).fill("1.0")
    page.get_by_label("Target date", exact=True).fill("2031-03-31")
    page.get_by_role("button", name="Add the target").click()
    page.get_by_text("The target is added.").wait_for()
    targets = page.get_by_test_id("targets").inner_text()
    assert "1.2" in targets and "No new reading since the baseline" in targets
    axe.check(page)

    page.get_by_role("link", name="Sign off or publish").click()
    axe.check(page)
    page.get_by_label("Agreed: it has been signed off", exact=True).check()
    page.get_by_label("Signed off by (when agreeing)", exact=True).fill("Trafford Executive")
    page.get_by_label("Signed off on (when agreeing)", exact=True).fill("2026-05-01")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("The plan is now agreed.").wait_for()
    sign_out(page)

    # The police partner reports on the action it leads.
    sign_in(page, axe, "partner@example.org")
    page.goto(f"/plans/actions/{action.pk}/")
    axe.check(page)
    page.get_by_role("link", name="Classes agreed with the libraries").click()
    axe.check(page)
    page.get_by_label("Status", exact=True).select_option("done")
    page.get_by_role("button", name="Save the milestone").click()
    page.get_by_text("The milestone is saved.").wait_for()
    assert page.get_by_test_id("action-progress").inner_text() == "50% done"
    page.get_by_label("Green", exact=True).check()
    page.get_by_label("Why this rating?", exact=True).fill("Classes booked in three libraries.")
    page.get_by_role("button", name="Save the rating").click()
    page.get_by_text("The rating is saved.").wait_for()
    page.get_by_label("What has happened?",
                      exact=True).fill("Venues agreed in Stretford, Old Trafford "
                                                 "and Sale libraries.")
    page.get_by_label("It holds no personal data", exact=False).check()
    page.get_by_role("button", name="Add the update").click()
    page.get_by_text("Your update is added to the timeline.").wait_for()
    axe.check(page)
    assert ProgressUpdate.objects.get().organisation == world.police
    sign_out(page)

    # The officer publishes; the plan's CSV goes out and back in unchanged.
    sign_in(page, axe, "officer_a@example.org")
    page.goto(f"/plans/{plan.pk}/")
    axe.check(page)
    first = download(page, "Download the plan (CSV)")
    saved = tmp_path / "plan.csv"
    saved.write_bytes(first)
    page.get_by_role("link", name="Read the CSV back in").click()
    axe.check(page)
    page.get_by_label("The plan's CSV file", exact=True).set_input_files(str(saved))
    page.get_by_role("button", name="Import").click()
    page.get_by_text("0 records added").wait_for()
    assert download(page, "Download the plan (CSV)") == first
    page.get_by_role("link", name="Sign off or publish").click()
    page.get_by_label("Publish it: everyone can read it", exact=True).check()
    page.get_by_role("button", name="Save").click()
    page.get_by_text("The plan is now published.").wait_for()
    axe.check(page)
    sign_out(page)

    # A resident reads the published plan: organisations, progress, no people.
    sign_in(page, axe, "resident@example.org")
    page.goto("/plans/")
    axe.check(page)
    page.get_by_role("link", name="Trafford cohesion action plan 2026-2029").click()
    page.get_by_test_id("public-progress").wait_for()
    axe.check(page)
    assert page.get_by_test_id("public-progress").inner_text() == "50% done"
    main = page.inner_text("main")
    assert "Greater Manchester Police" in main
    assert "Classes agreed with the libraries" in main
    assert "Venues agreed in Stretford" in main
    assert "Not yet distinguishable" not in main and "No new reading since the baseline" in main
    for person in ("Officer A", "Partner"):
        assert person not in main
