"""English and Welsh addresses: a page's counterpart, the reader's remembered choice.

English pages keep their addresses; each has a Welsh twin under ``/cy/`` with the same path
after the prefix. A few addresses have one language only (the API, the admin, static files):
they are the ones that do not resolve under ``/cy/``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.core.signals import setting_changed
from django.db import models
from django.http import HttpResponse
from django.urls import Resolver404, get_urlconf, resolve
from django.utils import translation

from commonground.core.stamped import StampedValues

ENGLISH = "en-gb"
WELSH = "cy"


class Language(models.TextChoices):
    # Each language named in itself, as the language navigation shows it.
    ENGLISH = ENGLISH, "English"
    WELSH = WELSH, "Cymraeg"


# The value of the html lang attribute (BCP 47 casing).
HTML_LANG = {ENGLISH: "en-GB", WELSH: "cy"}


def prefix(language: str) -> str:
    return "" if language == settings.LANGUAGE_CODE else f"/{language}"


def language_of_path(path: str) -> str:
    return translation.get_language_from_path(path) or settings.LANGUAGE_CODE


def bare_path(path: str) -> str:
    """The path without its language prefix: ``/cy/library/`` -> ``/library/``."""
    language = translation.get_language_from_path(path)
    if language and language != settings.LANGUAGE_CODE:
        stripped = path[len(language) + 1:]
        return stripped or "/"
    return path


def path_in(path: str, language: str) -> str:
    return prefix(language) + bare_path(path)


def has_versions(path: str) -> bool:
    """Whether the page at ``path`` exists in both languages (or would, were it found)."""
    if translation.get_language_from_path(path):
        return True
    # Two URL resolutions, asked on every page: kept per process for each address.
    return _versions.get((path, get_urlconf()), None, lambda: _resolves_in_both(path))


_versions: StampedValues[tuple[object, ...], bool] = StampedValues(max_keys=5000)


def _resolves_in_both(path: str) -> bool:
    with translation.override(WELSH):
        try:
            resolve(path_in(path, WELSH))
        except Resolver404:
            pass
        else:
            return True
    # Neither an English-only address (API, admin) nor a page: a "not found" page, which
    # exists in both languages.
    try:
        resolve(path)
    except Resolver404:
        return True
    return False


def _forget(**_: Any) -> None:
    _versions.clear()


setting_changed.connect(_forget, dispatch_uid="core.languages.forget")


def remember(response: HttpResponse, language: str) -> None:
    """Keep the reader's choice of language in the cookie Django's middleware reads."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME, language,
        max_age=settings.LANGUAGE_COOKIE_AGE, path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN, secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY, samesite="Lax",
    )


def language_for(recipient: Any) -> str:
    """The language to write to someone in: their account's choice, else English."""
    chosen = getattr(recipient, "language", "") or settings.LANGUAGE_CODE
    return chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


@contextmanager
def in_language_of(recipient: Any) -> Iterator[str]:
    """Render an email (subject, body, links) in the recipient's language.

    ``with in_language_of(user): body = render_to_string(...)``; links made by ``reverse``
    inside the block carry the ``/cy/`` prefix for Welsh readers.
    """
    language = language_for(recipient)
    with translation.override(language):
        yield language
