"""What the audit log keeps of the forums (core.audit.privacy).

Groups, threads and posts are protected: a row keeps their ids, never a title, a body
or a reason (which may quote the post), and a platform administrator reads the rows of
the groups, threads and posts the forums' access rules let them open, so a private
group's discussions and members stay its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, Q, QuerySet

from commonground.accounts.models import User
from commonground.core import audit
from commonground.forums.models import (
    Group,
    GroupMembership,
    MemberStatus,
    Post,
    Thread,
    Visibility,
)

if TYPE_CHECKING:
    from commonground.core.actors import Actor

_SAFE_KEYS = ("visibility", "user", "role", "group", "thread", "post", "report",
              "thread_hidden")


def _groups(user: Actor, *, threads: bool = False) -> QuerySet[Group]:
    """The groups ``user`` may see (forums.access.can_see_group) or, with ``threads``,
    whose threads they may read (``can_read_threads``)."""
    if not isinstance(user, User):
        return Group.objects.none()
    member = Exists(GroupMembership.objects.filter(group=OuterRef("pk"), user=user,
                                                   status=MemberStatus.ACTIVE))
    if not threads:
        return Group.objects.filter(~Q(visibility=Visibility.PRIVATE) | member)
    readable: Q = Q(visibility=Visibility.OPEN) | Q(member)
    if user.is_moderator:
        readable |= Q(visibility=Visibility.CLOSED)
    return Group.objects.filter(readable)


def _threads(user: Actor) -> QuerySet[Thread]:
    return Thread.objects.filter(group__in=_groups(user, threads=True).values("pk"))


def _posts(user: Actor) -> QuerySet[Post]:
    return Post.objects.filter(thread__group__in=_groups(user, threads=True).values("pk"))


def register() -> None:
    audit.protect("forums.group", noun="Forum group", safe_keys=_SAFE_KEYS, visible=_groups)
    audit.protect("forums.thread", noun="Forum thread", safe_keys=_SAFE_KEYS,
                  visible=_threads)
    audit.protect("forums.post", noun="Forum post", safe_keys=_SAFE_KEYS, visible=_posts)
