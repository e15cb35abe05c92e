"""``{% alert_text alert as text %}``: what an alert says, in the reader's language."""

from __future__ import annotations

from django import template

from commonground.tensions.alert_text import AlertText, describe
from commonground.tensions.models import Alert

register = template.Library()


@register.simple_tag
def alert_text(alert: Alert) -> AlertText:
    return describe(alert)
