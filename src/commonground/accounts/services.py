"""Every write to accounts: typed, keyword-only, transactional, audited."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from commonground.accounts.access import can_administer, forget_memberships, require_user
from commonground.accounts.models import (
    ApiToken,
    Invitation,
    Membership,
    Organisation,
    OrganisationKind,
    Role,
    SharingAgreement,
    User,
)
from commonground.accounts.tokens import hash_secret, new_secret
from commonground.accounts.types import Visitor
from commonground.background import mail
from commonground.core import audit
from commonground.core.errors import (
    Conflict,
    ErrorCode,
    InvalidInput,
    PermissionDenied,
    not_found,
)
from commonground.core.languages import Language
from commonground.core.slugs import unique_slug


@transaction.atomic
def create_organisation(
    *, actor: User | None, name: str, kind: str, area_code: str = "", slug: str = ""
) -> Organisation:
    if actor is not None and not actor.is_superuser:
        raise PermissionDenied(_("Only a platform administrator can add organisations."))
    _check_kind(kind, area_code)
    slug = slug or unique_slug(Organisation, name, fallback="organisation")
    organisation = Organisation(name=name, kind=kind, area_code=area_code.upper(), slug=slug)
    _save_checked(organisation)
    audit.record(actor=actor, action=audit.Action.ORGANISATION_CREATE, obj=organisation,
                 organisation_id=organisation.pk,
                 new=audit.snapshot(organisation, ORGANISATION_FIELDS))
    return organisation


def _save_checked(organisation: Organisation) -> None:
    try:
        organisation.full_clean()
    except ValidationError as exc:
        raise InvalidInput(_("Check the organisation's details."),
                           fields=exc.message_dict) from None
    organisation.save()


def _check_kind(kind: str, area_code: str) -> None:
    if kind not in OrganisationKind.values:
        raise InvalidInput(_("Choose a type of organisation."),
                           fields={"kind": [_("Choose a type.")]})
    if kind == OrganisationKind.COUNCIL and not area_code:
        raise InvalidInput(
            _("A council needs the ONS code of its area."),
            fields={"area_code": [_("Enter the ONS code of the council's area.")]},
        )


ORGANISATION_FIELDS = ["name", "kind", "area_code"]


@transaction.atomic
def update_organisation(*, actor: User, organisation: Organisation, name: str, kind: str,
                        area_code: str = "") -> Organisation:
    """A platform administrator corrects an organisation's name, type or area (the admin)."""
    if not actor.is_superuser:
        raise PermissionDenied(_("Only a platform administrator can change organisations."))
    _check_kind(kind, area_code)
    old = audit.snapshot(organisation, ORGANISATION_FIELDS)
    organisation.name, organisation.kind = name.strip(), kind
    organisation.area_code = area_code.upper()
    _save_checked(organisation)
    before, after = audit.changed(old, audit.snapshot(organisation, ORGANISATION_FIELDS))
    if after:
        audit.record(actor=actor, action=audit.Action.ORGANISATION_UPDATE, obj=organisation,
                     organisation_id=organisation.pk, old=before, new=after)
    return organisation


@transaction.atomic
def set_welsh_required(*, actor: User, organisation: Organisation, required: bool) -> None:
    """An organisation's administrator decides whether the library publishes the
    organisation's contributions only with a Welsh title and summary."""
    require_user(actor)
    if not can_administer(actor, organisation):
        raise PermissionDenied(_("Only an administrator of this organisation can change this."))
    if organisation.welsh_required == required:
        return
    organisation.welsh_required = required
    organisation.save(update_fields=["welsh_required"])
    audit.record(actor=actor, action=audit.Action.ORGANISATION_UPDATE, obj=organisation,
                 organisation_id=organisation.pk, old={"welsh_required": not required},
                 new={"welsh_required": required})


PLATFORM_ROLES = ["is_active", "is_moderator", "is_staff", "is_superuser"]


