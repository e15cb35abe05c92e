"""The plans pages as a council officer uses them, and what every persona gets from each."""

from __future__ import annotations

import datetime
import io
import re
from pathlib import Path
from typing import Any

import docx
import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from commonground.core import stamped
from commonground.plans.models import (
    ActionPlan,
    IssueStatus,
    LocalIssue,
    MappingExercise,
    Milestone,
    PlanAction,
    ProfileVersion,
    ProgressUpdate,
)
from commonground.plans.services import mapping as mapping_services
from commonground.plans.services import plans as plan_services
from commonground.plans.services import progress as progress_services
from commonground.plans.services.plans import ActionFields, TargetFields
from commonground.plans.templatetags import plans_kept
from tests.personas import PERSONAS, World
from tests.plans.conftest import make_plan

pytestmark = pytest.mark.django_db


def client_for(world: World, persona: str) -> Client:
    client = Client()
    if persona != "anonymous":
        client.force_login(world[persona])
    return client


def statuses(world: World, url: str) -> dict[str, int]:
    return {p: client_for(world, p).get(url).status_code for p in PERSONAS}


def test_the_header_lists_plans_and_anyone_reads_the_front_page(world: World,
                                                                loaded: Path) -> None:
    page = Client().get("/plans/")
    assert page.status_code == 200
    assert b'href="/plans/"' in page.content
    assert b"No council has published a plan yet." in page.content
    welsh = Client().get("/cy/plans/")
    assert "Nid oes yr un cyngor wedi cyhoeddi cynllun eto." in welsh.content.decode()


