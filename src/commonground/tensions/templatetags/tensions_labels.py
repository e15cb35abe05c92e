"""``{{ trend|trend_label }}``: an assessment's trend (an English code, as the API and the
CSV give it) in the reader's language."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext_lazy as _

from commonground.core.errors import StrOrPromise

register = template.Library()

TRENDS: dict[str, StrOrPromise] = {
    "first assessment": _("first assessment"), "rising": _("rising"),
    "falling": _("falling"), "steady": _("steady"),
}


@register.filter
def trend_label(trend: str) -> StrOrPromise:
    return TRENDS.get(trend, trend)
