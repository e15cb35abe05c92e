"""Threads in the site search: members of a private group find its threads; nobody else
ever does, through the engine, the forum and library search pages, or the API."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from commonground.accounts.services import create_api_token
from commonground.forums.services import moderation
from commonground.forums.services import posts as post_services
from commonground.search import search
from commonground.search.models import SearchDocument
from tests.forums.conftest import Forum, signed_in
from tests.personas import PERSONAS

pytestmark = pytest.mark.django_db

# "marmalade" appears only in the private group's thread.
PRIVATE_WORD = "marmalade"
MEMBERS = {"officer_a", "officer_b"}


def titles(user: Any, q: str) -> list[str]:
    return [h.title for h in search(user, q).hits]


def test_the_thread_document_has_what_the_brief_says(forum: Forum) -> None:
    post_services.reply(actor=forum["partner"], thread=forum.open_thread,
                        body="See [ESOL](/library/actions/promote-esol-classes/) and "
                             "[mentoring](https://x.example/library/actions/mentoring-and-buddying/).")
    doc = SearchDocument.objects.get(kind="forum_thread", key=str(forum.open_thread.pk))
    assert doc.title == "ESOL conversation clubs"
    assert doc.url == f"/forums/threads/{forum.open_thread.pk}/"
    assert doc.access == "public"
    assert "recruit volunteers" in doc.body and "faith forum first" in doc.body
    assert doc.facets["action"] == ["mentoring-and-buddying", "promote-esol-classes"]
    assert doc.facets["region"] == ["North West"]
    assert doc.facets["year"] == [str(forum.open_thread.created_at.year)]
    private = SearchDocument.objects.get(kind="forum_thread", key=str(forum.private_thread.pk))
    assert private.access == f"forum-group:{forum.private.pk}" and "region" not in private.facets


def test_only_members_find_the_private_thread(forum: Forum) -> None:
    for persona in PERSONAS:
        found = titles(forum[persona], PRIVATE_WORD)
        expected = ["Summer events messaging"] if persona in MEMBERS else []
        assert found == expected, persona


def test_closed_threads_are_found_by_members_and_moderators(forum: Forum) -> None:
    finders = {p for p in PERSONAS if titles(forum[p], "reporting centres")}
    assert finders == {"officer_a", "partner", "moderator"}


def test_hidden_posts_leave_the_index_and_come_back(forum: Forum) -> None:
    assert titles(forum["resident"], "faith forum") == ["ESOL conversation clubs"]
    moderation.hide_post(actor=forum["moderator"], post=forum.open_reply, reason="Spam")
    assert titles(forum["resident"], "faith forum") == []
    assert titles(forum["resident"], "recruit volunteers") == ["ESOL conversation clubs"]
    opening = forum.open_thread.posts.get(is_opening=True)
    moderation.hide_post(actor=forum["moderator"], post=opening, reason="Spam")
    assert not SearchDocument.objects.filter(key=str(forum.open_thread.pk)).exists()
    moderation.restore_post(actor=forum["moderator"], post=opening)
    moderation.restore_post(actor=forum["moderator"], post=forum.open_reply)
    assert titles(forum["resident"], "faith forum") == ["ESOL conversation clubs"]


def test_edits_are_reindexed(forum: Forum) -> None:
    post_services.edit_post(actor=forum["partner"], post=forum.open_reply,
                            body="We ask the allotment society.")
    assert titles(forum["resident"], "allotment") == ["ESOL conversation clubs"]
    assert titles(forum["resident"], "faith forum") == []


@pytest.mark.parametrize("path", ["/forums/search/", "/library/search/"])
def test_search_pages_show_private_threads_to_members_only(forum: Forum, path: str) -> None:
    for persona in PERSONAS:
        response = signed_in(forum[persona]).get(path, {"q": PRIVATE_WORD}, follow=True)
        assert response.status_code == 200, persona
        found = "Summer events messaging" in response.content.decode()
        assert found == (persona in MEMBERS), persona


def test_the_search_api_shows_private_threads_to_members_only(forum: Forum) -> None:
    for persona in PERSONAS:
        user = forum[persona]
        headers = {}
        if user.is_authenticated:
            _, token = create_api_token(actor=user, name="search test")
            headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
        response = Client().get("/api/v1/search", {"q": PRIVATE_WORD}, **headers)
        assert response.status_code == 200, persona
        found = [h["title"] for h in response.json()["hits"]]
        assert found == (["Summer events messaging"] if persona in MEMBERS else []), persona
