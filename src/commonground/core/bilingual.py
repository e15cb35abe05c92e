"""Records' own words in English and Welsh, shown in the page's language.

A model keeps the Welsh of a field ``f`` beside it in ``f_cy``. A page in Welsh shows the
Welsh when there is some; otherwise the English, marked ``lang="en"`` so a screen reader
pronounces it as English. The library, plans, assessments and surveys all show their
records through ``shown`` (templates: ``{% load bilingual_text %}{{ obj|text:"title" }}``).
"""

from __future__ import annotations

from typing import Any

from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import SafeString

WELSH = "cy"


def welsh_wanted() -> bool:
    return (translation.get_language() or "").split("-")[0] == WELSH


def _get(obj: Any, field: str) -> Any:
    """A field of a record, or a key of a mapping (a point in a record's details)."""
    return obj.get(field) if isinstance(obj, dict) else getattr(obj, field, None)


def welsh(obj: Any, field: str) -> Any:
    return _get(obj, f"{field}_cy") or None


def shown(obj: Any, field: str) -> tuple[Any, bool]:
    """What the page shows for ``obj.field`` (or ``obj[field]``) in the active language,
    and whether it is English on a Welsh page (to be marked ``lang="en"``)."""
    english = _get(obj, field)
    if not welsh_wanted():
        return english, False
    found = welsh(obj, field)
    if found:
        return found, False
    return english, bool(english)


def mark(value: Any, english: bool) -> SafeString:
    """``value`` escaped, in a ``<span lang="en">`` when it is English on a Welsh page."""
    if english:
        return format_html('<span lang="en">{}</span>', value)
    return format_html("{}", value)