@transaction.atomic
def set_platform_roles(*, actor: User, user: User, is_active: bool, is_moderator: bool,
                       is_staff: bool, is_superuser: bool) -> User:
    """A platform administrator makes someone a moderator or an administrator, or closes
    their account (the admin's user page)."""
    if not actor.is_superuser:
        raise PermissionDenied(_("Only a platform administrator can change platform roles."))
    if user.pk == actor.pk and not (is_superuser and is_active):
        raise Conflict(_("You cannot give up your own platform administration: ask another "
                         "platform administrator."))
    old = audit.snapshot(user, PLATFORM_ROLES)
    user.is_active, user.is_moderator = is_active, is_moderator
    user.is_staff, user.is_superuser = is_staff, is_superuser
    user.save(update_fields=PLATFORM_ROLES)
    before, after = audit.changed(old, audit.snapshot(user, PLATFORM_ROLES))
    if after:
        audit.record(actor=actor, action=audit.Action.USER_UPDATE, obj=user, old=before,
                     new=after)
    return user


@transaction.atomic
def add_member(*, actor: User, organisation: Organisation, user: User, role: str) -> Membership:
    """Used by invitations and by platform admins setting up an organisation."""
    if role not in Role.values:
        raise InvalidInput(_("Choose a role."), fields={"role": [_("Choose a role.")]})
    membership, created = Membership.objects.get_or_create(
        user=user, organisation=organisation, defaults={"role": role}
    )
    if not created and membership.role != role:
        old = membership.role
        membership.role = role
        membership.save(update_fields=["role"])
        audit.record(actor=actor, action=audit.Action.MEMBERSHIP_CHANGE_ROLE, obj=membership,
                     organisation_id=organisation.pk, old={"role": old}, new={"role": role})
    elif created:
        audit.record(actor=actor, action=audit.Action.MEMBERSHIP_CREATE, obj=membership,
                     organisation_id=organisation.pk, new={"user": user.email, "role": role})
    forget_memberships(actor, user)
    return membership


def _forget_memberships_of(actor: User, membership: Membership) -> None:
    # The member's user object is only held here if the caller loaded it (by the access
    # function's select_related); loading it just to forget nothing would be a query.
    member = membership.user if Membership.user.is_cached(membership) else None
    forget_memberships(actor, member)


def _other_admins(membership: Membership) -> bool:
    return (
        Membership.objects.filter(organisation=membership.organisation, role=Role.ADMIN)
        .exclude(pk=membership.pk)
        .exists()
    )


@transaction.atomic
def change_role(*, actor: User, membership: Membership, role: str) -> Membership:
    if not can_administer(actor, membership.organisation):
        raise PermissionDenied(_("Only an administrator of this organisation can change roles."))
    if role not in Role.values:
        raise InvalidInput(_("Choose a role."), fields={"role": [_("Choose a role.")]})
    if membership.role == Role.ADMIN and role != Role.ADMIN and not _other_admins(membership):
        raise Conflict(_("An organisation needs at least one administrator."),
                       code=ErrorCode.LAST_ADMIN,
                       fields={"role": [_("Make someone else an administrator first.")]})
    old = membership.role
    membership.role = role
    membership.save(update_fields=["role"])
    audit.record(actor=actor, action=audit.Action.MEMBERSHIP_CHANGE_ROLE, obj=membership,
                 organisation_id=membership.organisation_id, old={"role": old},
                 new={"role": role})
    _forget_memberships_of(actor, membership)
    return membership


@transaction.atomic
def remove_member(*, actor: User, membership: Membership) -> None:
    if not can_administer(actor, membership.organisation):
        raise PermissionDenied(_("Only an administrator of this organisation can remove members."))
    if membership.role == Role.ADMIN and not _other_admins(membership):
        raise Conflict(_("An organisation needs at least one administrator."),
                       code=ErrorCode.LAST_ADMIN)
    audit.record(actor=actor, action=audit.Action.MEMBERSHIP_DELETE, obj=membership,
                 organisation_id=membership.organisation_id,
                 old={"user": membership.user.email, "role": membership.role})
    membership.delete()
    _forget_memberships_of(actor, membership)


def invitation_url(token: str) -> str:
    return settings.SITE_URL + reverse("accounts:accept-invitation", args=[token])


