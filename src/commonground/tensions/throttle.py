"""Rate limits on the public report routes (form, private link, API), per network address."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from commonground.core import ratelimit

SCOPE = "tensions-report"


def client_ip(request: HttpRequest) -> str:
    # Behind a proxy, REMOTE_ADDR is the proxy; the deployment guide has the proxy set it.
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def over_limit(request: HttpRequest) -> bool:
    """Count this submission against the address's hourly allowance.

    ``settings.REPORT_RATE_LIMIT`` (environment ``REPORT_RATE_LIMIT``) is the number
    allowed per hour; 0 turns the limit off, as the intake benchmark needs.
    """
    limit = settings.REPORT_RATE_LIMIT
    if limit <= 0:
        return False
    return ratelimit.hit(SCOPE, client_ip(request), window_seconds=3600) > limit
