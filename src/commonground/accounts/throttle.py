"""Sign-in lockouts (django-axes) and the limit on password-reset emails.

Lockouts count failed sign-ins per *pair* of account and network address
(``AXES_LOCKOUT_PARAMETERS`` in settings.py): someone guessing a person's password from
their own connection locks only that pair, so the owner signing in from home or the
office is never locked out by a stranger, and the stranger's next guesses wait.
The address is the client's behind the trusted proxies (core/client_address.py).

Password-reset emails are limited per account and per address in an hour: past either
limit the page answers exactly as before but sends nothing, so the form can neither
flood someone's inbox nor tell an attacker that it stopped.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from commonground.core import ratelimit

RESET_SCOPE = "password-reset"
RESET_WINDOW_SECONDS = 60 * 60


def username_of(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """The account a sign-in attempt names, as axes counts it (``AXES_USERNAME_CALLABLE``):
    our form's ``email``, or the admin's ``username``, in one case."""
    credentials = credentials or {}
    raw = (credentials.get("email") or credentials.get("username")
           or request.POST.get("email") or request.POST.get("username") or "")
    return str(raw).strip().lower()


def reset_email_allowed(email: str, address: str) -> bool:
    """Count one more reset request; whether its email may go."""
    by_account = ratelimit.hit(RESET_SCOPE, f"email:{email.strip().lower()}",
                               window_seconds=RESET_WINDOW_SECONDS)
    by_address = ratelimit.hit(RESET_SCOPE, f"ip:{address}", window_seconds=RESET_WINDOW_SECONDS)
    return (by_account <= settings.PASSWORD_RESET_EMAILS_PER_ACCOUNT
            and by_address <= settings.PASSWORD_RESET_EMAILS_PER_ADDRESS)
