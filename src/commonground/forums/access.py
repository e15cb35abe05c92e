"""Who may see and change each forum object: the one place these rules live.

Every view and API endpoint fetches groups, threads and posts through the
``get_*_for_user`` functions below (tests/forums/test_access.py tries every persona).

The rules, in words:
- Forums are for people signed in; nobody else sees them.
- Open and closed groups are listed to everyone signed in. Private groups exist only
  for their members: anyone else gets "not found", as if there were no such group.
- Threads of an open group are readable by everyone signed in; of a closed or private
  group, by its members only.
- A group's managers moderate it. Platform moderators moderate open and closed groups,
  and read closed groups' threads to do so; private groups are moderated by their own
  managers alone, so that "private" means what it says.
- Only members post; a hidden post is seen by its author and the moderators only.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from commonground.accounts.access import memberships, require_user
from commonground.accounts.models import User
from commonground.accounts.types import Visitor
from commonground.core.errors import PermissionDenied, not_found
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


def membership_of(user: Visitor, group: Group) -> GroupMembership | None:
    if not user.is_authenticated:
        return None
    # A view may have annotated the membership already (selectors.groups_visible_to).
    cache: dict[int, GroupMembership | None] = user.__dict__.setdefault("_forum_members", {})
    if group.pk not in cache:
        cache[group.pk] = GroupMembership.objects.filter(group=group, user=user).first()
    return cache[group.pk]


def forget_memberships(user: Visitor) -> None:
    """After a membership changes, so the next check reads the database again."""
    user.__dict__.pop("_forum_members", None)


def is_member(user: Visitor, group: Group) -> bool:
    membership = membership_of(user, group)
    return membership is not None and membership.status == MemberStatus.ACTIVE


def is_manager(user: Visitor, group: Group) -> bool:
    membership = membership_of(user, group)
    return (membership is not None and membership.status == MemberStatus.ACTIVE
            and membership.role == MemberRole.MANAGER)


def can_see_group(user: Visitor, group: Group) -> bool:
    if not user.is_authenticated:
        return False
    return group.visibility != Visibility.PRIVATE or is_member(user, group)


def can_moderate(user: Visitor, group: Group) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_moderator and group.visibility != Visibility.PRIVATE:
        return True
    return is_manager(user, group)


def can_read_threads(user: Visitor, group: Group) -> bool:
    if not can_see_group(user, group):
        return False
    if group.visibility == Visibility.OPEN:
        return True
    return is_member(user, group) or can_moderate(user, group)


def can_post(user: Visitor, group: Group) -> bool:
    return is_member(user, group)


def can_create_groups(user: Visitor) -> bool:
    """Practitioners (people in an organisation), moderators and platform admins."""
    if not user.is_authenticated:
        return False
    return bool(user.is_moderator or user.is_superuser or memberships(user))


def get_group_for_user(user: Visitor, slug: str, *, write: bool = False) -> Group:
    """Read: the group's page. Write: manage it (its page, members, moderation)."""
    user = require_user(user)
    group = Group.objects.filter(slug=slug).first()
    if group is None or not can_see_group(user, group):
        raise not_found(_("group"))
    if write and not can_moderate(user, group):
        raise PermissionDenied(_("Only the group's managers and moderators can do this."))
    return group


def _thread_visible(user: Visitor, thread: Thread) -> bool:
    if not can_read_threads(user, thread.group):
        return False
    if thread.is_hidden:
        return thread.author_id == user.pk or can_moderate(user, thread.group)
    return True


def get_thread_for_user(user: Visitor, thread_id: int, *, write: bool = False) -> Thread:
    """Read: the thread and its posts. Write: moderate it (pin, lock)."""
    user = require_user(user)
    thread = Thread.objects.select_related("group", "author").filter(pk=thread_id).first()
    if thread is None or not _thread_visible(user, thread):
        raise not_found(_("thread"))
    if write and not can_moderate(user, thread.group):
        raise PermissionDenied(_("Only the group's managers and moderators can do this."))
    return thread


def can_see_post(user: Visitor, post: Post) -> bool:
    if not post.is_hidden:
        return True
    return post.author_id == user.pk or can_moderate(user, post.thread.group)


