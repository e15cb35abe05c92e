"""Values every page needs: service name, phase, the navigation that exists, and the
page's language with links to the same page in the other language."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from commonground.core import languages as lang

# The sections of the service, in header order: (label, URL name, who sees it). A
# section appears in the header only once its app is installed and its index page
# exists, so the header never links to a page that is not there. Sections whose pages
# are for people with an account are not offered to visitors, who would only be sent
# to sign in; visitors get the residents' starts instead.
EVERYONE, VISITORS, SIGNED_IN = "everyone", "visitors", "signed-in"
SECTIONS = [
    (_("Report an incident"), "tensions-public:start", VISITORS),
    (_("Areas"), "places:index", EVERYONE),
    (_("Tensions"), "tensions:index", SIGNED_IN),
    (_("Plans"), "plans:index", EVERYONE),
    (_("Surveys"), "surveys:index", EVERYONE),
    (_("Impact assessments"), "assessments:index", SIGNED_IN),
    (_("Library"), "library:index", EVERYONE),
    (_("Forums"), "forums:index", SIGNED_IN),
    (_("Find help"), "core:help", VISITORS),
]
PHASES = {"alpha": _("Alpha"), "beta": _("Beta"), "live": _("Live")}


def navigation(path: str, signed_in: bool = False) -> list[dict[str, Any]]:
    items = []
    for label, name, audience in SECTIONS:
        if audience == (VISITORS if signed_in else SIGNED_IN):
            continue
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
        "service_phase_label": PHASES.get(settings.SERVICE_PHASE.lower(),
                                          capfirst(settings.SERVICE_PHASE)),
        "feedback_email": settings.FEEDBACK_EMAIL,
        "navigation": navigation(request.path, request.user.is_authenticated
                                 if hasattr(request, "user") else False),
    }


def languages(request: HttpRequest) -> dict[str, Any]:
    """For pages that exist in both languages: each language's address of this page
    (``alternates``, for ``<link rel="alternate" hreflang>``) and the language navigation's
    links, which remember the choice on the way."""
    current = translation.get_language() or settings.LANGUAGE_CODE
    context: dict[str, Any] = {}
    path = request.get_full_path()
    if not lang.has_versions(request.path_info):
        return context
    context["alternates"] = [
        {"hreflang": lang.HTML_LANG[code], "href": settings.SITE_URL + lang.path_in(path, code)}
        for code in lang.Language.values
    ]
    context["language_navigation"] = [
        {
            "code": code,
            "lang": lang.HTML_LANG[code],
            "name": name,
            "current": code == current,
            "url": reverse("switch-language", args=[code]) + "?" + urlencode({"next": path}),
        }
        for code, name in lang.Language.choices
    ]
    return context
