"""Signing in (locked out per account and address by django-axes: accounts/throttle.py),
signing out, and resetting a forgotten password (limited)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from commonground.accounts import throttle
from commonground.accounts.forms import (
    GovukPasswordResetForm,
    GovukSetPasswordForm,
    SignInForm,
)
from commonground.accounts.landing import landing_page
from commonground.accounts.models import User
from commonground.core import audit, languages
from commonground.core.client_address import client_address


def _next_url(request: HttpRequest, user: User) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return landing_page(user)


def sign_in(request: HttpRequest) -> HttpResponse:
    # A locked-out pair of account and address never reaches the password check:
    # authenticate() answers None and AxesMiddleware replaces the page with locked_out().
    form = SignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"].lower()
        user = authenticate(request, email=email, password=form.cleaned_data["password"])
        if user is None:
            form.add_error("email", _("The email address or password is not right."))
        else:
            login(request, user)
            audit.record(actor=user, action=audit.Action.USER_SIGN_IN, obj=user)
            # The account's language holds from here on, on this browser too.
            response = redirect(_next_url(request, user))
            languages.remember(response, user.language)
            return response
    return render(request, "accounts/sign_in.html",
                  {"form": form, "next": request.GET.get("next", "")})


def locked_out(request: HttpRequest, original_response: HttpResponse | None = None,
               credentials: dict[str, Any] | None = None) -> HttpResponse:
    """The answer to a sign-in from a locked-out account and address
    (``AXES_LOCKOUT_CALLABLE``): the sign-in page with the reason, 429 and Retry-After."""
    seconds = settings.SIGN_IN_WINDOW_SECONDS
    minutes = seconds // 60
    form = SignInForm(request.POST or None)
    form.is_valid()
    form.add_error(None, ngettext(
        "Too many failed attempts to sign in to this account from your connection. Wait "
        "%(minutes)s minute, or reset your password.",
        "Too many failed attempts to sign in to this account from your connection. Wait "
        "%(minutes)s minutes, or reset your password.", minutes) % {"minutes": minutes})
    response = render(request, "accounts/sign_in.html",
                      {"form": form, "next": request.POST.get("next", "")}, status=429)
    response["Retry-After"] = str(seconds)
    return response


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.success(request, _("You have signed out."))
    return redirect("core:home")


class PasswordResetView(auth_views.PasswordResetView):
    form_class = GovukPasswordResetForm
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password-reset-sent")

    def form_valid(self, form: GovukPasswordResetForm) -> HttpResponse:
        # Past the limit the same page follows and nothing is sent (accounts/throttle.py).
        if throttle.reset_email_allowed(form.cleaned_data["email"], client_address(self.request)):
            return super().form_valid(form)
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetSentView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_sent.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = GovukSetPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password-reset-complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"
