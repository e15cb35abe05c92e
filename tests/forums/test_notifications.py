"""Emails: one per subscriber after the commit, never to the author, never to someone
who cannot open the thread; @mentions of group members."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail

from commonground.forums.models import Mention
from commonground.forums.services import groups as group_services
from commonground.forums.services import posts as services
from commonground.forums.services.subscriptions import subscribe, unsubscribe
from tests.forums.conftest import Forum

pytestmark = pytest.mark.django_db

Capture = Callable[..., Any]


def recipients() -> list[str]:
    return sorted(to for m in mail.outbox for to in m.to)


def test_subscribers_get_one_email_each_after_commit_and_never_the_author(
    forum: Forum, django_capture_on_commit_callbacks: Capture
) -> None:
    subscribe(actor=forum["officer_a"], thread=forum.open_thread)
    subscribe(actor=forum["officer_a"], group=forum.open)  # both: still one email
    subscribe(actor=forum["partner"], group=forum.open)
    subscribe(actor=forum["resident"], thread=forum.open_thread)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.reply(actor=forum["partner"], thread=forum.open_thread, body="An update.")
    assert mail.outbox == []  # nothing is sent before the commit
    for callback in callbacks:
        callback()
    assert recipients() == ["officer_a@example.org", "resident@example.org"]
    assert all(len(m.to) == 1 and not m.cc and not m.bcc for m in mail.outbox)
    email = next(m for m in mail.outbox if m.to == ["officer_a@example.org"])
    assert email.subject == "New reply in North West forum: ESOL conversation clubs"
    assert "An update." in email.body and "because you follow this thread" in email.body
    assert f"/forums/threads/{forum.open_thread.pk}/#post-" in email.body


def test_group_subscribers_hear_of_new_threads(
    forum: Forum, django_capture_on_commit_callbacks: Capture
) -> None:
    subscribe(actor=forum["partner"], group=forum.closed)
    with django_capture_on_commit_callbacks(execute=True):
        services.start_thread(actor=forum["officer_a"], group=forum.closed,
                              title="Spring training", body="Dates for the spring.")
    assert recipients() == ["partner@example.org"]
    assert mail.outbox[0].subject == "New thread in Hate crime leads: Spring training"
    assert "because you follow the group Hate crime leads" in mail.outbox[0].body


def test_people_who_can_no_longer_read_the_group_are_not_emailed(
    forum: Forum, django_capture_on_commit_callbacks: Capture
) -> None:
    subscribe(actor=forum["officer_b"], group=forum.private)
    membership = forum.private.memberships.get(user=forum["officer_b"])
    membership.status = "pending"  # as if suspended: no longer a member
    membership.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.reply(actor=forum["officer_a"], thread=forum.private_thread, body="News")
    assert mail.outbox == []


def test_leaving_a_group_ends_its_subscriptions(forum: Forum) -> None:
    subscribe(actor=forum["partner"], thread=forum.closed_thread)
    subscribe(actor=forum["partner"], group=forum.closed)
    group_services.remove_membership(
        actor=forum["partner"], membership=forum.closed.memberships.get(user=forum["partner"]))
    assert not forum["partner"].forum_subscriptions.exists()


def test_unsubscribing_stops_the_emails(
    forum: Forum, django_capture_on_commit_callbacks: Capture
) -> None:
    subscription = subscribe(actor=forum["officer_a"], thread=forum.open_thread)
    unsubscribe(actor=forum["officer_a"], subscription=subscription)
    with django_capture_on_commit_callbacks(execute=True):
        services.reply(actor=forum["partner"], thread=forum.open_thread, body="Anyone?")
    assert mail.outbox == []


def test_mentions_notify_members_who_can_see_the_thread(
    forum: Forum, django_capture_on_commit_callbacks: Capture
) -> None:
    # Officer B is in the private group; Partner is not, so cannot be mentioned there.
    with django_capture_on_commit_callbacks(execute=True):
        post = services.reply(
            actor=forum["officer_a"], thread=forum.private_thread,
            body="@officer b can you check? And @Partner too, and email me@example.org.")
    assert recipients() == ["officer_b@example.org"]
    assert mail.outbox[0].subject == "Officer A mentioned you in ‘Summer events messaging’"
    assert list(Mention.objects.filter(post=post).values_list("user__email", flat=True)) == [
        "officer_b@example.org"]


def test_the_longest_matching_name_wins_and_authors_are_not_notified(
    forum: Forum, django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        services.reply(actor=forum["officer_a"], thread=forum.open_thread,
                       body="Thanks @Partner, and note to self @Officer A.")
    assert recipients() == ["partner@example.org"]
    assert "mentioned you" in mail.outbox[0].subject


def test_an_edit_notifies_only_the_newly_mentioned(
    forum: Forum, django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        post = services.reply(actor=forum["officer_a"], thread=forum.open_thread,
                              body="@Partner what do you think?")
    mail.outbox.clear()
    group_services.join_group(actor=forum["resident"], group=forum.open)
    with django_capture_on_commit_callbacks(execute=True):
        services.edit_post(actor=forum["officer_a"], post=post,
                           body="@Partner and @Rita Resident, what do you think?")
    assert recipients() == ["resident@example.org"]
