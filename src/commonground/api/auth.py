"""API authentication: a personal token as ``Authorization: Bearer <token>``.

Tokens are made and revoked on the profile page. Browser sessions are accepted too
for reads, so pages' scripts (maps) can call the API as the signed-in user; ninja
checks CSRF on unsafe methods with session auth.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja.security import APIKeyCookie, HttpBearer

from commonground.accounts.services import user_for_api_token


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = user_for_api_token(token)
        if user is not None:
            request.user = user
        return user


class SessionAuth(APIKeyCookie):
    """The Django session cookie, with CSRF enforced by ninja for unsafe methods."""

    param_name = "sessionid"

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return user
        return None


token_or_session = [TokenAuth(), SessionAuth()]


def anonymous_unless_token_sent(request: HttpRequest) -> Any:
    """The public, for reads open to everyone; but a token that is sent and not valid is
    refused (401) rather than silently treated as anonymous."""
    if request.headers.get("Authorization"):
        return None
    request.user = AnonymousUser()
    return request.user


public_or_token = [*token_or_session, anonymous_unless_token_sent]