@transaction.atomic
def invite_member(
    *, actor: User, organisation: Organisation, email: str, role: str
) -> tuple[Invitation, str]:
    """Create an invitation and email its link; returns the invitation and its token."""
    require_user(actor)
    if not can_administer(actor, organisation):
        raise PermissionDenied(_("Only an administrator of this organisation can invite people."))
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise InvalidInput(_("Enter an email address like name@example.org."),
                           fields={"email": [_("Enter an email address like name@example.org.")]}
                           ) from None
    if role not in Role.values:
        raise InvalidInput(_("Choose a role."), fields={"role": [_("Choose a role.")]})
    if Membership.objects.filter(organisation=organisation, user__email=email).exists():
        raise Conflict(_("%(email)s is already a member of %(organisation)s.") % {
                           "email": email, "organisation": organisation},
                       code=ErrorCode.ALREADY_MEMBER,
                       fields={"email": [_("This person is already a member.")]})
    token = new_secret("inv")
    # Written in the language of the page the administrator invites from.
    language = translation.get_language()
    invitation = Invitation.objects.create(
        organisation=organisation, email=email, role=role, token_hash=hash_secret(token),
        invited_by=actor,
        expires_at=timezone.now() + datetime.timedelta(days=settings.INVITATION_DAYS),
        language=language if language in Language.values else Language.ENGLISH,
    )
    audit.record(actor=actor, action=audit.Action.INVITATION_CREATE, obj=invitation,
                 organisation_id=organisation.pk, new={"email": email, "role": role})
    # Written, and linked, in the language of the page the administrator invites from.
    with translation.override(invitation.language):
        context = {"invitation": invitation, "url": invitation_url(token), "inviter": actor,
                   "days": settings.INVITATION_DAYS}
    mail.queue_email(kind="accounts.invitation", to=email,
                     subject=lambda: _("You are invited to join %(organisation)s on Common Ground")
                     % {"organisation": organisation},
                     template="accounts/email/invitation.txt", context=context,
                     language=invitation.language)
    return invitation, token


@transaction.atomic
def revoke_invitation(*, actor: User, invitation: Invitation) -> Invitation:
    if not can_administer(actor, invitation.organisation):
        raise PermissionDenied(_("Only an administrator of this organisation can do this."))
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    audit.record(actor=actor, action=audit.Action.INVITATION_REVOKE, obj=invitation,
                 organisation_id=invitation.organisation_id)
    return invitation


def open_invitation(token: str) -> Invitation:
    invitation = (
        Invitation.objects.select_related("organisation")
        .filter(token_hash=hash_secret(token))
        .first()
    )
    if invitation is None or not invitation.is_open:
        raise not_found(_("open invitation"))
    return invitation


@transaction.atomic
def accept_invitation(
    *, token: str, user: Visitor | None = None, full_name: str = "", password: str = "",
    language: str = Language.ENGLISH,
) -> User:
    """Accept as the signed-in user, or create the invited person's account.

    The account's email is the invitation's: whoever holds the link proves they
    receive that address's mail. A new account takes ``language``, the language of the
    page the invitation was accepted on.
    """
    invitation = open_invitation(token)
    if user is not None and user.is_authenticated:
        if user.email.lower() != invitation.email:
            raise PermissionDenied(
                _("This invitation is for %(email)s. Sign out and open the link again.")
                % {"email": invitation.email}
            )
        member = user
    else:
        if User.objects.filter(email=invitation.email).exists():
            raise Conflict(_("You already have an account. Sign in, then open the link again."))
        errors: dict[str, list[str]] = {}
        if not full_name.strip():
            errors["full_name"] = [_("Enter your full name.")]
        candidate = User(email=invitation.email, full_name=full_name.strip())
        try:
            validate_password(password, candidate)
        except ValidationError as exc:
            errors["password"] = list(exc.messages)
        if errors:
            raise InvalidInput(_("Check your details."), fields=errors)
        member = User.objects.create_user(
            invitation.email, password, full_name=full_name.strip(),
            language=language if language in Language.values else Language.ENGLISH,
        )
        audit.record(actor=member, action=audit.Action.USER_CREATE, obj=member,
                     organisation_id=invitation.organisation_id,
                     new={"email": member.email, "via": "invitation",
                          "language": member.language})
    add_member(actor=member, organisation=invitation.organisation, user=member,
               role=invitation.role)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = member
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    audit.record(actor=member, action=audit.Action.INVITATION_ACCEPT, obj=invitation,
                 organisation_id=invitation.organisation_id)
    return member


@transaction.atomic
def update_profile(*, actor: User, full_name: str) -> User:
    require_user(actor)
    if not full_name.strip():
        message = _("Enter your full name.")
        raise InvalidInput(message, fields={"full_name": [message]})
    old = {"full_name": actor.full_name}
    actor.full_name = full_name.strip()
    actor.save(update_fields=["full_name"])
    audit.record(actor=actor, action=audit.Action.USER_UPDATE, obj=actor, old=old,
                 new={"full_name": actor.full_name})
    return actor


