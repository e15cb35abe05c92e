"""The language navigation's links: remember the reader's choice, show them the same page.

A link (not a form), as in the GOV.UK and HMRC language navigation patterns, so it works
everywhere; the choice only changes the language pages and emails are written in.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme

from commonground.accounts import services
from commonground.core import languages


def switch_language(request: HttpRequest, language: str) -> HttpResponse:
    if language not in languages.Language.values:
        raise Http404("No such language")
    target = request.GET.get("next", "")
    if not target or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = redirect(languages.path_in(target, language))
    languages.remember(response, language)
    if request.user.is_authenticated:
        services.set_language(actor=request.user, language=language)
    return response
