"""Template filters that show a library record's words in the page's language.

``{{ action|text:"title" }}`` is the Welsh title on a Welsh page when there is one, else
the English, marked ``lang="en"`` on a Welsh page; ``plain`` is the same without markup
(for the page title); ``lines`` does it for a list of lines; ``english`` marks English
words (source titles) on a Welsh page; ``lacks_welsh`` says whether a note is due.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString

from commonground.core.bilingual import mark as _mark
from commonground.core.templatetags import bilingual_text
from commonground.library import bilingual

register = template.Library()
register.filter("text", bilingual_text.text)
register.filter("plain", bilingual_text.plain)


@register.filter
def lines(obj: Any, field: str) -> list[SafeString]:
    value, english = bilingual.shown(obj, field)
    return [_mark(line, english) for line in value or []]


@register.filter
def english(value: Any) -> SafeString:
    return _mark(value, bilingual.welsh_wanted() and bool(value))


@register.filter
def lacks_welsh(obj: Any) -> bool:
    return bilingual.lacks_welsh(obj)


@register.filter
def missing_welsh(obj: Any) -> str:
    """The fields with no Welsh, named for the record's editors ("title, summary")."""
    return ", ".join(bilingual.missing_labels(obj))
