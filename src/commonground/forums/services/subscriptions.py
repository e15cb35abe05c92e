"""Following a thread or a whole group, to be emailed about new posts in it."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from commonground.accounts.access import require_user
from commonground.accounts.models import User
from commonground.core import audit
from commonground.core.errors import PermissionDenied
from commonground.forums.access import can_read_threads
from commonground.forums.models import Group, Subscription, Thread


@transaction.atomic
def subscribe(*, actor: User, group: Group | None = None, thread: Thread | None = None
              ) -> Subscription:
    """Idempotent: following something twice leaves one subscription."""
    require_user(actor)
    if (group is None) == (thread is None):
        raise ValueError("subscribe to a group or a thread, not both")
    target_group = group if group is not None else thread.group  # type: ignore[union-attr]
    if not can_read_threads(actor, target_group):
        raise PermissionDenied(_("Join the group to follow it."))
    subscription, created = Subscription.objects.get_or_create(
        user=actor, group=group, thread=thread)
    if created:
        audit.record(actor=actor, action=audit.Action.FORUM_SUBSCRIBE, obj=thread or group)
    return subscription


@transaction.atomic
def unsubscribe(*, actor: User, subscription: Subscription) -> None:
    require_user(actor)
    if subscription.user_id != actor.pk:
        raise PermissionDenied(_("This is someone else's subscription."))
    audit.record(actor=actor, action=audit.Action.FORUM_UNSUBSCRIBE,
                 obj=subscription.thread or subscription.group)
    subscription.delete()
