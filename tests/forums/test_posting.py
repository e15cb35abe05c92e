"""Starting threads, replying, editing within the window, and the new-account limit."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.utils import timezone

from commonground.core import audit
from commonground.core.errors import Conflict, InvalidInput, PermissionDenied, RateLimited
from commonground.core.models import AuditEvent
from commonground.forums.models import Post, PostRevision, Thread
from commonground.forums.services import moderation
from commonground.forums.services import posts as services
from tests.forums.conftest import Forum

pytestmark = pytest.mark.django_db


def test_only_members_post(forum: Forum) -> None:
    with pytest.raises(PermissionDenied, match="Join North West forum"):
        services.reply(actor=forum["officer_b"], thread=forum.open_thread, body="Hello")
    with pytest.raises(PermissionDenied):  # asked to join, not yet approved
        services.start_thread(actor=forum["officer_b"], group=forum.closed, title="T", body="B")


def test_a_reply_moves_the_thread_up_and_is_audited(forum: Forum) -> None:
    before = Thread.objects.get(pk=forum.open_thread.pk).last_post_at
    post = services.reply(actor=forum["officer_a"], thread=forum.open_thread, body="Thanks!")
    assert Thread.objects.get(pk=forum.open_thread.pk).last_post_at == post.created_at > before
    event = AuditEvent.objects.get(action="forum.post.create", object_id=str(post.pk))
    assert event.actor == forum["officer_a"] and event.new_values["body"] == audit.PRIVATE


def test_empty_and_overlong_input_is_refused_with_field_messages(forum: Forum) -> None:
    with pytest.raises(InvalidInput) as empty:
        services.start_thread(actor=forum["officer_a"], group=forum.open, title="  ", body="")
    assert empty.value.fields == {"title": ["Enter a title for the thread."]}
    with pytest.raises(InvalidInput) as long:
        services.reply(actor=forum["officer_a"], thread=forum.open_thread, body="x" * 20_001)
    assert long.value.fields == {"body": ["Use 20,000 characters or fewer."]}


def test_a_locked_thread_takes_no_replies(forum: Forum) -> None:
    moderation.set_thread_state(actor=forum["moderator"], thread=forum.open_thread, locked=True)
    with pytest.raises(Conflict, match="locked"):
        services.reply(actor=forum["partner"], thread=forum.open_thread, body="Late reply")


def test_authors_edit_within_the_window_and_history_is_kept(forum: Forum) -> None:
    post = forum.open_reply
    services.edit_post(actor=forum["partner"], post=post, body="We ask the faith forum.")
    post.refresh_from_db()
    assert post.body == "We ask the faith forum." and post.edited_at is not None
    assert list(PostRevision.objects.filter(post=post).values_list("body", flat=True)) == [
        "We ask the faith forum first."]
    event = AuditEvent.objects.get(action="forum.post.edit")
    # The words are in the revisions; the log keeps which field changed.
    assert event.old_values == event.new_values == {"body": audit.PRIVATE}


def test_editing_the_opening_post_can_retitle_the_thread(forum: Forum) -> None:
    opening = forum.open_thread.posts.get(is_opening=True)
    services.edit_post(actor=forum["officer_a"], post=opening, body=opening.body,
                       title="ESOL conversation clubs: volunteers")
    assert Thread.objects.get(pk=forum.open_thread.pk).title == (
        "ESOL conversation clubs: volunteers")
    assert PostRevision.objects.get(post=opening).title == "ESOL conversation clubs"


def test_no_edits_after_the_window_or_by_others(forum: Forum, settings: object) -> None:
    post = forum.open_reply
    with pytest.raises(PermissionDenied, match="Only the author"):
        services.edit_post(actor=forum["officer_a"], post=post, body="Changed")
    later = post.created_at + datetime.timedelta(minutes=61)
    with time_machine.travel(later, tick=False), pytest.raises(PermissionDenied,
                                                               match="60 minutes"):
        services.edit_post(actor=forum["partner"], post=post, body="Changed")
    assert Post.objects.get(pk=post.pk).body == "We ask the faith forum first."


def test_hidden_posts_cannot_be_edited(forum: Forum) -> None:
    moderation.hide_post(actor=forum["moderator"], post=forum.open_reply, reason="Spam")
    with pytest.raises(Conflict):
        services.edit_post(actor=forum["partner"], post=forum.open_reply, body="Sneaky")


def test_new_accounts_are_limited_per_hour_with_a_clear_message(forum: Forum) -> None:
    newcomer = forum["resident"]
    newcomer.date_joined = timezone.now() - datetime.timedelta(days=2)
    newcomer.save()
    from commonground.forums.services.groups import join_group

    join_group(actor=newcomer, group=forum.open)
    for n in range(5):
        services.reply(actor=newcomer, thread=forum.open_thread, body=f"Post {n}")
    with pytest.raises(RateLimited) as limited:
        services.start_thread(actor=newcomer, group=forum.open, title="Sixth", body="Too many")
    assert "New accounts can post 5 times an hour" in limited.value.message
    assert "7 days old" in limited.value.message
    assert Post.objects.filter(author=newcomer).count() == 5
    # An established account is not limited.
    for n in range(6):
        services.reply(actor=forum["partner"], thread=forum.open_thread, body=f"Reply {n}")
