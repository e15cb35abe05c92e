"""``{% kept fragment %}…{% endkept %}``: a part of a plan's page rendered once per process
while what it shows stays the same.

The plan pages' slow parts (every action with its roll-up, the milestones, the targets'
latest values) were kept in Django's cache; the database cache returned them pickled and
base64-encoded, some 300 kB for a plan of 200 actions, and decoding that was half of a
warm request. Their stamp (``selectors.Fragment``) says exactly when they change, so each
process keeps the rendered text itself (``core.stamped``) while the stamp holds. A process
that has not got it yet takes it from the shared cache, where the first process to render
it put it: under load, rendering a large plan takes seconds, and doing it once per
process put those seconds in front of every worker's first visitors.
"""

from __future__ import annotations

import hashlib

from django import template
from django.core.cache import cache
from django.template.base import FilterExpression, Node, NodeList, Parser, Token
from django.template.context import Context
from django.utils.safestring import SafeString

from commonground.core.stamped import StampedValues
from commonground.plans.selectors import Fragment

register = template.Library()

SHARED_SECONDS = 3600  # past its stamp an entry is never asked for again; this frees it

# A few hundred plans' pages in two languages for two audiences; memory stays bounded
# (StampedValues forgets everything past this and renders again).
_rendered: StampedValues[tuple[str, tuple[object, ...]], SafeString] = StampedValues(
    max_keys=400)


class KeptNode(Node):
    def __init__(self, name: str, fragment: FilterExpression, nodelist: NodeList) -> None:
        self.name, self.fragment, self.nodelist = name, fragment, nodelist

    def render(self, context: Context) -> SafeString:
        fragment = self.fragment.resolve(context)
        if not isinstance(fragment, Fragment):
            raise template.TemplateSyntaxError(f"{{% kept %}} needs a Fragment, not {fragment!r}")
        if fragment.stamp is None:
            return SafeString(self.nodelist.render(context))
        stamp = fragment.stamp

        def shared() -> SafeString:
            key = "plans-kept:" + hashlib.sha256(
                repr((self.name, fragment.key, stamp)).encode()).hexdigest()
            text = cache.get(key)
            if text is None:
                text = SafeString(self.nodelist.render(context))
                cache.set(key, text, SHARED_SECONDS)
            return SafeString(text)

        return _rendered.get((self.name, fragment.key), stamp, shared)


@register.tag("kept")
def kept(parser: Parser, token: Token) -> KeptNode:
    """``{% kept "name" fragment %}``: ``name`` tells the parts of one page apart."""
    bits = token.split_contents()
    if len(bits) != 3 or bits[1][0] not in "\"'" or bits[1][-1] != bits[1][0]:
        raise template.TemplateSyntaxError('usage: {% kept "name" fragment %}')
    nodelist = parser.parse(("endkept",))
    parser.delete_first_token()
    return KeptNode(bits[1][1:-1], parser.compile_filter(bits[2]), nodelist)


def forget() -> None:
    """Render every part again on its next request (tests)."""
    _rendered.clear()
