"""Who may see and act on the background work page: platform administrators only (it
shows the service's workers, scheduled jobs and undelivered email of every council)."""

from __future__ import annotations

from typing import Any

from commonground.core.errors import NotAuthenticated, NotFound


def require_platform_admin(user: Any) -> Any:
    if not user.is_authenticated:
        raise NotAuthenticated("Sign in to see this page.")
    if not user.is_superuser:
        # Not "forbidden": the page's existence is nobody else's business.
        raise NotFound("Page not found.")
    return user
