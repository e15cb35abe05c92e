"""An organisation's page: its members, and for its admins, invitations and roles."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from commonground.accounts import access, selectors, services
from commonground.accounts.backends import BACKEND
from commonground.accounts.forms import AcceptInvitationForm, InviteForm, RoleForm
from commonground.accounts.models import Role
from commonground.accounts.types import SignedInRequest
from commonground.core import languages
from commonground.core.errors import DomainError
from commonground.core.forms import apply_domain_error


def _render(request: HttpRequest, slug: str, **extra: object) -> HttpResponse:
    organisation = access.get_organisation_for_user(request.user, slug)
    is_admin = access.can_administer(request.user, organisation)
    context = {
        "organisation": organisation,
        "members": selectors.members_of(organisation),
        "is_admin": is_admin,
        "invitations": selectors.open_invitations_of(organisation) if is_admin else [],
        "invite_form": InviteForm(),
        "roles": Role.choices,
        **extra,
    }
    return render(request, "accounts/organisation.html", context)


@login_required
def organisation_detail(request: SignedInRequest, slug: str) -> HttpResponse:
    return _render(request, slug)


@login_required
@require_POST
def welsh_setting(request: SignedInRequest, slug: str) -> HttpResponse:
    """An organisation's admin turns 'Welsh required before publishing' on or off."""
    organisation = access.get_organisation_for_user(request.user, slug, write=True)
    required = request.POST.get("welsh_required") == "on"
    services.set_welsh_required(actor=request.user, organisation=organisation, required=required)
    messages.success(request, _("The library now publishes your organisation’s contributions "
                                "only with a Welsh title and summary.") if required else
                     _("The library now publishes your organisation’s contributions without "
                       "requiring Welsh."))
    return redirect("accounts:organisation", slug=slug)


@login_required
@require_POST
def invite(request: SignedInRequest, slug: str) -> HttpResponse:
    organisation = access.get_organisation_for_user(request.user, slug, write=True)
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            invitation, _token = services.invite_member(
                actor=request.user, organisation=organisation,
                email=form.cleaned_data["email"], role=form.cleaned_data["role"],
            )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("We have emailed an invitation to %(email)s.")
                             % {"email": invitation.email})
            return redirect("accounts:organisation", slug=slug)
    return _render(request, slug, invite_form=form)


@login_required
@require_POST
def revoke_invitation(request: SignedInRequest, invitation_id: int) -> HttpResponse:
    invitation = access.get_invitation_for_user(request.user, invitation_id, write=True)
    services.revoke_invitation(actor=request.user, invitation=invitation)
    messages.success(request, _("The invitation to %(email)s has been withdrawn.")
                     % {"email": invitation.email})
    return redirect("accounts:organisation", slug=invitation.organisation.slug)


@login_required
@require_POST
def change_role(request: SignedInRequest, membership_id: int) -> HttpResponse:
    membership = access.get_membership_for_user(request.user, membership_id, write=True)
    form = RoleForm(request.POST)
    slug = membership.organisation.slug
    if form.is_valid():
        try:
            services.change_role(actor=request.user, membership=membership,
                                 role=form.cleaned_data["role"])
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("%(person)s is now %(role)s.") % {
                "person": membership.user, "role": membership.get_role_display()})
    return redirect("accounts:organisation", slug=slug)


@login_required
@require_POST
def remove_member(request: SignedInRequest, membership_id: int) -> HttpResponse:
    membership = access.get_membership_for_user(request.user, membership_id, write=True)
    slug = membership.organisation.slug
    try:
        services.remove_member(actor=request.user, membership=membership)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("%(person)s has been removed.")
                         % {"person": membership.user})
    return redirect("accounts:organisation", slug=slug)


def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    invitation = services.open_invitation(token)
    signed_in = request.user.is_authenticated
    form = AcceptInvitationForm(request.POST or None) if not signed_in else None
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            user = services.accept_invitation(
                token=token, user=request.user,
                full_name=form.cleaned_data["full_name"] if form else "",
                password=form.cleaned_data["password"] if form else "",
                language=translation.get_language(),
            )
        except DomainError as error:
            if form is None:
                raise
            apply_domain_error(form, error)
        else:
            if not signed_in:
                login(request, user, backend=BACKEND)
            messages.success(request, _("You have joined %(organisation)s.")
                             % {"organisation": invitation.organisation})
            response = redirect("accounts:organisation", slug=invitation.organisation.slug)
            languages.remember(response, user.language)
            return response
    return render(request, "accounts/accept_invitation.html",
                  {"invitation": invitation, "form": form})
