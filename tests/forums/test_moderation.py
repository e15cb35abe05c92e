"""Reports, hiding with a reason (the author is told), restoring, pin and lock, the queue."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail

from commonground.core import audit
from commonground.core.errors import Conflict, InvalidInput, PermissionDenied
from commonground.core.models import AuditEvent
from commonground.forums import selectors
from commonground.forums.models import Post, Report, Thread
from commonground.forums.services import moderation as services
from tests.forums.conftest import Forum

pytestmark = pytest.mark.django_db

Capture = Callable[..., Any]


def test_any_reader_reports_once_and_not_their_own_post(forum: Forum) -> None:
    report = services.report_post(actor=forum["resident"], post=forum.open_reply,
                                  reason="It names a resident.")
    assert report.outcome == Report.Outcome.OPEN
    with pytest.raises(Conflict, match="already reported"):
        services.report_post(actor=forum["resident"], post=forum.open_reply, reason="Again")
    with pytest.raises(InvalidInput):
        services.report_post(actor=forum["partner"], post=forum.open_reply, reason="Mine")
    assert AuditEvent.objects.filter(action="forum.post.report").count() == 1


def test_hiding_keeps_the_post_resolves_reports_and_tells_the_author(
    forum: Forum, django_capture_on_commit_callbacks: Capture
) -> None:
    services.report_post(actor=forum["resident"], post=forum.open_reply, reason="Abusive")
    with django_capture_on_commit_callbacks(execute=True):
        services.hide_post(actor=forum["moderator"], post=forum.open_reply,
                           reason="Names a private individual")
    post = Post.objects.get(pk=forum.open_reply.pk)
    assert post.body == "We ask the faith forum first."  # kept, never deleted
    assert post.hidden_by == forum["moderator"] and post.hidden_reason == (
        "Names a private individual")
    assert Report.objects.get().outcome == Report.Outcome.HIDDEN
    assert [m.to for m in mail.outbox] == [["partner@example.org"]]
    assert "Names a private individual" in mail.outbox[0].body
    assert mail.outbox[0].subject == "Your post in ‘ESOL conversation clubs’ has been hidden"
    event = AuditEvent.objects.get(action="forum.post.hide")
    # The reason is on the post; the log says one was given, not what it says.
    assert event.new_values == {"reason": audit.PRIVATE, "thread_hidden": False}


def test_a_reason_is_required_and_only_moderators_hide(forum: Forum) -> None:
    with pytest.raises(InvalidInput):
        services.hide_post(actor=forum["moderator"], post=forum.open_reply, reason=" ")
    with pytest.raises(PermissionDenied):
        services.hide_post(actor=forum["officer_a"], post=forum.open_reply, reason="Rude")
    assert not Post.objects.get(pk=forum.open_reply.pk).is_hidden


def test_restoring_brings_the_post_back_and_tells_the_author(
    forum: Forum, django_capture_on_commit_callbacks: Capture
) -> None:
    services.hide_post(actor=forum["moderator"], post=forum.open_reply, reason="Check")
    with django_capture_on_commit_callbacks(execute=True):
        services.restore_post(actor=forum["moderator"], post=forum.open_reply)
    post = Post.objects.get(pk=forum.open_reply.pk)
    assert not post.is_hidden and post.hidden_reason == ""
    assert mail.outbox[-1].subject == "Your post in ‘ESOL conversation clubs’ is visible again"
    assert AuditEvent.objects.get(action="forum.post.restore").old_values == {
        "hidden_reason": audit.PRIVATE}
    with pytest.raises(Conflict):
        services.restore_post(actor=forum["moderator"], post=post)


def test_hiding_the_opening_post_hides_the_thread(forum: Forum) -> None:
    opening = forum.closed_thread.posts.get(is_opening=True)
    services.hide_post(actor=forum["officer_a"], post=opening, reason="Wrong group")
    assert Thread.objects.get(pk=forum.closed_thread.pk).is_hidden
    assert forum.closed_thread not in selectors.threads_of(forum.closed, forum["partner"])
    services.restore_post(actor=forum["officer_a"], post=opening)
    assert not Thread.objects.get(pk=forum.closed_thread.pk).is_hidden


def test_the_queue_holds_reports_of_groups_one_moderates(forum: Forum) -> None:
    open_report = services.report_post(actor=forum["officer_a"], post=forum.open_reply,
                                       reason="Advertising")
    private_post = forum.private_thread.posts.get()
    private_report = services.report_post(actor=forum["officer_b"], post=private_post,
                                          reason="Check this")
    assert list(selectors.open_reports_for(forum["moderator"])) == [open_report]
    assert list(selectors.open_reports_for(forum["officer_a"])) == [private_report]
    assert list(selectors.open_reports_for(forum["partner"])) == []
    services.dismiss_report(actor=forum["moderator"], report=open_report)
    assert list(selectors.open_reports_for(forum["moderator"])) == []
    with pytest.raises(PermissionDenied):  # private groups: their managers only
        services.dismiss_report(actor=forum["moderator"], report=private_report)


def test_pin_and_lock_are_for_moderators_and_audited(forum: Forum) -> None:
    services.set_thread_state(actor=forum["officer_a"], thread=forum.closed_thread,
                              pinned=True, locked=True)
    thread = Thread.objects.get(pk=forum.closed_thread.pk)
    assert thread.is_pinned and thread.is_locked
    event = AuditEvent.objects.get(action="forum.thread.moderate")
    assert event.old_values == {"is_pinned": False, "is_locked": False}
    assert event.new_values == {"is_pinned": True, "is_locked": True}
    with pytest.raises(PermissionDenied):
        services.set_thread_state(actor=forum["partner"], thread=thread, pinned=False)


def test_pinned_threads_come_first(forum: Forum) -> None:
    from commonground.forums.services.posts import start_thread

    newer = start_thread(actor=forum["partner"], group=forum.open, title="Newer", body="B")
    assert list(selectors.threads_of(forum.open, forum["partner"]))[0] == newer
    services.set_thread_state(actor=forum["moderator"], thread=forum.open_thread, pinned=True)
    assert list(selectors.threads_of(forum.open, forum["partner"]))[0] == forum.open_thread
