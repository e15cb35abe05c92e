"""Two layout patterns every page may use without ``{% load %}`` (a builtin library):

``{% tablebox _("Reports") %}<table class="govuk-table">…</table>{% endtablebox %}``
    A wide table scrolls sideways inside its own box, never the page (no page scrolls
    sideways at 320 px). The box is a labelled region that takes keyboard focus, so it
    can be scrolled without a mouse (WCAG 2.1.1; axe's scrollable-region-focusable).

``{% filters _("Filter reports") %}<form>…</form>{% endfilters %}``
    Filters folded behind a button on small screens, so the results come first on a
    phone: a ``<details>`` element, open until ``core/js/app.mjs`` closes it on a small
    screen (so without JavaScript nothing is hidden); on a tablet or wider the button is
    hidden and the filters always show (``_components.scss``).
"""

from __future__ import annotations

from typing import Any

from django import template
from django.template.base import FilterExpression, NodeList, Parser, Token
from django.utils.html import format_html

register = template.Library()


class _Wrapper(template.Node):
    def __init__(self, label: FilterExpression, nodelist: NodeList, html: str) -> None:
        self.label, self.nodelist, self.html = label, nodelist, html

    def render(self, context: Any) -> str:
        return format_html(self.html, self.label.resolve(context), self.nodelist.render(context))


def _wrapper(parser: Parser, token: Token, html: str) -> _Wrapper:
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError(f"{bits[0]} takes one argument: its label")
    nodelist = parser.parse((f"end{bits[0]}",))
    parser.delete_first_token()
    return _Wrapper(parser.compile_filter(bits[1]), nodelist, html)


@register.tag
def tablebox(parser: Parser, token: Token) -> _Wrapper:
    return _wrapper(parser, token, '<div class="cg-table-box" role="region" '
                                   'aria-label="{}" tabindex="0">{}</div>')


@register.tag
def filters(parser: Parser, token: Token) -> _Wrapper:
    return _wrapper(parser, token, '<details class="govuk-details cg-filters" data-cg-filters '
                                   'open><summary class="govuk-details__summary"><span '
                                   'class="govuk-details__summary-text">{}</span></summary>'
                                   '<div class="govuk-details__text">{}</div></details>')
