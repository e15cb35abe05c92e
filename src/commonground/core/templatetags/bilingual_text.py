"""``{{ obj|text:"title" }}``: a record's words in the page's language (the Welsh twin
``title_cy`` on a Welsh page when there is one, else the English marked ``lang="en"``);
``plain`` is the same without markup (for a page title or an attribute)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString

from commonground.core import bilingual

register = template.Library()


@register.filter
def text(obj: Any, field: str) -> SafeString:
    value, english = bilingual.shown(obj, field)
    return bilingual.mark(value if value is not None else "", english)


@register.filter
def plain(obj: Any, field: str) -> str:
    value, _ = bilingual.shown(obj, field)
    return "" if value is None else str(value)
