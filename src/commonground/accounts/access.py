"""The one way to fetch each protected accounts object for a user.

Every view and API endpoint goes through these functions; tests run every persona
against each (tests/accounts/test_access.py). Objects a user may not see raise
``NotFound`` (so probing ids reveals nothing); objects they may see but not change
raise ``PermissionDenied`` when ``write=True``.
"""

from __future__ import annotations

from typing import Any

from commonground.accounts.models import ApiToken, Invitation, Membership, Organisation, Role
from commonground.core.errors import NotAuthenticated, PermissionDenied, not_found


def require_user(user: Any) -> Any:
    if user is None or not user.is_authenticated:
        raise NotAuthenticated("Sign in to do this.")
    return user


def role_in(user: Any, organisation: Organisation) -> str | None:
    if not user.is_authenticated:
        return None
    membership = (
        Membership.objects.filter(user=user, organisation=organisation)
        .values_list("role", flat=True)
        .first()
    )
    return membership


def administered_organisation_ids(user: Any) -> list[int]:
    if not user.is_authenticated:
        return []
    return list(
        Membership.objects.filter(user=user, role=Role.ADMIN).values_list(
            "organisation_id", flat=True
        )
    )


def can_administer(user: Any, organisation: Organisation) -> bool:
    return bool(user.is_authenticated and user.is_superuser) or (
        role_in(user, organisation) == Role.ADMIN
    )


def get_organisation_for_user(user: Any, slug: str, *, write: bool = False) -> Organisation:
    """Members see their organisation (and its members); its admins change it.

    Platform admins see and change every organisation. Nobody else learns that it exists
    through this route (the public directory of organisations is a separate, later page).
    """
    require_user(user)
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        raise not_found("organisation")
    if user.is_superuser:
        return organisation
    role = role_in(user, organisation)
    if role is None:
        raise not_found("organisation")
    if write and role != Role.ADMIN:
        raise PermissionDenied("Only an administrator of this organisation can change it.")
    return organisation


def get_membership_for_user(user: Any, membership_id: int, *, write: bool = False) -> Membership:
    membership = (
        Membership.objects.select_related("organisation", "user").filter(pk=membership_id).first()
    )
    if membership is None:
        raise not_found("membership")
    get_organisation_for_user(user, membership.organisation.slug, write=write)
    return membership


def get_invitation_for_user(user: Any, invitation_id: int, *, write: bool = False) -> Invitation:
    """Invitations carry people's email addresses: only the organisation's admins see them."""
    invitation = (
        Invitation.objects.select_related("organisation").filter(pk=invitation_id).first()
    )
    if invitation is None:
        raise not_found("invitation")
    try:
        get_organisation_for_user(user, invitation.organisation.slug, write=True)
    except PermissionDenied:
        raise not_found("invitation") from None
    return invitation


def get_api_token_for_user(user: Any, token_id: int, *, write: bool = False) -> ApiToken:
    """A token is its owner's alone; not even a platform admin may use or revoke it here."""
    require_user(user)
    token = ApiToken.objects.filter(pk=token_id, user=user).first()
    if token is None:
        raise not_found("API token")
    return token


def get_sharing_agreement_for_user(user: Any, agreement_id: int, *, write: bool = False
                                   ) -> Any:
    """Members of either party see an agreement; only the owner's admins change it."""
    from commonground.accounts.models import SharingAgreement

    require_user(user)
    agreement = (SharingAgreement.objects.select_related("owner", "partner")
                 .filter(pk=agreement_id).first())
    if agreement is None:
        raise not_found("sharing agreement")
    owner_role = role_in(user, agreement.owner)
    if owner_role is None and role_in(user, agreement.partner) is None:
        raise not_found("sharing agreement")
    if write and owner_role != Role.ADMIN:
        raise PermissionDenied("Only an administrator of the sharing organisation can change "
                               "this agreement.")
    return agreement
