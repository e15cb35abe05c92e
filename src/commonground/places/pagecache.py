"""Whole pages kept in Django's cache for visitors who are not signed in.

A council profile is the same for every member of the public, so after the first visit
its whole body is served from the cache (one cache read and the data-version query),
skipping the layout, the access checks and the profile. It is used only when the
request carries no session cookie and no messages cookie: then the visitor is certainly
anonymous and has no flash message waiting, so nothing personal can be in the page or
go missing from it. A page is stored only when rendering it set no cookie and used no
CSRF token (a cached token would be shared by everyone). The key includes the data
version, so a change of data is seen by the very next request.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import translation

# Pages are keyed on the data version (datasets, judgements and the imports of areas),
# so they never go stale through data; the expiry frees the cache of old versions.
PAGE_SECONDS = 60 * 60


def is_public_request(request: HttpRequest) -> bool:
    cookies = request.COOKIES
    return (request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in cookies
            and CookieStorage.cookie_name not in cookies)


def page_key(*parts: str) -> str:
    # Each language's page is its own: the same address parts, another text.
    parts = (translation.get_language() or "", *parts)
    return "places:page:" + hashlib.sha256("|".join(parts).encode()).hexdigest()


def public_page(request: HttpRequest, parts: tuple[str, ...],
                render: Callable[[], HttpResponse]) -> HttpResponse:
    """The page from the cache for an anonymous visitor, else ``render()`` (stored when
    it is safe to share)."""
    if not is_public_request(request):
        return render()
    key = page_key(*parts)
    body = cache.get(key)
    if body is not None:
        return HttpResponse(body)
    response = render()
    if (response.status_code == 200 and not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")):
        cache.set(key, response.content, PAGE_SECONDS)
    return response
