"""``{% once "name" key ... %}…{% fresh %}…{% endfresh %}…{% endonce %}``: a part of a
template rendered once per process for each value of what it depends on.

The shared layout (header, service navigation, phase banner, footer) was a third of a
simple page's CPU time: some twenty URL reversals and forty translations, the same on
every request for the same reader. ``once`` keeps its rendered text per process, under
``name``, the values of the ``key`` expressions, the active language and the script
prefix (the URLs inside depend on both). What the part shows must depend on nothing
else: put every context value it reads in the key. A ``{% fresh %}`` block inside is
rendered on every request (a CSRF token, the page's own address), even within a kept
part; it may sit inside ``{% if %}`` or ``{% for %}`` tags of the part, whose outcome the
key then decides.

Entries are forgotten when a setting changes (tests' ``override_settings``) and with
``core.stamped.clear_all``; memory is bounded by ``StampedValues``. A ``{% block %}``
may not sit inside, since a child template's block would be kept for every page.
"""

from __future__ import annotations

import re
import secrets
from typing import Any

from django import template
from django.core.signals import setting_changed
from django.template.base import FilterExpression, Node, NodeList, Parser, Token
from django.template.context import Context
from django.template.loader_tags import BlockNode
from django.urls import get_script_prefix
from django.utils import translation
from django.utils.safestring import SafeString

from commonground.core.stamped import StampedValues

register = template.Library()

# Where a fresh block goes in a kept text: unguessable, so no text shown in the part
# can be taken for it.
_MARK = f"\x00fresh-{secrets.token_hex(8)}-"
_HOLE = re.compile(re.escape(_MARK) + r"(\d+)\x00")
_COLLECTING = "core.once.collecting"

# A part is a tuple: its text before the first fresh block, then each fresh block
# followed by the text after it.
Parts = tuple[object, ...]
_kept: StampedValues[tuple[object, ...], Parts] = StampedValues(max_keys=1000)


class FreshNode(Node):
    child_nodelists = ("nodelist",)

    def __init__(self, nodelist: NodeList) -> None:
        self.nodelist = nodelist

    def render(self, context: Context) -> str:
        holes: list[FreshNode] | None = context.render_context.get(_COLLECTING)
        if holes is None:
            return self.nodelist.render(context)
        holes.append(self)
        return f"{_MARK}{len(holes) - 1}\x00"


class OnceNode(Node):
    # The blocks a child template overrides are never looked for inside (none may be).
    child_nodelists = ()

    def __init__(self, name: str, keys: list[FilterExpression], nodelist: NodeList) -> None:
        self.name, self.keys, self.nodelist = name, keys, nodelist

    def render(self, context: Context) -> SafeString:
        key = (self.name, translation.get_language(), get_script_prefix(),
               *(expression.resolve(context) for expression in self.keys))
        parts = _kept.get(key, None, lambda: self._parts(context))
        if len(parts) == 1:
            return SafeString(parts[0])
        out = [str(parts[0])]
        for i in range(1, len(parts), 2):
            node = parts[i]
            assert isinstance(node, FreshNode)
            out.append(node.nodelist.render(context))
            out.append(str(parts[i + 1]))
        return SafeString("".join(out))

    def _parts(self, context: Context) -> Parts:
        holes: list[FreshNode] = []
        with context.render_context.push(**{_COLLECTING: holes}):
            text = self.nodelist.render(context)
        pieces = _HOLE.split(text)
        # split gives text, index, text, index, ..., text
        return tuple(holes[int(piece)] if i % 2 else piece for i, piece in enumerate(pieces))


def _nodelist(parser: Parser, end: str) -> NodeList:
    nodelist = parser.parse((end,))
    parser.delete_first_token()
    return nodelist


@register.tag("once")
def once(parser: Parser, token: Token) -> OnceNode:
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "\"'" or bits[1][-1] != bits[1][0]:
        raise template.TemplateSyntaxError('usage: {% once "name" key ... %}')
    nodelist = _nodelist(parser, "endonce")
    if nodelist.get_nodes_by_type(BlockNode):
        raise template.TemplateSyntaxError("{% once %} may not hold a {% block %}")
    return OnceNode(bits[1][1:-1], [parser.compile_filter(b) for b in bits[2:]], nodelist)


@register.tag("fresh")
def fresh(parser: Parser, token: Token) -> FreshNode:
    return FreshNode(_nodelist(parser, "endfresh"))


def forget(**_: Any) -> None:
    """Render every part again (a setting changed, so the text might)."""
    _kept.clear()


setting_changed.connect(forget, dispatch_uid="core.once.forget")
