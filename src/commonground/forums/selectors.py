"""Reads that shape the forums' pages: each a fixed number of queries, whatever the size.

They take a user who has already passed ``forums.access`` for the group or thread in
question, and return only what that user may see.
"""

from __future__ import annotations

from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from commonground.accounts.models import User
from commonground.accounts.types import Visitor
from commonground.forums.access import can_moderate
from commonground.forums.models import (
    Group,
    GroupMembership,
    MemberRole,
    MemberStatus,
    Post,
    Report,
    Subscription,
    Thread,
    Visibility,
)


def _mine(user: User, field: str) -> Subquery:
    return Subquery(GroupMembership.objects.filter(group=OuterRef("pk"), user=user)
                    .values(field)[:1])


def groups_visible_to(user: User) -> QuerySet[Group]:
    """Regional forums first (in ONS order: North East ... South West, then Wales), then
    the other groups by name; private groups only for their members. Each group carries
    ``my_status``, ``my_role`` and ``thread_count`` (threads not hidden)."""
    member_of = GroupMembership.objects.filter(group=OuterRef("pk"), user=user,
                                               status=MemberStatus.ACTIVE)
    threads = (Thread.objects.filter(group=OuterRef("pk"), is_hidden=False)
               .order_by().values("group").annotate(n=Count("pk")).values("n"))
    return (
        Group.objects.annotate(is_member=Exists(member_of))
        .filter(~Q(visibility=Visibility.PRIVATE) | Q(is_member=True))
        .annotate(
            my_status=_mine(user, "status"), my_role=_mine(user, "role"),
            thread_count=Subquery(threads, output_field=IntegerField()),
            regional=Case(When(region_code="", then=Value(1)), default=Value(0),
                          output_field=IntegerField()),
        )
        .order_by("regional", "region_code", "name")
    )


def threads_of(group: Group, user: User) -> QuerySet[Thread]:
    """Pinned first, then the most recently active. Hidden threads only for moderators
    and their authors (shown marked as hidden)."""
    threads = Thread.objects.filter(group=group)
    if not can_moderate(user, group):
        threads = threads.filter(Q(is_hidden=False) | Q(author=user))
    # Counted per thread shown, not by joining every post of the group and grouping: a
    # regional forum of 3,000 threads and 10,000 posts took 37 ms (PostgreSQL) for a page
    # of 20, and the paginator's count repeated the join (issue 14, performance).
    replies = (Post.objects.filter(thread=OuterRef("pk"), hidden_at__isnull=True,
                                   is_opening=False)
               .order_by().values("thread").annotate(n=Count("pk")).values("n"))
    return (threads.select_related("author")
            .annotate(reply_count=Coalesce(Subquery(replies, output_field=IntegerField()),
                                           Value(0)))
            .order_by("-is_pinned", "-last_post_at", "-id"))


def posts_of(thread: Thread) -> QuerySet[Post]:
    """All posts, hidden ones included: the page decides what each reader sees of them."""
    return (thread.posts.select_related("author", "hidden_by")
            .annotate(revision_count=Count("revisions")).order_by("created_at", "id"))


def subscription_of(user: User, *, group: Group | None = None,
                    thread: Thread | None = None) -> Subscription | None:
    return Subscription.objects.filter(user=user, group=group, thread=thread).first()


def subscriptions_of(user: User) -> QuerySet[Subscription]:
    return (Subscription.objects.filter(user=user)
            .select_related("group", "thread", "thread__group")
            .order_by("-created_at"))


def members_of(group: Group) -> QuerySet[GroupMembership]:
    return (GroupMembership.objects.filter(group=group, status=MemberStatus.ACTIVE)
            .select_related("user").order_by("-role", "user__full_name"))


def requests_of(group: Group) -> QuerySet[GroupMembership]:
    return (GroupMembership.objects.filter(group=group, status=MemberStatus.PENDING)
            .select_related("user").order_by("created_at"))


def open_reports_for(user: User) -> QuerySet[Report]:
    """The moderation queue: open reports in the groups this user moderates."""
    managed = GroupMembership.objects.filter(
        user=user, role=MemberRole.MANAGER, status=MemberStatus.ACTIVE).values("group_id")
    scope = Q(post__thread__group__in=managed)
    if user.is_moderator:
        scope |= ~Q(post__thread__group__visibility=Visibility.PRIVATE)
    return (Report.objects.filter(scope, outcome=Report.Outcome.OPEN)
            .select_related("post", "post__author", "post__thread", "post__thread__group",
                            "reporter")
            .order_by("created_at", "id"))


def moderates_anything(user: Visitor) -> bool:
    if not user.is_authenticated:
        return False
    return bool(user.is_moderator) or GroupMembership.objects.filter(
        user=user, role=MemberRole.MANAGER, status=MemberStatus.ACTIVE).exists()
