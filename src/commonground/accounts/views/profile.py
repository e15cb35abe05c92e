"""The profile page: your details, your organisations, your API tokens."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from commonground.accounts import access, selectors, services
from commonground.accounts.forms import ApiTokenForm, ProfileForm
from commonground.accounts.types import SignedInRequest
from commonground.core.errors import DomainError
from commonground.core.form_actions import posted_to_from
from commonground.core.forms import apply_domain_error


def _render(request: SignedInRequest, **extra: object) -> HttpResponse:
    user = request.user
    context = {
        "memberships": selectors.memberships_of(request.user),
        "tokens": selectors.api_tokens_of(request.user),
        "can_read_audit_log": access.can_read_audit_log(user),
        "profile_form": ProfileForm(initial={"full_name": user.get_full_name()}),
        "token_form": ApiTokenForm(),
        **extra,
    }
    return render(request, "accounts/profile.html", context)


@login_required
def profile(request: SignedInRequest) -> HttpResponse:
    return _render(request)


@login_required
@posted_to_from("accounts:profile")
def update_profile(request: SignedInRequest) -> HttpResponse:
    form = ProfileForm(request.POST)
    if form.is_valid():
        try:
            services.update_profile(actor=request.user, full_name=form.cleaned_data["full_name"])
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("Your name has been saved."))
            return redirect("accounts:profile")
    return _render(request, profile_form=form)


@login_required
@posted_to_from("accounts:profile")
def create_token(request: SignedInRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST)
    if form.is_valid():
        try:
            token, secret = services.create_api_token(
                actor=request.user, name=form.cleaned_data["name"]
            )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            # Shown in this response only: the secret is never stored or shown again.
            return _render(request, new_token=token, new_secret=secret)
    return _render(request, token_form=form)


@login_required
@posted_to_from("accounts:profile")
def revoke_token(request: SignedInRequest, token_id: int) -> HttpResponse:
    token = access.get_api_token_for_user(request.user, token_id, write=True)
    services.revoke_api_token(actor=request.user, token=token)
    messages.success(request, _("The token ‘%(name)s’ has been revoked.") % {"name": token.name})
    return redirect("accounts:profile")
