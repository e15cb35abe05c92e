"""Every list page of the forums reads a fixed number of queries, however many threads,
posts and members there are (issue 14, finding 10)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from commonground.forums.services import groups as group_services
from commonground.forums.services import posts as post_services
from tests.forums.conftest import Forum, signed_in

pytestmark = pytest.mark.django_db


def pages(forum: Forum) -> dict[str, tuple[str, int]]:
    """Address -> (who reads it, its queries)."""
    return {
        "/forums/": ("officer_a", 4),
        f"/forums/groups/{forum.closed.slug}/": ("officer_a", 7),
        f"/forums/groups/{forum.open.slug}/": ("partner", 7),
        f"/forums/threads/{forum.open_thread.pk}/": ("officer_a", 6),
        f"/forums/groups/{forum.closed.slug}/members/": ("officer_a", 6),
        "/forums/subscriptions/": ("officer_a", 3),
        "/forums/moderation/": ("moderator", 3),
        # PostgreSQL's matching statement runs after SET LOCAL planner settings in its own
        # transaction (docs/search.md): four statements more than SQLite, however many
        # posts match.
        "/forums/search/?q=clubs": ("officer_a", 7 if connection.vendor == "sqlite" else 11),
    }


def grow(forum: Forum, n: int) -> None:
    officer, partner = forum["officer_a"], forum["partner"]
    for i in range(n):
        thread = post_services.start_thread(
            actor=officer, group=forum.closed, title=f"Conversation clubs, round {i}",
            body="Where do the clubs meet this term?")
        post_services.reply(actor=partner, thread=thread, body="In the library, as before.")
        post_services.reply(actor=partner, thread=forum.open_thread,
                            body=f"The clubs on {i} Street are full.")
    group_services.add_member(actor=officer, group=forum.closed, email=forum["officer_b"].email)


def counts(forum: Forum, clients: Callable[[str], Client]) -> dict[str, int]:
    found = {}
    for path, (persona, _) in pages(forum).items():
        client = clients(persona)
        client.get(path)  # caches warm
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        assert response.status_code == 200, path
        found[path] = len(captured)
    return found


def test_every_forum_list_reads_a_fixed_number_of_queries(forum: Forum) -> None:
    clients: dict[str, Client] = {}

    def client(persona: str) -> Client:
        return clients.setdefault(persona, signed_in(forum[persona]))

    few = counts(forum, client)
    grow(forum, 4)
    many = counts(forum, client)
    assert few == many, (few, many)
    assert many == {path: n for path, (_, n) in pages(forum).items()}, many
