"""The forums API, persona by persona: the same rules as the pages."""

from __future__ import annotations

import pytest

from commonground.forums.models import Thread
from commonground.forums.services import moderation
from tests.api.conftest import ApiClient
from tests.forums.conftest import Forum
from tests.personas import PERSONAS

pytestmark = pytest.mark.django_db

MEMBERS = {"officer_a", "officer_b"}


@pytest.fixture
def api(forum: Forum) -> ApiClient:
    return ApiClient(forum.world)


def test_group_list_shows_private_groups_to_members_only(forum: Forum, api: ApiClient) -> None:
    for persona in PERSONAS:
        response = api.get(persona, "/forums/groups")
        if persona == "anonymous":
            assert response.status_code == 401
            assert response.json()["error"]["code"] == "not_authenticated"
            continue
        slugs = [g["slug"] for g in response.json()]
        assert slugs[0] == "north-east" and slugs[9] == "wales"
        assert (forum.private.slug in slugs) == (persona in MEMBERS), persona


@pytest.mark.parametrize("path", ["group", "thread", "threads"])
def test_private_group_and_thread_by_persona(forum: Forum, api: ApiClient, path: str) -> None:
    url = {"group": f"/forums/groups/{forum.private.slug}",
           "threads": f"/forums/groups/{forum.private.slug}/threads",
           "thread": f"/forums/threads/{forum.private_thread.pk}"}[path]
    for persona in PERSONAS:
        response = api.get(persona, url)
        expected = 401 if persona == "anonymous" else 200 if persona in MEMBERS else 404
        assert response.status_code == expected, persona
        if expected == 404:
            assert response.json()["error"]["code"] == "not_found"


def test_closed_threads_by_persona(forum: Forum, api: ApiClient) -> None:
    readers = {p for p in PERSONAS
               if api.get(p, f"/forums/threads/{forum.closed_thread.pk}").status_code == 200}
    assert readers == {"officer_a", "partner", "moderator"}


def test_members_post_threads_and_replies(forum: Forum, api: ApiClient) -> None:
    response = api.post("partner", f"/forums/groups/{forum.open.slug}/threads",
                        {"title": "Via the API", "body": "Hello <script>x</script>"})
    assert response.status_code == 201
    data = response.json()
    assert data["title"] == "Via the API" and data["group"] == "north-west"
    assert data["posts"][0]["html"] == (
        '<p class="govuk-body">Hello &lt;script&gt;x&lt;/script&gt;</p>\n')
    reply = api.post("officer_a", f"/forums/threads/{data['id']}/posts", {"body": "Hi back"})
    assert reply.status_code == 201 and reply.json()["author"] == "Officer A"
    refused = api.post("resident", f"/forums/threads/{data['id']}/posts", {"body": "Me too"})
    assert refused.status_code == 403
    assert refused.json()["error"]["message"] == "Join North West forum to post in it."
    assert Thread.objects.get(pk=data["id"]).posts.count() == 2


def test_bad_input_gets_the_one_error_shape(forum: Forum, api: ApiClient) -> None:
    response = api.post("partner", f"/forums/groups/{forum.open.slug}/threads",
                        {"title": "", "body": "x", "extra": 1})
    assert response.status_code == 400 and response.json()["error"]["code"] == "invalid"
    response = api.post("partner", f"/forums/groups/{forum.open.slug}/threads",
                        {"title": " ", "body": "x"})
    assert response.json()["error"]["fields"] == {"title": ["Enter a title for the thread."]}


def test_hidden_posts_have_no_body_for_others(forum: Forum, api: ApiClient) -> None:
    moderation.hide_post(actor=forum["moderator"], post=forum.open_reply, reason="Spam")
    url = f"/forums/threads/{forum.open_thread.pk}"
    other = api.get("resident", url).json()["posts"][1]
    assert other == {**other, "hidden": True, "body": None, "html": None,
                     "hidden_reason": None}
    author = api.get("partner", url).json()["posts"][1]
    assert author["body"] == "We ask the faith forum first." and author["hidden_reason"] == (
        "Spam")


def test_join_and_report(forum: Forum, api: ApiClient) -> None:
    joined = api.post("resident", f"/forums/groups/{forum.closed.slug}/join", {})
    assert joined.status_code == 200 and joined.json()["membership"] == "pending"
    assert api.post("resident", f"/forums/groups/{forum.private.slug}/join", {}
                    ).status_code == 404
    report = api.post("officer_a", f"/forums/posts/{forum.open_reply.pk}/report",
                      {"reason": "Personal details"})
    assert report.status_code == 201