def test_an_officer_maps_the_area_and_downloads_the_profile(world: World, loaded: Path,
                                                            settings: Any,
                                                            tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path
    officer = client_for(world, "officer_a")
    assert officer.get("/plans/mapping/").status_code == 200
    bad = officer.post("/plans/mapping/", {"council": "council-a", "name": "", "scope": "wards"})
    assert bad.status_code == 200 and b"Choose at least one ward." not in bad.content
    assert b"There is a problem" in bad.content
    created = officer.post("/plans/mapping/", {"council": "council-a", "name": "Trafford 2026",
                                               "scope": "council"})
    exercise = MappingExercise.objects.get()
    assert created["Location"] == f"/plans/mapping/{exercise.pk}/"
    page = officer.get(created["Location"])
    assert b"Cannot speak English well or at all" in page.content
    assert b"Missing" in page.content
    item = f"/plans/mapping/{exercise.pk}/items/community-structures/"
    assert officer.get(item).status_code == 200
    upload = io.BytesIO(b"ward,clubs\n")
    upload.name = "clubs.csv"
    added = officer.post(item, {"form": "evidence", "kind": "intelligence",
                                "summary": "Few youth clubs in the north of the borough.",
                                "source": "Youth service", "weight": "medium", "file": upload})
    assert added.status_code == 302
    evidence = exercise.evidence.get()
    assert officer.get(f"/plans/evidence/{evidence.pk}/file/").getvalue() == b"ward,clubs\n"
    saved = officer.post(f"/plans/mapping/{exercise.pk}/versions/")
    assert saved["Location"] == f"/plans/mapping/{exercise.pk}/versions/1/"
    profile = officer.get(saved["Location"])
    assert b"This is the first version." in profile.content
    download = officer.get(f"/plans/mapping/{exercise.pk}/versions/1/profile.docx")
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    document = docx.Document(io.BytesIO(download.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Local cohesion profile: Trafford" in text
    assert "Few youth clubs in the north of the borough." in text
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "1.2%" in cells


def test_an_officer_finds_issues_and_adopts_an_action(world: World, loaded: Path) -> None:
    officer = client_for(world, "officer_a")
    exercise = mapping_services.start_exercise(actor=world["officer_a"],
                                               council=world.council_a, name="T",
                                               scope="council")
    plan, _action = make_plan(world)
    found = officer.post(f"/plans/mapping/{exercise.pk}/issues/")
    assert found.status_code == 302
    listing = officer.get(found["Location"])
    assert b"Large number of new migrants" in listing.content
    assert b"What each rule found this time" in listing.content
    migrants = LocalIssue.objects.get(framework_issue__slug="large-number-of-new-migrants")
    english = LocalIssue.objects.get(framework_issue__slug="not-speaking-english")
    assert officer.get(f"/plans/issues/{migrants.pk}/").status_code == 200
    confirmed = officer.post(f"/plans/issues/{migrants.pk}/", {
        "form": "confirm", "priority": "high", "groups": "New arrivals"})
    assert confirmed["Location"] == f"/plans/issues/{migrants.pk}/actions/"
    refused = officer.post(f"/plans/issues/{english.pk}/", {"form": "dismiss", "reason": ""})
    assert b"This field is required." in refused.content
    officer.post(f"/plans/issues/{english.pk}/", {"form": "dismiss", "reason": "Close to "
                                                                              "neighbours."})
    english.refresh_from_db()
    assert english.status == IssueStatus.DISMISSED
    suggestions = officer.get(confirmed["Location"])
    assert b"Case studies from councils like yours" in suggestions.content
    assert b"Bolton" in suggestions.content
    bolton = re.search(rb'value="(\d+)"[^>]*>\s*<label[^>]*>Bolton', suggestions.content)
    adopted = officer.post(f"/plans/issues/{migrants.pk}/actions/promote-esol-classes/adopt/", {
        "promote-esol-classes-plan": str(plan.pk),
        "promote-esol-classes-case_studies": [bolton.group(1).decode()] if bolton else []})
    action = PlanAction.objects.get(library_action__slug="promote-esol-classes")
    assert adopted["Location"] == f"/plans/actions/{action.pk}/"
    assert list(action.issues.all()) == [migrants]
    assert [c.council for c in action.case_studies.all()] == ["Bolton Council"]
    assert officer.get(adopted["Location"]).status_code == 200


def test_plan_pages_for_the_council_and_the_public(world: World, loaded: Path) -> None:
    officer = client_for(world, "officer_a")
    started = officer.post("/plans/new/", {
        "council": "council-a", "title": "Cohesion plan 2026-29", "period_start": "2026-04-01",
        "period_end": "2029-03-31", "vision": "Everyone belongs."})
    plan = ActionPlan.objects.get(title="Cohesion plan 2026-29")
    assert started["Location"] == f"/plans/{plan.pk}/"
    assert officer.get(f"/plans/{plan.pk}/actions/new/").status_code == 200
    added = officer.post(f"/plans/{plan.pk}/actions/new/", {
        "title": "Welcome packs", "origin": "own", "lead_organisation": str(world.police.pk),
        "horizon": "quick_win", "recurrence": "one_off", "status": "planned", "weight": "2",
        "update_every_days": "30"})
    action = PlanAction.objects.get(title="Welcome packs")
    assert added["Location"] == f"/plans/actions/{action.pk}/"
    officer.post(f"/plans/actions/{action.pk}/milestones/", {
        "title": "Pack printed", "due_on": "2026-07-01", "status": "not_started",
        "weight": "1"})
    assert Milestone.objects.filter(action=action).count() == 1
    target = officer.post(f"/plans/{plan.pk}/targets/new/", {
        "title": "English", "measure": "place:english_proficiency", "baseline_on": "2026-04-01",
        "target_value": "1.0", "target_on": "2031-03-31"})
    assert target.status_code == 302
    page = officer.get(f"/plans/{plan.pk}/")
    assert b"No new reading since the baseline" in page.content
    assert b"Welcome packs" in page.content
    officer.post(f"/plans/{plan.pk}/status/", {"status": "agreed", "signed_off_by": "Cabinet",
                                               "signed_off_on": "2026-05-01"})
    officer.post(f"/plans/{plan.pk}/status/", {"status": "published"})
    plan.refresh_from_db()
    assert plan.is_published
    public = Client().get(f"/plans/{plan.pk}/public/")
    assert public.status_code == 200
    assert b"Greater Manchester Police" in public.content
    assert world["officer_a"].full_name.encode() not in public.content
    assert Client().get(f"/plans/{plan.pk}/")["Location"] == f"/plans/{plan.pk}/public/"
    history = officer.get(f"/plans/{plan.pk}/history/")
    assert b"plans.plan.published" in history.content


def test_every_persona_against_the_pages_of_a_draft_plan(world: World, loaded: Path,
                                                         settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path
    plan, action = make_plan(world)
    exercise = mapping_services.start_exercise(actor=world["officer_a"],
                                               council=world.council_a, name="T",
                                               scope="council")
    mapping_services.save_profile_version(actor=world["officer_a"], exercise=exercise)
    council_only = {"anonymous": 302, "resident": 404, "officer_a": 200, "org_admin_a": 200,
                    "officer_b": 404, "partner": 404, "moderator": 404, "admin": 404}
    for url in (f"/plans/mapping/{exercise.pk}/", f"/plans/mapping/{exercise.pk}/versions/1/",
                f"/plans/mapping/{exercise.pk}/versions/1/profile.docx"):
        assert statuses(world, url) == council_only, url
    draft = {**council_only, "anonymous": 404, "partner": 200}
    for url in (f"/plans/{plan.pk}/", f"/plans/actions/{action.pk}/", f"/plans/{plan.pk}/public/",
                f"/plans/{plan.pk}/plan.csv"):
        assert statuses(world, url) == draft, url
    assert statuses(world, f"/plans/{plan.pk}/edit/") == {
        **council_only, "partner": 403}
    update = progress_services.post_update(
        actor=world["partner"], action=action, text="Centres open.",
        file=SimpleUploadedFile("minutes.pdf", b"%PDF-1.4 minutes"))
    assert update.public is False
    assert statuses(world, f"/plans/{plan.pk}/history/") == {**council_only, "partner": 200}
    assert statuses(world, f"/plans/updates/{update.pk}/file/") == draft
    issue = LocalIssue.objects.create(council=world.council_a, title="Own", priority="high",
                                      status=IssueStatus.CONFIRMED)
    for url in (f"/plans/issues/{issue.pk}/", f"/plans/issues/{issue.pk}/actions/"):
        assert statuses(world, url) == council_only, url
    target = plan_services.add_target(actor=world["officer_a"], plan=plan, fields=TargetFields(
        title="Visits", measure="manual:visits", baseline_value=0,
        baseline_on=datetime.date(2026, 4, 1), target_value=10,
        target_on=datetime.date(2027, 4, 1)))
    assert statuses(world, f"/plans/targets/{target.pk}/") == {**council_only, "partner": 403}


def test_every_persona_against_a_published_plan(world: World, loaded: Path) -> None:
    plan, action = make_plan(world, status="published")
    everyone = dict.fromkeys(PERSONAS, 200)
    assert statuses(world, f"/plans/{plan.pk}/public/") == everyone
    assert statuses(world, f"/plans/{plan.pk}/plan.csv") == everyone
    outsiders = {"anonymous": 302, "resident": 302, "officer_a": 200, "org_admin_a": 200,
                 "officer_b": 302, "partner": 200, "moderator": 302, "admin": 302}
    assert statuses(world, f"/plans/{plan.pk}/") == outsiders
    assert statuses(world, f"/plans/actions/{action.pk}/") == outsiders
    # The CSV: every field for the plan's own people, no email addresses for others.
    lead = world["officer_a"]
    plan_services.update_action(actor=lead, action=action, fields=ActionFields(
        title=action.title, lead_organisation=world.council_a, lead_officer=lead))
    inside = client_for(world, "officer_a").get(f"/plans/{plan.pk}/plan.csv").content
    outside = Client().get(f"/plans/{plan.pk}/plan.csv").content
    assert lead.email.encode() in inside and lead.email.encode() not in outside


def test_the_plan_page_reads_the_same_number_of_queries_however_large(
        world: World, loaded: Path) -> None:
    officer = world["officer_a"]
    plan, action = make_plan(world)
    plan_services.add_target(actor=officer, plan=plan, fields=TargetFields(
        title="Rumours", measure="reports:rumour:91", baseline_value=5,
        baseline_on=datetime.date(2026, 1, 1), target_value=2,
        target_on=datetime.date(2028, 1, 1)))
    client = client_for(world, "officer_a")

    def grow(n: int) -> None:
        for i in range(n):
            child = plan_services.add_action(actor=officer, plan=plan, fields=ActionFields(
                title=f"Action {i}", lead_organisation=world.police, partners=[world.council_a],
                parent=action if i % 2 else None))
            Milestone.objects.create(action=child, title="Step", due_on=datetime.date(2026, 9, 1))
            ProgressUpdate.objects.create(action=child, author=officer, text="Done a bit.",
                                          public=True)

    def count(url: str) -> tuple[int, int]:
        """Queries with the page's cached parts out of date, then with them kept."""
        client.get(url)  # warm the per-process values (the councils' table)
        cache.clear()
        plans_kept.forget()
        with CaptureQueriesContext(connection) as fresh:
            assert client.get(url).status_code == 200
        with CaptureQueriesContext(connection) as kept:
            assert client.get(url).status_code == 200
        return len(fresh), len(kept)

    grow(2)
    small = {url: count(url) for url in (f"/plans/{plan.pk}/", f"/plans/{plan.pk}/public/",
                                         f"/plans/actions/{action.pk}/")}
    grow(25)
    large = {url: count(url) for url in small}
    assert large == small
    # Kept parts: the session, the user with their memberships, the plan and the
    # council's tension reports (what the target reads); the action page reads its parts
    # each time, and its plan with the action.
    assert small == {f"/plans/{plan.pk}/": (11, 4), f"/plans/{plan.pk}/public/": (12, 4),
                     f"/plans/actions/{action.pk}/": (13, 13)}
    # The actions and milestones are not read at all while the plan has not changed.
    plan_page = small[f"/plans/{plan.pk}/"]
    assert plan_page[1] < plan_page[0]
    assert ProfileVersion.objects.count() == 0  # nothing else was touched


def test_every_persona_against_the_lists_and_the_forms_that_change_a_published_plan(
        world: World, loaded: Path) -> None:
    """The pages not tried above: the council's lists of exercises and issues, a published
    plan's history and targets, and the forms that post updates, milestones and ratings,
    start an exercise or decide an issue, each sent by every persona."""
    plan, action = make_plan(world, status="published")
    officer = world["officer_a"]
    exercise = mapping_services.start_exercise(actor=officer, council=world.council_a,
                                               name="T", scope="council")
    target = plan_services.add_target(actor=officer, plan=plan, fields=TargetFields(
        title="Visits", measure="manual:visits", baseline_value=0,
        baseline_on=datetime.date(2026, 4, 1), target_value=10,
        target_on=datetime.date(2027, 4, 1)))
    milestone = plan_services.add_milestone(actor=officer, action=action, title="Open",
                                            due_on=datetime.date(2026, 9, 1))
    lists = {"anonymous": 302, "resident": 404, "officer_a": 200, "org_admin_a": 200,
             "officer_b": 200, "partner": 404, "moderator": 404, "admin": 404}
    for url in ("/plans/mapping/", "/plans/issues/"):
        assert statuses(world, url) == lists, url
    # Each council lists only its own: Trafford's exercise is not on Bolton's list.
    assert b"/plans/mapping/%d/" % exercise.pk not in client_for(
        world, "officer_b").get("/plans/mapping/").content
    outsiders = {"anonymous": 302, "resident": 404, "officer_a": 200, "org_admin_a": 200,
                 "officer_b": 404, "partner": 200, "moderator": 404, "admin": 404}
    assert statuses(world, f"/plans/{plan.pk}/history/") == outsiders
    council_only = {**outsiders, "partner": 403, "resident": 403, "officer_b": 403,
                    "moderator": 403, "admin": 403}
    assert statuses(world, f"/plans/targets/{target.pk}/") == council_only

    def posts(url: str, data: dict[str, str]) -> dict[str, int]:
        return {p: client_for(world, p).post(url, data).status_code for p in PERSONAS}

    reporters = {"anonymous": 302, "resident": 403, "officer_a": 302, "org_admin_a": 302,
                 "officer_b": 403, "partner": 302, "moderator": 403, "admin": 403}
    assert posts(f"/plans/actions/{action.pk}/updates/", {"text": "Open."}) == reporters
    assert ProgressUpdate.objects.filter(action=action).count() == 3
    assert posts(f"/plans/milestones/{milestone.pk}/", {
        "title": "Open", "due_on": "2026-09-01", "status": "done",
        "completed_on": "2026-08-30", "weight": "1"}) == reporters
    assert posts(f"/plans/actions/{action.pk}/rating/", {
        "rag": "green", "rag_reason": "On time.", "status": "in_progress"}) == reporters
    changers = {**reporters, "partner": 403}
    assert posts(f"/plans/{plan.pk}/targets/new/", {
        "title": "More", "measure": "place:english_proficiency", "baseline_value": "1.2",
        "baseline_on": "2026-04-01", "target_value": "1.0",
        "target_on": "2027-04-01"}) == changers
    assert plan.targets.count() == 3
    starters = {**lists, "officer_a": 302, "org_admin_a": 302, "officer_b": 302}
    assert posts("/plans/mapping/", {"name": "Again", "scope": "council"}) == starters
    assert MappingExercise.objects.filter(name="Again").count() == 3


def test_the_plan_page_s_kept_links_follow_the_reader_and_the_plan(world: World,
                                                                   loaded: Path) -> None:
    plan, _action = make_plan(world, status="agreed")
    officer, partner = client_for(world, "officer_a"), client_for(world, "partner")
    url = f"/plans/{plan.pk}/"

    def links(client: Client) -> str:
        html = client.get(url).content.decode()
        return html[html.index('<ul class="govuk-list cg-no-print">'):][:2000]

    assert "Change the plan" in links(officer) and "The public page" not in links(officer)
    assert "Change the plan" not in links(partner)  # the police read it, from the same kept text
    plan_services.set_plan_status(actor=world["officer_a"], plan=plan, status="published")
    assert "The public page" in links(officer) and "The public page" in links(partner)
    assert "Change the plan" not in links(partner)


def test_a_lead_partners_milestone_form_links_only_what_they_can_open(world: World,
                                                                      loaded: Path) -> None:
    """The plans section's links on the generic form page, kept per process: the council's
    mapping exercise and issues are linked for its officer, not for the police who lead
    the action (those pages answer a partner 404), whoever opened the form first."""
    plan, action = make_plan(world, status="agreed")
    milestone = plan_services.add_milestone(actor=world["officer_a"], action=action,
                                            title="Open", due_on=datetime.date(2026, 9, 1))
    url = f"/plans/milestones/{milestone.pk}/"

    def nav_links(persona: str) -> list[str]:
        page = client_for(world, persona).get(url)
        assert page.status_code == 200
        html = page.content.decode()
        nav = html[html.index('<nav class="govuk-!-margin-bottom-6'):]
        return re.findall(r'href="([^"]+)"', nav[:nav.index("</nav>")])

    for order in (("officer_a", "partner"), ("partner", "officer_a")):
        stamped.clear_all()  # the kept parts: each order starts from nothing kept
        found = {persona: nav_links(persona) for persona in order}
        slug = world.council_a.slug
        assert found["officer_a"] == ["/plans/", f"/plans/mapping/?council={slug}",
                                      f"/plans/issues/?council={slug}"]
        assert found["partner"] == ["/plans/"]
        for persona, links in found.items():
            for link in links:
                assert client_for(world, persona).get(link).status_code == 200, (persona, link)
    # The action's own form (the council's officers only) links the council's pages too.
    html = client_for(world, "officer_a").get(f"/plans/actions/{action.pk}/edit/").content
    assert f"/plans/issues/?council={world.council_a.slug}".encode() in html
