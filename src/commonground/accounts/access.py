"""The one way to fetch each protected accounts object for a user.

Every view and API endpoint goes through these functions; tests run every persona
against each (tests/accounts/test_access.py). Objects a user may not see raise
``NotFound`` (so probing ids reveals nothing); objects they may see but not change
raise ``PermissionDenied`` when ``write=True``.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from commonground.accounts.models import (
    ApiToken,
    Invitation,
    Membership,
    Organisation,
    Role,
    SharingAgreement,
    User,
)
from commonground.accounts.types import Visitor
from commonground.core.errors import NotAuthenticated, PermissionDenied, not_found


def require_user(user: Visitor | None) -> User:
    """The signed-in user, or ``NotAuthenticated`` for the public."""
    if not isinstance(user, User):
        raise NotAuthenticated(_("Sign in to do this."))
    return user


# The attribute on the user object (request.user, or the API's token user) that holds
# its memberships: the object lives as long as one request, so the memo does too, and a
# role changed by an admin is seen by the member's next request.
_MEMO = "_commonground_memberships"


def memberships(user: Visitor) -> list[Membership]:
    """All of the user's memberships with their organisations, oldest first.

    One query per user object, however many access checks a request makes. Services that
    add, change or remove a membership call ``forget_memberships`` on the user objects
    they hold, so a check later in the same request reads the database again.
    """
    if not user.is_authenticated:
        return []
    # getattr/setattr rather than __dict__: request.user is a lazy proxy, and these reach
    # the User behind it, which a service may be handed instead of the proxy.
    found: list[Membership] | None = getattr(user, _MEMO, None)
    if found is None:
        # order_by("pk"): the model's default ordering would join users to sort by name.
        found = list(Membership.objects.filter(user=user).select_related("organisation")
                     .order_by("pk"))
        setattr(user, _MEMO, found)
    return found


def remember_memberships(user: User, found: list[Membership]) -> None:
    """What ``memberships(user)`` answers for this user object, read with the user
    (accounts.backends), oldest first and with their organisations."""
    setattr(user, _MEMO, found)


def forget_memberships(*users: User | None) -> None:
    """After a membership of these users changed, so their next check reads it again."""
    for user in users:
        if user is not None and getattr(user, _MEMO, None) is not None:
            delattr(user, _MEMO)


def membership_in(user: Visitor, organisation: Organisation) -> Membership | None:
    return next((m for m in memberships(user) if m.organisation_id == organisation.pk), None)


def role_in(user: Visitor, organisation: Organisation) -> str | None:
    membership = membership_in(user, organisation)
    return None if membership is None else membership.role


def administered_organisation_ids(user: Visitor) -> list[int]:
    return [m.organisation_id for m in memberships(user) if m.role == Role.ADMIN]


def can_read_audit_log(user: Visitor) -> bool:
    """Platform administrators and organisations' administrators read the audit log."""
    return bool(user.is_authenticated and user.is_superuser) or bool(
        administered_organisation_ids(user))


def can_administer(user: Visitor, organisation: Organisation) -> bool:
    return bool(user.is_authenticated and user.is_superuser) or (
        role_in(user, organisation) == Role.ADMIN
    )


def get_organisation_for_user(user: Visitor, slug: str, *, write: bool = False) -> Organisation:
    """Members see their organisation (and its members); its admins change it.

    Platform admins see and change every organisation. Nobody else learns that it exists
    through this route (the public directory of organisations is a separate, later page).
    """
    user = require_user(user)
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        raise not_found(_("organisation"))
    if user.is_superuser:
        return organisation
    role = role_in(user, organisation)
    if role is None:
        raise not_found(_("organisation"))
    if write and role != Role.ADMIN:
        raise PermissionDenied(_("Only an administrator of this organisation can change it."))
    return organisation


def get_membership_for_user(user: Visitor, membership_id: int, *, write: bool = False
                            ) -> Membership:
    membership = (
        Membership.objects.select_related("organisation", "user").filter(pk=membership_id).first()
    )
    if membership is None:
        raise not_found(_("membership"))
    get_organisation_for_user(user, membership.organisation.slug, write=write)
    return membership


def get_invitation_for_user(user: Visitor, invitation_id: int, *, write: bool = False
                            ) -> Invitation:
    """Invitations carry people's email addresses: only the organisation's admins see them."""
    invitation = (
        Invitation.objects.select_related("organisation").filter(pk=invitation_id).first()
    )
    if invitation is None:
        raise not_found(_("invitation"))
    try:
        get_organisation_for_user(user, invitation.organisation.slug, write=True)
    except PermissionDenied:
        raise not_found(_("invitation")) from None
    return invitation


def get_api_token_for_user(user: Visitor, token_id: int, *, write: bool = False) -> ApiToken:
    """A token is its owner's alone; not even a platform admin may use or revoke it here."""
    user = require_user(user)
    token = ApiToken.objects.filter(pk=token_id, user=user).first()
    if token is None:
        raise not_found(_("API token"))
    return token


def get_sharing_agreement_for_user(user: Visitor, agreement_id: int, *, write: bool = False
                                   ) -> SharingAgreement:
    """Members of either party see an agreement; only the owner's admins change it."""
    user = require_user(user)
    agreement = (SharingAgreement.objects.select_related("owner", "partner")
                 .filter(pk=agreement_id).first())
    if agreement is None:
        raise not_found(_("sharing agreement"))
    owner_role = role_in(user, agreement.owner)
    if owner_role is None and role_in(user, agreement.partner) is None:
        raise not_found(_("sharing agreement"))
    if write and owner_role != Role.ADMIN:
        raise PermissionDenied(_("Only an administrator of the sharing organisation can change "
                               "this agreement."))
    return agreement
