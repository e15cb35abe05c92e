"""Reads of accounts data shaped for pages and the API."""

from __future__ import annotations

from django.db.models import QuerySet

from commonground.accounts.models import ApiToken, Invitation, Membership, Organisation, User
from commonground.accounts.types import Visitor


def memberships_of(user: User) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("organisation")


def organisations_visible_to(user: Visitor) -> QuerySet[Organisation]:
    if not user.is_authenticated:
        return Organisation.objects.none()
    if user.is_superuser:
        return Organisation.objects.all()
    return Organisation.objects.filter(memberships__user=user).distinct()


def members_of(organisation: Organisation) -> QuerySet[Membership]:
    return organisation.memberships.select_related("user").order_by("user__full_name")


def open_invitations_of(organisation: Organisation) -> list[Invitation]:
    return [i for i in organisation.invitations.select_related("invited_by") if i.is_open]


def api_tokens_of(user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True)
