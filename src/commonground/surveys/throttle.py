"""Rate limits on the public questionnaire, per network address: invitation codes typed
(so codes cannot be guessed by trying many) and responses sent to open waves (so one
person cannot stuff an open survey)."""

from __future__ import annotations

from django.http import HttpRequest

from commonground.core import ratelimit
from commonground.core.client_address import client_address

CODE_SCOPE = "surveys-code"
CODE_ATTEMPTS = 10
CODE_WINDOW_SECONDS = 15 * 60
OPEN_SCOPE = "surveys-open"
OPEN_RESPONSES = 10
OPEN_WINDOW_SECONDS = 60 * 60


def code_attempt_refused(request: HttpRequest) -> bool:
    """Count one code typed from this address; true once it has typed more than
    ``CODE_ATTEMPTS`` in the window (right or wrong: a household needs one or two)."""
    return ratelimit.hit(CODE_SCOPE, client_address(request),
                         window_seconds=CODE_WINDOW_SECONDS) > CODE_ATTEMPTS


def open_response_refused(request: HttpRequest) -> bool:
    """Count one response to an open wave from this address against its allowance."""
    return ratelimit.hit(OPEN_SCOPE, client_address(request),
                         window_seconds=OPEN_WINDOW_SECONDS) > OPEN_RESPONSES
