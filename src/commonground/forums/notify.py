"""The forums' emails: new posts to subscribers, mentions, moderation, membership.

Each email is built inside the service's transaction (so it describes what was
saved) and queued with it (commonground.background.mail): a worker sends it once the
transaction commits (so nobody hears of a post that was rolled back), and a mail server
that fails cannot undo the post. Every recipient gets their own message, never a shared
To or Cc list, and nobody is emailed about their own post or about a thread they cannot
open.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from commonground.accounts.models import User
from commonground.background import mail
from commonground.core.markdown import plain_text
from commonground.forums.access import readers_among
from commonground.forums.models import GroupMembership, MemberRole, MemberStatus, Post, Subscription

EXCERPT_CHARS = 600


def _url(name: str, *args: Any) -> str:
    return settings.SITE_URL + reverse(name, args=args)


Link = tuple[str, tuple[Any, ...], str]  # the url's name, its arguments, a #fragment


def _message(to: Any, subject: Callable[[], str], template: str, context: dict[str, Any],
             link: Link) -> mail.Email:
    """One recipient's email: its subject (a callable, so the mail queue writes it in the
    recipient's language) and its links in the recipient's language (/cy/ for Welsh)."""
    name, args, fragment = link
    with translation.override(mail.recipient_language(to)):
        links = {"url": _url(name, *args) + fragment,
                 "subscriptions_url": _url("forums:subscriptions")}
    return mail.Email(to, subject, template, {**context, **links})


def _queue(kind: str, messages: list[mail.Email]) -> None:
    if messages:
        mail.queue_emails(kind=f"forums.{kind}", emails=messages)


def _excerpt(post: Post) -> str:
    text = plain_text(post.body)
    return text if len(text) <= EXCERPT_CHARS else text[:EXCERPT_CHARS].rsplit(" ", 1)[0] + "…"


def new_post(post: Post, *, mentioned: list[Any]) -> None:
    """Subscribers of the thread or its group hear of the post; the mentioned hear
    that they were mentioned instead (one email each, whichever applies)."""
    thread, group = post.thread, post.thread.group
    subs = (Subscription.objects.filter(thread=thread) | Subscription.objects.filter(group=group))
    reasons: dict[int, str] = {}
    people: dict[int, Any] = {}
    for sub in subs.select_related("user"):
        # A thread subscription is the closer reason, so it wins.
        if sub.thread_id or sub.user_id not in reasons:
            reasons[sub.user_id] = "thread" if sub.thread_id else "group"
        people[sub.user_id] = sub.user
    for user in mentioned:
        people[user.pk] = user
    people.pop(post.author_id, None)
    mentioned_ids = {u.pk for u in mentioned}
    context = {"post": post, "thread": thread, "group": group, "excerpt": _excerpt(post)}
    link: Link = ("forums:thread", (thread.pk,), f"#post-{post.pk}")
    names = {"author": post.author, "title": thread.title, "group": group}

    def new_subject() -> str:
        if post.is_opening:
            return _("New thread in %(group)s: %(title)s") % names
        return _("New reply in %(group)s: %(title)s") % names

    messages = []
    for user in readers_among(group, list(people.values())):
        if user.pk in mentioned_ids:
            messages.append(_message(user, lambda: _mentioned(post), "forums/email/mention.txt",
                                     context, link))
        else:
            messages.append(_message(user, new_subject, "forums/email/new_post.txt",
                                     {**context, "reason": reasons[user.pk]}, link))
    _queue("new_post", messages)


def mentions_added(post: Post, users: list[User]) -> None:
    """After an edit: only the people newly mentioned hear of it."""
    thread = post.thread
    context = {"post": post, "thread": thread, "group": thread.group, "excerpt": _excerpt(post)}
    link: Link = ("forums:thread", (thread.pk,), f"#post-{post.pk}")
    users = [u for u in readers_among(thread.group, users) if u.pk != post.author_id]
    _queue("mention", [_message(u, lambda: _mentioned(post), "forums/email/mention.txt",
                                context, link) for u in users])


def _mentioned(post: Post) -> str:
    return _("%(author)s mentioned you in ‘%(title)s’") % {"author": post.author,
                                                            "title": post.thread.title}


def post_moderated(post: Post, *, hidden: bool) -> None:
    """The author is told when a moderator hides their post (and why), or restores it."""
    thread = post.thread
    context = {"post": post, "thread": thread, "hidden": hidden, "reason": post.hidden_reason}

    def subject() -> str:
        if hidden:
            return _("Your post in ‘%(title)s’ has been hidden") % {"title": thread.title}
        return _("Your post in ‘%(title)s’ is visible again") % {"title": thread.title}

    _queue("post_moderated", [_message(post.author, subject, "forums/email/post_moderated.txt",
                                       context, ("forums:thread", (thread.pk,),
                                                 f"#post-{post.pk}"))])


def join_requested(membership: GroupMembership) -> None:
    group = membership.group
    managers = [m.user for m in GroupMembership.objects.filter(
        group=group, role=MemberRole.MANAGER, status=MemberStatus.ACTIVE).select_related("user")]
    context = {"group": group, "applicant": membership.user}

    def subject() -> str:
        return _("%(person)s asks to join %(group)s") % {"person": membership.user,
                                                          "group": group}

    _queue("join_request", [_message(m, subject, "forums/email/join_request.txt", context,
                                     ("forums:members", (group.slug,), ""))
                            for m in managers])


def membership_granted(membership: GroupMembership) -> None:
    group = membership.group
    context = {"group": group}

    def subject() -> str:
        return _("You are now a member of %(group)s") % {"group": group}

    _queue("membership_granted", [_message(membership.user, subject,
                                           "forums/email/membership_granted.txt", context,
                                           ("forums:group", (group.slug,), ""))])
