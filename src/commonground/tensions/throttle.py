"""Rate limits on the public report routes (form, private link, API), per network address."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from commonground.core import ratelimit
from commonground.core.client_address import client_address

SCOPE = "tensions-report"


def over_limit(request: HttpRequest) -> bool:
    """Count this submission against the address's hourly allowance.

    ``settings.REPORT_RATE_LIMIT`` (environment ``REPORT_RATE_LIMIT``) is the number
    allowed per hour; 0 turns the limit off, as the intake benchmark needs.
    """
    limit = settings.REPORT_RATE_LIMIT
    if limit <= 0:
        return False
    return ratelimit.hit(SCOPE, client_address(request), window_seconds=3600) > limit