def get_post_for_user(user: Visitor, post_id: int, *, write: bool = False) -> Post:
    """Read: the post. Write: change its text, which only its author may do."""
    user = require_user(user)
    post = (Post.objects.select_related("thread", "thread__group", "author")
            .filter(pk=post_id).first())
    if post is None or not _thread_visible(user, post.thread) or not can_see_post(user, post):
        raise not_found(_("post"))
    if write and post.author_id != user.pk:
        raise PermissionDenied(_("Only the author of a post can change it."))
    return post


def get_membership_for_user(
    user: Visitor, membership_id: int, *, write: bool = False
) -> GroupMembership:
    """Your own membership (to leave), or any in a group you manage (to decide on)."""
    user = require_user(user)
    membership = (GroupMembership.objects.select_related("group", "user")
                  .filter(pk=membership_id).first())
    if membership is None or not can_see_group(user, membership.group):
        raise not_found(_("membership"))
    if membership.user_id != user.pk and not can_moderate(user, membership.group):
        raise not_found(_("membership"))
    return membership


def get_report_for_user(user: Visitor, report_id: int, *, write: bool = False) -> Report:
    """Reports are for the moderators of the reported post's group."""
    user = require_user(user)
    report = (Report.objects.select_related("post", "post__thread", "post__thread__group")
              .filter(pk=report_id).first())
    if report is None or not can_moderate(user, report.post.thread.group):
        raise not_found(_("report"))
    return report


def get_subscription_for_user(
    user: Visitor, subscription_id: int, *, write: bool = False
) -> Subscription:
    user = require_user(user)
    subscription = Subscription.objects.filter(pk=subscription_id, user=user).first()
    if subscription is None:
        raise not_found(_("subscription"))
    return subscription


def readers_among(group: Group, users: list[User]) -> list[User]:
    """Those of ``users`` who may read ``group``'s threads now, in two queries at most:
    emails go only to people who could open the thread they point to."""
    active = [u for u in users if u.is_active]
    if group.visibility == Visibility.OPEN:
        return active
    member_ids = set(GroupMembership.objects.filter(
        group=group, status=MemberStatus.ACTIVE, user__in=[u.pk for u in active],
    ).values_list("user_id", flat=True))
    closed = group.visibility == Visibility.CLOSED
    return [u for u in active if u.pk in member_ids or (closed and u.is_moderator)]


def search_access_keys(user: Visitor) -> set[str]:
    """The search engine's access keys this user holds: one per group whose threads
    they may read beyond the public ones (see forums/indexing.py)."""
    if user is None or not user.is_authenticated:
        return set()
    ids = set(GroupMembership.objects.filter(user=user, status=MemberStatus.ACTIVE)
              .values_list("group_id", flat=True))
    if user.is_moderator:
        ids |= set(Group.objects.filter(visibility=Visibility.CLOSED)
                   .values_list("pk", flat=True))
    return {f"forum-group:{pk}" for pk in ids}


# The same rules as querysets, for lists that cannot ask object by object: the audit
# log's rows (audit_privacy.py) and the Django admin (admin.py).

def _member_of_group(user: User) -> Exists:
    return Exists(GroupMembership.objects.filter(group=OuterRef("pk"), user=user,
                                                 status=MemberStatus.ACTIVE))


def groups_seen_by(user: Visitor) -> QuerySet[Group]:
    """The groups ``user`` may see (``can_see_group``)."""
    if not isinstance(user, User):
        return Group.objects.none()
    return Group.objects.filter(~Q(visibility=Visibility.PRIVATE) | Q(_member_of_group(user)))


def groups_read_by(user: Visitor) -> QuerySet[Group]:
    """The groups whose threads ``user`` may read (``can_read_threads``)."""
    if not isinstance(user, User):
        return Group.objects.none()
    readable = Q(visibility=Visibility.OPEN) | Q(_member_of_group(user))
    if user.is_moderator:
        readable |= Q(visibility=Visibility.CLOSED)
    return Group.objects.filter(readable)


def threads_read_by(user: Visitor) -> QuerySet[Thread]:
    """Threads of the groups ``user`` reads (hidden ones included: callers that show text
    leave them out unless the user moderates)."""
    return Thread.objects.filter(group__in=groups_read_by(user).values("pk"))


def posts_read_by(user: Visitor) -> QuerySet[Post]:
    return Post.objects.filter(thread__group__in=groups_read_by(user).values("pk"))
