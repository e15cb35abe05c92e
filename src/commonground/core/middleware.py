"""Security headers for every response, domain errors turned into pages or JSON, the
service's own error pages in development too, and readers who chose Welsh sent to the
Welsh address of the page they asked for."""

from __future__ import annotations

import functools
from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.utils import translation

from commonground.core import languages
from commonground.core.errors import DomainError

# No inline script or style anywhere: scripts and styles come only from our own origin.
# Images also from the map tiles' host, and only when a tile address is configured.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


def tile_source(tile_url: str) -> str:
    """The CSP source of a tile address: its scheme and host, Leaflet's ``{s}`` (the
    subdomain placeholder) as a wildcard; empty for no address or one that is not http(s)."""
    parts = urlsplit(tile_url.replace("{s}", "tiles-subdomain"))
    if parts.scheme not in ("https", "http") or not parts.hostname:
        return ""
    host = parts.netloc.replace("tiles-subdomain", "*")
    return f"{parts.scheme}://{host}"


@functools.cache
def content_security_policy(tile_url: str) -> str:
    source = tile_source(tile_url)
    if not source:
        return CONTENT_SECURITY_POLICY
    return CONTENT_SECURITY_POLICY.replace("img-src 'self' data:",
                                           f"img-src 'self' data: {source}")
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(self), payment=(), usb=()"


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy",
                                    content_security_policy(settings.MAP_TILE_URL))
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


def is_api_request(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def render_domain_error(request: HttpRequest, error: DomainError) -> HttpResponse:
    if is_api_request(request):
        return JsonResponse(error.as_json(), status=error.status, headers=error.headers)
    response = TemplateResponse(
        request, "core/error.html", {"error": error, "status": error.status}, status=error.status,
        headers=error.headers,
    )
    return response.render()


class DomainErrorMiddleware:
    """A ``DomainError`` escaping a view becomes a styled page (or the API's JSON)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, DomainError):
            return render_domain_error(request, exception)
        return None


# Django's debug pages for a missing page and a failure (technical_404.html and
# technical_500.html) carry this tag; the service's own pages never do.
DEBUG_PAGE_MARK = b'<meta name="robots" content="NONE,NOARCHIVE">'


class ServiceErrorPagesMiddleware:
    """With DEBUG on (the demo), Django answers a missing page or a failure with its debug
    page: URL patterns, settings, a traceback. The demo is where councils and residents
    try the service, so it shows the service's own 404 and 500 pages in the reader's
    language, as production does; the traceback is still in the server's log."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if settings.DEBUG and response.status_code in (404, 500) and _is_debug_page(response):
            from commonground.core import views  # views import this module

            if response.status_code == 404:
                return views.page_not_found(request)
            return views.server_error(request)
        return response


def _is_debug_page(response: HttpResponse) -> bool:
    return (not response.streaming and response.get("Content-Type", "").startswith("text/html")
            and DEBUG_PAGE_MARK in response.content)


class PreferredLanguageMiddleware:
    """A reader who chose Welsh and asks for a page's English address (a bookmark, a link
    in an email, the home page) is sent to its Welsh address.

    Only that way round: a Welsh address is always honoured, so a link someone shares in
    Welsh stays Welsh. The language navigation changes the choice (accounts.views.language).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        if (
            chosen == languages.WELSH
            and request.method in ("GET", "HEAD")
            and not translation.get_language_from_path(request.path_info)
            and languages.has_versions(request.path_info)
        ):
            target = languages.path_in(request.get_full_path(), languages.WELSH)
            return HttpResponseRedirect(target)
        return self.get_response(request)