@transaction.atomic
def set_language(*, actor: User, language: str) -> User:
    """The language of the person's pages once signed in, and of their emails."""
    require_user(actor)
    if language not in Language.values:
        raise InvalidInput(_("Choose English or Cymraeg."),
                           fields={"language": [_("Choose English or Cymraeg.")]})
    if actor.language == language:
        return actor
    old = {"language": actor.language}
    actor.language = language
    actor.save(update_fields=["language"])
    audit.record(actor=actor, action=audit.Action.USER_UPDATE, obj=actor, old=old,
                 new={"language": language})
    return actor


@transaction.atomic
def create_api_token(*, actor: User, name: str) -> tuple[ApiToken, str]:
    """Make a token; the secret is returned once and never stored."""
    require_user(actor)
    name = name.strip()
    if not name:
        raise InvalidInput(_("Give the token a name."),
                           fields={"name": [_("Enter a name, like 'Ward dashboard script'.")]})
    secret = new_secret("cg")
    token = ApiToken.objects.create(user=actor, name=name[:100], prefix=secret[:10],
                                    token_hash=hash_secret(secret))
    audit.record(actor=actor, action=audit.Action.API_TOKEN_CREATE, obj=token,
                 new={"name": token.name})
    return token, secret


@transaction.atomic
def revoke_api_token(*, actor: User, token: ApiToken) -> ApiToken:
    if token.user_id != actor.pk:
        raise not_found(_("API token"))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit.record(actor=actor, action=audit.Action.API_TOKEN_REVOKE, obj=token)
    return token


def user_for_api_token(secret: str) -> User | None:
    """The active user behind a token, or None. Records when the token was last used."""
    token = (
        ApiToken.objects.select_related("user")
        .filter(token_hash=hash_secret(secret), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    # At most one write a minute per token, so busy scripts don't turn reads into writes.
    if token.last_used_at is None or now - token.last_used_at > datetime.timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


@transaction.atomic
def create_sharing_agreement(
    *, actor: User | None, owner: Organisation, partner: Organisation, categories: list[str],
    include_contact_details: bool = False, include_assessments: bool = False,
    starts_on: datetime.date, ends_on: datetime.date | None = None, purpose: str = "",
) -> SharingAgreement:
    """The owner's admin (or the system, ``actor=None``) agrees to share with a partner."""
    if actor is not None and not can_administer(actor, owner):
        raise PermissionDenied(_("Only an administrator of the sharing organisation can agree "
                               "to share its data."))
    if owner.pk == partner.pk:
        raise InvalidInput(_("An organisation cannot share with itself."),
                           fields={"partner": [_("Choose another organisation.")]})
    if ends_on is not None and ends_on < starts_on:
        raise InvalidInput(_("The agreement ends before it starts."),
                           fields={"ends_on": [_("Enter a date after the start date.")]})
    agreement = SharingAgreement.objects.create(
        owner=owner, partner=partner, categories=sorted(set(categories)),
        include_contact_details=include_contact_details,
        include_assessments=include_assessments, starts_on=starts_on, ends_on=ends_on,
        purpose=purpose.strip(), created_by=actor if actor is not None else None,
    )
    audit.record(actor=actor, action=audit.Action.SHARING_AGREEMENT_CREATE, obj=agreement,
                 organisation_id=owner.pk,
                 new=audit.snapshot(agreement, ["partner", "categories",
                                                "include_contact_details",
                                                "include_assessments", "starts_on",
                                                "ends_on"]))
    return agreement


@transaction.atomic
def revoke_sharing_agreement(*, actor: User | None, agreement: SharingAgreement
                             ) -> SharingAgreement:
    if actor is not None and not can_administer(actor, agreement.owner):
        raise PermissionDenied(_("Only an administrator of the sharing organisation can end "
                               "this agreement."))
    if agreement.revoked_at is None:
        agreement.revoked_at = timezone.now()
        agreement.save(update_fields=["revoked_at"])
        audit.record(actor=actor, action=audit.Action.SHARING_AGREEMENT_REVOKE, obj=agreement,
                     organisation_id=agreement.owner_id)
    return agreement
