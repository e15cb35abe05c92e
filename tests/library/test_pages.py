"""Library pages: what each persona sees, search without JavaScript, links both ways."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from commonground.library import services
from commonground.library.models import CaseStudy
from commonground.search import index_document
from commonground.search.access import (
    register_access_provider,
    unregister_access_provider,
)
from tests.personas import PERSONAS, World


def client_for(world: World, persona: str) -> Client:
    client = Client()
    if persona != "anonymous":
        client.force_login(world[persona])
    return client


def statuses(world: World, path: str, method: str = "get") -> dict[str, int]:
    return {p: getattr(client_for(world, p), method)(path).status_code for p in PERSONAS}


def test_a_submission_page_is_shown_only_to_its_author_and_moderators(
        world: World, submission: CaseStudy) -> None:
    expected = {p: 200 if p in ("officer_a", "moderator", "admin") else 404 for p in PERSONAS}
    assert statuses(world, f"/library/case-studies/{submission.slug}/") == expected
    edit = statuses(world, f"/library/case-study/{submission.slug}/edit/")
    assert edit == {**expected, "anonymous": 302}


def test_moderation_queue_is_for_moderators(world: World, submission: CaseStudy) -> None:
    assert statuses(world, "/library/moderation/") == {
        "anonymous": 302, "resident": 403, "officer_a": 403, "org_admin_a": 403,
        "officer_b": 403, "partner": 403, "moderator": 200, "admin": 200}
    page = client_for(world, "moderator").get("/library/moderation/")
    assert "Trafford welcome cafés" in page.content.decode()


def test_moderation_decisions_need_a_moderator(world: World, submission: CaseStudy) -> None:
    path = f"/library/moderation/case-study/{submission.slug}/publish/"
    assert statuses(world, path, "post") == {
        "anonymous": 302, "resident": 403, "officer_a": 403, "org_admin_a": 403,
        "officer_b": 403, "partner": 403, "moderator": 302, "admin": 409}
    submission.refresh_from_db()
    assert submission.status == "published"


def test_hiding_without_a_reason_shows_the_error_on_the_form(
        world: World, submission: CaseStudy) -> None:
    page = client_for(world, "moderator").post(
        f"/library/moderation/case-study/{submission.slug}/hide/", {"hide-comment": ""})
    assert page.status_code == 400
    html = page.content.decode()
    assert "<title>Error:" in html and "There is a problem" in html
    submission.refresh_from_db()
    assert submission.status == "submitted"


def test_my_submissions_shows_the_reason_it_was_hidden(world: World,
                                                         submission: CaseStudy) -> None:
    services.hide(actor=world["moderator"], obj=submission, reason="It names a resident.")
    html = client_for(world, "officer_a").get("/library/my-submissions/").content.decode()
    assert "Trafford welcome cafés" in html and "It names a resident." in html
    assert "Trafford welcome cafés" not in client_for(world, "officer_b").get(
        "/library/my-submissions/").content.decode()


def test_submitting_through_the_form(world: World) -> None:
    client = client_for(world, "officer_b")
    empty = client.post("/library/contribute/case-study/", {})
    assert empty.status_code == 200 and "There is a problem" in empty.content.decode()
    done = client.post("/library/contribute/case-study/", {
        "title": "Manchester street parties", "summary": "Street parties across wards.",
        "council": "Manchester City Council", "evidence_strength": "anecdotal",
        "links": "https://example.org/parties"})
    assert done.status_code == 302
    made = CaseStudy.objects.get(title="Manchester street parties")
    assert (made.status, made.links, made.author) == ("submitted", ["https://example.org/parties"],
                                                      world["officer_b"])
    assert client_for(world, "resident").get("/library/contribute/case-study/").status_code == 403


@pytest.mark.usefixtures("knowledge")
def test_search_page_filters_without_javascript(client: Client) -> None:
    html = client.get("/library/search/", {"q": "young people", "type": "case_study"}) \
        .content.decode()
    assert 'name="type" type="checkbox" value="case_study" checked' in html
    assert "Norfolk youth services commissioning through Youth Advisory Boards" in html
    assert "Gangs and youth violence" not in html  # an issue, filtered out
    assert "<mark>young</mark> <mark>people</mark>" in html.lower() or "<mark>youth" in \
        html.lower()


@pytest.mark.usefixtures("knowledge")
def test_action_page_links_issues_guidance_case_studies_and_visible_threads(
        world: World) -> None:
    index_document(kind="forum_thread", key="7", title="ESOL waiting lists in Trafford",
                   body="Where do people wait longest?", url="/forums/threads/7/",
                   facets={"action": ["promote-esol-classes"]}, access="forum-group:3")

    def members(user: Any) -> set[str]:
        return {"forum-group:3"} if getattr(user, "email", "") == "officer_a@example.org" \
            else set()

    register_access_provider(members)
    try:
        page = client_for(world, "officer_a").get("/library/actions/promote-esol-classes/")
        html = page.content.decode()
        assert "Not speaking English" in html  # an issue it answers
        assert "Guidance for Local Authorities on Translation of Publications" in html
        assert "Bolton Libraries ESOL support" in html
        assert "ESOL waiting lists in Trafford" in html
        other = client_for(world, "officer_b").get("/library/actions/promote-esol-classes/")
        assert "ESOL waiting lists in Trafford" not in other.content.decode()
        assert "Discussions that mention it" not in other.content.decode()
    finally:
        unregister_access_provider(members)


@pytest.mark.usefixtures("knowledge")
def test_issue_page_lists_its_actions_in_table_order(client: Client) -> None:
    html = client.get("/library/issues/not-speaking-english/").content.decode()
    assert "Promote ESOL classes" in html
    assert "Schemes to promote interaction" in html  # universal actions too


@pytest.mark.usefixtures("knowledge")
def test_public_pages_render(client: Client) -> None:
    paths = [
        "/library/", "/library/actions/", "/library/issues/", "/library/guidance/",
        "/library/guidance/cohesion-impact-assessment-tool/", "/library/framework/",
        "/library/framework/influences/", "/library/framework/pitfalls/",
        "/library/family-groups/", "/library/family-groups/1/", "/library/family-groups/10/",
        "/library/case-studies/bolton-libraries-esol/", "/library/resources/casey-review/",
        "/library/search/?q=ASB", "/library/search/?type=resource&page=2"]
    assert {path: client.get(path).status_code for path in paths} == {p: 200 for p in paths}


@pytest.mark.usefixtures("knowledge")
def test_case_studies_name_their_council_once_and_old_guidance_links_the_archive(
        client: Client) -> None:
    html = client.get("/library/issues/negative-views-about-migrants/").content.decode()
    # No council is recorded for this project: its title stands alone.
    assert "Who Is Your Neighbour? (WIYN) community dialogue project</a></li>" in html
    assert ("Partnership working to resolve tensions in Shirebrook</a> – "
            "Bolsover District Council</li>") in html
    # Guidance whose 2009 address is gone says so, linking the archive's copy if kept.
    html = client.get("/library/guidance/cohesion-impact-assessment-tool/").content.decode()
    assert ('href="https://webarchive.nationalarchives.gov.uk/ukgwa/20090701000000/'
            'http://www.communities.gov.uk/documents/communities/pdf/communitycohesiontool.pdf"'
            in html)
    assert "The address no longer works" in html
    html = client.get("/library/guidance/citizens-day-framework/").content.decode()
    assert "webarchive.nationalarchives.gov.uk" not in html
    assert "does not keep this website" in html
