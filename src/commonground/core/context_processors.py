"""Values every page needs: service name, phase, the navigation that exists, and the
page's language with links to the same page in the other language.

Every page pays for these, so what is the same for every request (the sections' URLs and
labels in each language, the language switch's address) is worked out once per process
(``core.stamped``, forgotten when a setting changes); a request only marks the section
it is in and puts its own address in the language links.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.signals import setting_changed
from django.http import HttpRequest
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from commonground.core import languages as lang
from commonground.core.stamped import StampedValues

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




@dataclass(frozen=True)
class Section:
    """A link of the header's service navigation (hashable: the layout is kept by it)."""

    label: str
    url: str
    active: bool


# (language, script prefix, URL conf, signed in) -> each section's label and URL.
_sections: StampedValues[tuple[object, ...], tuple[tuple[str, str], ...]] = StampedValues(
    max_keys=64)


def _sections_for(signed_in: bool) -> tuple[tuple[str, str], ...]:
    def read() -> tuple[tuple[str, str], ...]:
        found = []
        for label, name, audience in SECTIONS:
            if audience == (VISITORS if signed_in else SIGNED_IN):
                continue
            try:
                found.append((str(label), reverse(name)))
            except NoReverseMatch:
                continue
        return tuple(found)

    key = (translation.get_language(), get_script_prefix(), get_urlconf(), signed_in)
    return _sections.get(key, None, read)


def navigation(path: str, signed_in: bool = False) -> tuple[Section, ...]:
    return tuple(Section(label, url, path.startswith(url))
                 for label, url in _sections_for(signed_in))


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
            "url": _switch_url(code) + "?" + urlencode({"next": path}),
        }
        for code, name in lang.Language.choices
    ]
    return context


_switch: StampedValues[tuple[object, ...], str] = StampedValues(max_keys=64)


def _switch_url(code: str) -> str:
    """The language switch's address (outside the language prefixes)."""
    return _switch.get((code, get_script_prefix(), get_urlconf()), None,
                       lambda: reverse("switch-language", args=[code]))


def _forget(**_: Any) -> None:
    _sections.clear()
    _switch.clear()


setting_changed.connect(_forget, dispatch_uid="core.context_processors.forget")
