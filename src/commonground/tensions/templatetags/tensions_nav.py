"""``{% tensions_links as links %}``: the section's links this reader can open."""

from __future__ import annotations

from typing import Any

from django import template

from commonground.tensions.navigation import Link, links_for

register = template.Library()


@register.simple_tag(takes_context=True)
def tensions_links(context: dict[str, Any]) -> list[Link]:
    request = context["request"]
    return links_for(request.user, request.path)
