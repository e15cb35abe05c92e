"""Keeping the forums civil: report a post; hide (never delete) and restore; pin and lock.

Moderating a group is for its managers and, for open and closed groups, the platform
moderators (``access.can_moderate``). A hidden post stays in the database with who hid
it, when and why; its author is emailed the reason and still sees it. Hiding the
opening post hides the whole thread (and takes it out of search).
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from commonground.accounts.access import require_user
from commonground.accounts.models import User
from commonground.core import audit
from commonground.core.errors import Conflict, InvalidInput, PermissionDenied
from commonground.forums import notify
from commonground.forums.access import can_moderate
from commonground.forums.indexing import index_thread
from commonground.forums.models import Post, Report, Thread

MAX_REASON = 2_000


def _reason(reason: str, missing: str) -> str:
    """The reason, trimmed; ``missing`` is the message when there is none."""
    reason = reason.strip()
    if not reason:
        raise InvalidInput(missing, fields={"reason": [missing]})
    if len(reason) > MAX_REASON:
        raise InvalidInput(_("The reason is too long."), fields={"reason": [
            _("Use %(most)s characters or fewer.") % {"most": f"{MAX_REASON:,}"}]})
    return reason


def _require_moderator(actor: User, thread: Thread) -> None:
    require_user(actor)
    if not can_moderate(actor, thread.group):
        raise PermissionDenied(_("Only the group's managers and moderators can do this."))


@transaction.atomic
def report_post(*, actor: User, post: Post, reason: str) -> Report:
    """Anyone who can read a post may report it to the group's moderators."""
    require_user(actor)
    if post.author_id == actor.pk:
        raise InvalidInput(_("You cannot report your own post; you can edit it for a while "
                           "after posting."))
    if post.is_hidden:
        raise Conflict(_("A moderator has already hidden this post."))
    reason = _reason(reason, _("Say what is wrong with the post."))
    try:
        with transaction.atomic():
            report = Report.objects.create(post=post, reporter=actor, reason=reason)
    except IntegrityError:
        raise Conflict(_("You have already reported this post. A moderator will look at it."),
                       fields={"reason": [_("You have already reported this post.")]}) from None
    audit.record(actor=actor, action=audit.Action.FORUM_POST_REPORT, obj=post,
                 new={"report": report.pk, "reason": reason})
    return report


@transaction.atomic
def hide_post(*, actor: User, post: Post, reason: str) -> Post:
    thread = post.thread
    _require_moderator(actor, thread)
    if post.is_hidden:
        raise Conflict(_("This post is already hidden."))
    reason = _reason(reason, _("Say why the post is hidden (its author will be told)."))
    now = timezone.now()
    post.hidden_at, post.hidden_by, post.hidden_reason = now, actor, reason
    post.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    Report.objects.filter(post=post, outcome=Report.Outcome.OPEN).update(
        outcome=Report.Outcome.HIDDEN, resolved_at=now, resolved_by=actor)
    if post.is_opening:
        thread.is_hidden = True
        thread.save(update_fields=["is_hidden"])
    audit.record(actor=actor, action=audit.Action.FORUM_POST_HIDE, obj=post,
                 new={"reason": reason, "thread_hidden": post.is_opening})
    index_thread(thread)
    notify.post_moderated(post, hidden=True)
    return post


@transaction.atomic
def restore_post(*, actor: User, post: Post) -> Post:
    thread = post.thread
    _require_moderator(actor, thread)
    if not post.is_hidden:
        raise Conflict(_("This post is not hidden."))
    old = {"hidden_reason": post.hidden_reason}
    post.hidden_at, post.hidden_by, post.hidden_reason = None, None, ""
    post.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    if post.is_opening:
        thread.is_hidden = False
        thread.save(update_fields=["is_hidden"])
    audit.record(actor=actor, action=audit.Action.FORUM_POST_RESTORE, obj=post, old=old)
    index_thread(thread)
    notify.post_moderated(post, hidden=False)
    return post


@transaction.atomic
def dismiss_report(*, actor: User, report: Report) -> Report:
    """The moderator looked and the post stays: the report leaves the queue."""
    _require_moderator(actor, report.post.thread)
    if report.outcome != Report.Outcome.OPEN:
        raise Conflict(_("This report has already been dealt with."))
    report.outcome, report.resolved_at, report.resolved_by = (
        Report.Outcome.DISMISSED, timezone.now(), actor)
    report.save(update_fields=["outcome", "resolved_at", "resolved_by"])
    audit.record(actor=actor, action=audit.Action.FORUM_REPORT_DISMISS, obj=report.post,
                 new={"report": report.pk})
    return report


@transaction.atomic
def set_thread_state(
    *, actor: User, thread: Thread, pinned: bool | None = None, locked: bool | None = None
) -> Thread:
    """Pin a thread to the top of its group, or lock it against new replies."""
    _require_moderator(actor, thread)
    old = audit.snapshot(thread, ["is_pinned", "is_locked"])
    if pinned is not None:
        thread.is_pinned = pinned
    if locked is not None:
        thread.is_locked = locked
    before, after = audit.changed(old, audit.snapshot(thread, ["is_pinned", "is_locked"]))
    if after:
        thread.save(update_fields=["is_pinned", "is_locked"])
        audit.record(actor=actor, action=audit.Action.FORUM_THREAD_MODERATE, obj=thread,
                     old=before, new=after)
    return thread
