"""A group's page of threads counts the replies of the threads it shows, not of every
thread in the group (issue 14, performance): joining every post of a regional forum and
grouping them took 37 ms on PostgreSQL for a page of 20 with 3,000 threads, and the
paginator's count repeated the join."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from commonground.forums.models import Post
from commonground.forums.services import posts as post_services
from tests.forums.conftest import Forum, signed_in

pytestmark = pytest.mark.django_db


def thread_queries(forum: Forum) -> tuple[list[str], list[tuple[str, int]]]:
    client = signed_in(forum["partner"])
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"/forums/groups/{forum.open.slug}/")
    assert response.status_code == 200
    rows = [(t.title, t.reply_count) for t in response.context["page"].object_list]
    return [q["sql"] for q in captured if 'FROM "forums_thread"' in q["sql"]], rows


def test_replies_are_counted_per_thread_shown_without_joining_every_post(
        forum: Forum) -> None:
    sql, _ = thread_queries(forum)
    assert sql
    for statement in sql:
        outer = statement.split("(SELECT", 1)[0]  # the statement without its subqueries
        assert 'JOIN "forums_post"' not in outer, statement
        assert "GROUP BY" not in outer, statement


def test_the_count_leaves_out_opening_posts_and_hidden_replies(forum: Forum) -> None:
    thread = post_services.start_thread(actor=forum["partner"], group=forum.open,
                                        title="Saturday's fair", body="Who is going?")
    kept = post_services.reply(actor=forum["officer_a"], thread=thread, body="We are.")
    hidden = post_services.reply(actor=forum["officer_a"], thread=thread, body="Spam.")
    Post.objects.filter(pk=hidden.pk).update(hidden_at=timezone.now())
    _, rows = thread_queries(forum)
    counts = dict(rows)
    assert counts["Saturday's fair"] == 1
    assert kept.pk
    quiet = post_services.start_thread(actor=forum["partner"], group=forum.open,
                                       title="Nobody answered", body="Anyone?")
    _, rows = thread_queries(forum)
    assert dict(rows)[quiet.title] == 0
