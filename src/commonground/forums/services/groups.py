"""Groups and who is in them: create, describe, join or ask to join, approve, add, leave.

Open groups are joined at once; closed groups on a manager's approval (the managers
are emailed); private groups only by a manager adding the person. A group always
keeps a manager, except the regional forums, which the platform moderators look after.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from commonground.accounts.access import require_user
from commonground.accounts.models import User
from commonground.core import audit
from commonground.core.errors import Conflict, InvalidInput, PermissionDenied
from commonground.core.slugs import unique_slug
from commonground.forums import notify
from commonground.forums.access import can_create_groups, can_moderate, forget_memberships
from commonground.forums.models import (
    Group,
    GroupMembership,
    MemberRole,
    MemberStatus,
    Subscription,
    Visibility,
)


def _require_manager(actor: User, group: Group) -> None:
    require_user(actor)
    if not can_moderate(actor, group):
        raise PermissionDenied(_("Only the group's managers can do this."))


@transaction.atomic
def create_group(
    *, actor: User, name: str, summary: str, visibility: str, about: str = ""
) -> Group:
    """A practitioner starts a group and becomes its first manager."""
    require_user(actor)
    if not can_create_groups(actor):
        raise PermissionDenied(_("Groups are started by people who belong to an organisation."))
    errors: dict[str, list[str]] = {}
    name, summary = " ".join(name.split()), " ".join(summary.split())
    if not name:
        errors["name"] = [_("Enter a name for the group.")]
    elif len(name) > 120:
        errors["name"] = [_("Use 120 characters or fewer.")]
    if not summary:
        errors["summary"] = [_("Say in a sentence what the group is for.")]
    elif len(summary) > 300:
        errors["summary"] = [_("Use 300 characters or fewer.")]
    if visibility not in Visibility.values:
        errors["visibility"] = [_("Choose who can see the group.")]
    if errors:
        raise InvalidInput(_("Check the group's details."), fields=errors)
    slug = unique_slug(Group, name, fallback="group", max_length=70)
    group = Group.objects.create(name=name, slug=slug, summary=summary,
                                 about=about.strip(), visibility=visibility, created_by=actor)
    GroupMembership.objects.create(group=group, user=actor, role=MemberRole.MANAGER,
                                   status=MemberStatus.ACTIVE)
    forget_memberships(actor)
    audit.record(actor=actor, action=audit.Action.FORUM_GROUP_CREATE, obj=group,
                 new=audit.snapshot(group, ["name", "summary", "visibility"]))
    return group


@transaction.atomic
def update_group(*, actor: User, group: Group, summary: str, about: str,
                 summary_cy: str | None = None, about_cy: str | None = None) -> Group:
    """The group's information page: what it is for, links, contacts; and their Welsh
    (None keeps what there is)."""
    _require_manager(actor, group)
    summary = " ".join(summary.split())
    if not summary or len(summary) > 300:
        raise InvalidInput(_("Check the summary."), fields={
            "summary": [_("Say in a sentence (300 characters or fewer) what the group is for.")]})
    fields = ["summary", "about", "summary_cy", "about_cy"]
    old = audit.snapshot(group, fields)
    group.summary, group.about = summary, about.strip()
    if summary_cy is not None:
        group.summary_cy = " ".join(summary_cy.split())[:300]
    if about_cy is not None:
        group.about_cy = about_cy.strip()
    before, after = audit.changed(old, audit.snapshot(group, fields))
    if after:
        group.save(update_fields=fields)
        audit.record(actor=actor, action=audit.Action.FORUM_GROUP_UPDATE, obj=group,
                     old=before, new=after)
    return group


@transaction.atomic
def join_group(*, actor: User, group: Group) -> GroupMembership:
    """Join an open group now, or ask to join a closed one."""
    require_user(actor)
    if group.visibility == Visibility.PRIVATE:
        raise PermissionDenied(_("Private groups are joined when a manager adds you."))
    existing = GroupMembership.objects.filter(group=group, user=actor).first()
    if existing is not None:
        raise Conflict(_("You are already a member of this group.") if existing.status ==
                       MemberStatus.ACTIVE else "You have already asked to join this group.")
    status = MemberStatus.ACTIVE if group.visibility == Visibility.OPEN else MemberStatus.PENDING
    membership = GroupMembership.objects.create(group=group, user=actor, status=status)
    forget_memberships(actor)
    audit.record(actor=actor, action=audit.Action.FORUM_MEMBER_JOIN
                 if status == MemberStatus.ACTIVE else audit.Action.FORUM_MEMBER_REQUEST,
                 obj=group, new={"user": actor.email})
    if status == MemberStatus.PENDING:
        notify.join_requested(membership)
    return membership


@transaction.atomic
def decide_request(*, actor: User, membership: GroupMembership, approve: bool) -> None:
    group = membership.group
    _require_manager(actor, group)
    if membership.status != MemberStatus.PENDING:
        raise Conflict(_("This request has already been decided."))
    email = membership.user.email
    if approve:
        membership.status = MemberStatus.ACTIVE
        membership.save(update_fields=["status"])
        notify.membership_granted(membership)
    else:
        membership.delete()
    audit.record(actor=actor, action=audit.Action.FORUM_MEMBER_APPROVE if approve
                 else audit.Action.FORUM_MEMBER_DECLINE,
                 obj=group, new={"user": email})


@transaction.atomic
def add_member(*, actor: User, group: Group, email: str) -> GroupMembership:
    """A manager adds someone who has an account (the only way into a private group)."""
    _require_manager(actor, group)
    email = email.strip().lower()
    user = User.objects.filter(email=email, is_active=True).first()
    if user is None:
        raise InvalidInput(_("There is no one with that email address."), fields={
            "email": [_("There is no Common Ground account with this email address.")]})
    membership, created = GroupMembership.objects.get_or_create(group=group, user=user)
    if not created and membership.status == MemberStatus.ACTIVE:
        raise Conflict(_("%(person)s is already a member.") % {"person": user},
                       fields={"email": [_("This person is already a member.")]})
    if not created:
        membership.status = MemberStatus.ACTIVE
        membership.save(update_fields=["status"])
    audit.record(actor=actor, action=audit.Action.FORUM_MEMBER_ADD, obj=group, new={"user": email})
    notify.membership_granted(membership)
    return membership


def _other_managers(membership: GroupMembership) -> bool:
    return GroupMembership.objects.filter(
        group=membership.group, role=MemberRole.MANAGER, status=MemberStatus.ACTIVE
    ).exclude(pk=membership.pk).exists()


def _needs_a_manager(membership: GroupMembership) -> bool:
    return (membership.role == MemberRole.MANAGER and not membership.group.is_regional
            and not _other_managers(membership))


@transaction.atomic
def set_role(*, actor: User, membership: GroupMembership, role: str) -> GroupMembership:
    _require_manager(actor, membership.group)
    if role not in MemberRole.values:
        raise InvalidInput(_("Choose a role."), fields={"role": [_("Choose member or manager.")]})
    if membership.status != MemberStatus.ACTIVE:
        raise Conflict(_("Approve the request first."))
    if role != MemberRole.MANAGER and _needs_a_manager(membership):
        raise Conflict(_("A group needs a manager: make someone else a manager first."))
    old = membership.role
    if old != role:
        membership.role = role
        membership.save(update_fields=["role"])
        audit.record(actor=actor, action=audit.Action.FORUM_MEMBER_ROLE, obj=membership.group,
                     old={"user": membership.user.email, "role": old},
                     new={"user": membership.user.email, "role": role})
    return membership


@transaction.atomic
def remove_membership(*, actor: User, membership: GroupMembership) -> None:
    """Leave a group (your own membership) or, as a manager, remove someone from it.

    Their subscriptions in the group go too: they can no longer read what they follow.
    """
    require_user(actor)
    group = membership.group
    if membership.user_id != actor.pk:
        _require_manager(actor, group)
    if _needs_a_manager(membership):
        raise Conflict(_("A group needs a manager: make someone else a manager first."))
    user = membership.user
    Subscription.objects.filter(user=user, group=group).delete()
    Subscription.objects.filter(user=user, thread__group=group).delete()
    membership.delete()
    forget_memberships(user)
    audit.record(actor=actor, action=audit.Action.FORUM_MEMBER_REMOVE, obj=group,
                 old={"user": user.email, "role": membership.role})
