"""Values every page needs: service name, phase, and the navigation that exists."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

# The sections of the service, in header order. A section appears in the header only
# once its app is installed and its index page exists, so the header never links to
# a page that is not there.
SECTIONS = [
    ("Areas", "places:index"),
    ("Tensions", "tensions:index"),
    ("Plans", "plans:index"),
    ("Library", "library:index"),
    ("Forums", "forums:index"),
]


def navigation(path: str) -> list[dict[str, Any]]:
    items = []
    for label, name in SECTIONS:
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        items.append({"label": label, "url": url, "active": path.startswith(url)})
    return items


def service(request: HttpRequest) -> dict[str, Any]:
    return {
        "service_name": settings.SERVICE_NAME,
        "service_phase": settings.SERVICE_PHASE,
        "feedback_email": settings.FEEDBACK_EMAIL,
        "navigation": navigation(request.path),
    }
