"""Writing in the forums: start a thread, reply, edit your own post within the window.

Each function is typed, keyword-only, transactional and audited; each re-indexes the
thread for search and queues its emails for after the commit. The caller has fetched
the group, thread or post through ``forums.access``; the rules about *posting*
(membership, locks, the new-account limit, the edit window) are checked here.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from commonground.accounts.access import require_user
from commonground.accounts.models import User
from commonground.core import audit, ratelimit
from commonground.core.errors import Conflict, InvalidInput, PermissionDenied, RateLimited
from commonground.forums import notify, rules
from commonground.forums.access import can_post
from commonground.forums.indexing import index_thread
from commonground.forums.mentions import mentioned_members
from commonground.forums.models import Group, Mention, Post, PostRevision, Thread

MAX_TITLE = 150
MAX_BODY = 20_000
RATE_SCOPE = "forum-post"


def clean_title(title: str) -> str:
    title = " ".join(title.split())
    if not title:
        raise InvalidInput(_("Enter a title."),
                           fields={"title": [_("Enter a title for the thread.")]})
    if len(title) > MAX_TITLE:
        raise InvalidInput(_("The title is too long."),
                           fields={"title": [_("Use %(most)s characters or fewer.")
                                             % {"most": MAX_TITLE}]})
    return title


def clean_body(body: str) -> str:
    body = body.strip()
    if not body:
        raise InvalidInput(_("Write your post."), fields={"body": [_("Write your post.")]})
    if len(body) > MAX_BODY:
        raise InvalidInput(_("The post is too long."),
                           fields={"body": [_("Use %(most)s characters or fewer.")
                                            % {"most": f"{MAX_BODY:,}"}]})
    return body


def _check_rate(actor: User) -> None:
    if not rules.is_new_account(actor):
        return
    limit = rules.new_account_posts_per_hour()
    if ratelimit.is_limited(RATE_SCOPE, str(actor.pk), limit=limit):
        raise RateLimited(
            _("New accounts can post %(limit)s times an hour, to keep spam out of the forums. "
              "You have reached that for now: please try again in an hour. The limit ends "
              "when your account is %(days)s days old.")
            % {"limit": limit, "days": rules.new_account_days()}
        )


def _count_post(actor: User) -> None:
    if rules.is_new_account(actor):
        ratelimit.hit(RATE_SCOPE, str(actor.pk), window_seconds=60 * 60)


def _record_mentions(post: Post) -> list[Any]:
    """Save who the post mentions; return only the people not mentioned before."""
    users = [u for u in mentioned_members(post.body, post.thread.group)
             if u.pk != post.author_id]
    known = set(Mention.objects.filter(post=post).values_list("user_id", flat=True))
    new = [u for u in users if u.pk not in known]
    Mention.objects.bulk_create([Mention(post=post, user=u) for u in new])
    return new


def _require_poster(actor: User, group: Group) -> None:
    require_user(actor)
    if not can_post(actor, group):
        raise PermissionDenied(_("Join %(group)s to post in it.") % {"group": group})


@transaction.atomic
def start_thread(*, actor: User, group: Group, title: str, body: str) -> Thread:
    _require_poster(actor, group)
    title, body = clean_title(title), clean_body(body)
    _check_rate(actor)
    now = timezone.now()
    thread = Thread.objects.create(group=group, title=title, author=actor, created_at=now,
                                   last_post_at=now)
    post = Post.objects.create(thread=thread, author=actor, body=body, is_opening=True,
                               created_at=now)
    mentioned = _record_mentions(post)
    audit.record(actor=actor, action=audit.Action.FORUM_THREAD_CREATE, obj=thread,
                 new={"group": group.slug, "title": title, "post": post.pk, "body": body})
    index_thread(thread)
    notify.new_post(post, mentioned=mentioned)
    _count_post(actor)
    return thread


@transaction.atomic
def reply(*, actor: User, thread: Thread, body: str) -> Post:
    _require_poster(actor, thread.group)
    if thread.is_locked:
        raise Conflict(_("This thread is locked: it takes no new replies."))
    if thread.is_hidden:
        raise Conflict(_("This thread has been hidden by a moderator: it takes no new replies."))
    body = clean_body(body)
    _check_rate(actor)
    now = timezone.now()
    post = Post.objects.create(thread=thread, author=actor, body=body, created_at=now)
    Thread.objects.filter(pk=thread.pk).update(last_post_at=now)
    thread.last_post_at = now
    mentioned = _record_mentions(post)
    audit.record(actor=actor, action=audit.Action.FORUM_POST_CREATE, obj=post,
                 new={"thread": thread.pk, "body": body})
    index_thread(thread)
    notify.new_post(post, mentioned=mentioned)
    _count_post(actor)
    return post


@transaction.atomic
def edit_post(*, actor: User, post: Post, body: str, title: str | None = None) -> Post:
    """The author changes their post (and, for an opening post, the thread's title).

    The earlier text is kept as a revision; newly mentioned members are told.
    """
    require_user(actor)
    if post.author_id != actor.pk:
        raise PermissionDenied(_("Only the author of a post can change it."))
    if post.is_hidden:
        raise Conflict(_("A moderator has hidden this post, so it cannot be changed."))
    if not rules.can_still_edit(post):
        minutes = int(rules.edit_window().total_seconds() // 60)
        raise PermissionDenied(
            ngettext("Posts can be changed for %(minutes)s minute after posting. Reply to the "
                     "thread to add or correct something.",
                     "Posts can be changed for %(minutes)s minutes after posting. Reply to the "
                     "thread to add or correct something.", minutes) % {"minutes": minutes})
    body = clean_body(body)
    thread = post.thread
    new_title = clean_title(title) if (title is not None and post.is_opening) else thread.title
    if body == post.body and new_title == thread.title:
        return post
    old = {"body": post.body, "title": thread.title}
    PostRevision.objects.create(post=post, body=post.body,
                                title=thread.title if post.is_opening else "",
                                replaced_at=timezone.now())
    post.body, post.edited_at = body, timezone.now()
    post.save(update_fields=["body", "edited_at"])
    if new_title != thread.title:
        thread.title = new_title
        thread.save(update_fields=["title"])
    before, after = audit.changed(old, {"body": body, "title": new_title})
    audit.record(actor=actor, action=audit.Action.FORUM_POST_EDIT, obj=post, old=before, new=after)
    notify.mentions_added(post, _record_mentions(post))
    index_thread(thread)
    return post
