"""Throttling failed sign-ins, by account and by network address."""

from __future__ import annotations

from django.conf import settings

from commonground.core import ratelimit

SCOPE = "sign-in"


def _idents(email: str, ip: str) -> list[str]:
    return [f"email:{email.strip().lower()}", f"ip:{ip}"]


def sign_in_blocked(email: str, ip: str) -> bool:
    return any(
        ratelimit.is_limited(SCOPE, ident, limit=settings.SIGN_IN_MAX_FAILURES)
        for ident in _idents(email, ip)
    )


def record_failure(email: str, ip: str) -> None:
    for ident in _idents(email, ip):
        ratelimit.hit(SCOPE, ident, window_seconds=settings.SIGN_IN_WINDOW_SECONDS)


def record_success(email: str) -> None:
    ratelimit.reset(SCOPE, f"email:{email.strip().lower()}")
