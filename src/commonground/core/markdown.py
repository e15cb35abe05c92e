"""Markdown written by users, turned into HTML that is safe to put in any page.

Two independent layers, so a flaw in one is caught by the other:

1. markdown-it-py (CommonMark) with raw HTML switched off: ``<script>`` in a post is
   text, not a tag, and links with schemes like ``javascript:`` are not made links.
2. nh3 (the Rust ``ammonia`` sanitiser) over the result: only the tags and attributes
   listed below survive, links keep only http, https and mailto (or site-relative)
   addresses, and every link gets ``rel="nofollow noopener ugc"``.

GOV.UK classes are added by the sanitiser itself (``set_tag_attribute_values``), so
no class or attribute from the input ever reaches the page. Headings are moved down
(``#`` becomes ``<h3>`` by default) so that a post never outranks the page's own
headings. Images are not supported: they would let a post load third-party content
(and track its readers); ``![alt](url)`` reads as a link instead.
"""

from __future__ import annotations

import html
import re

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt
from markdown_it.token import Token

ALLOWED_TAGS = frozenset({
    "a", "blockquote", "br", "code", "em", "h3", "h4", "h5", "h6", "hr", "li", "ol",
    "p", "pre", "s", "strong", "table", "tbody", "td", "th", "thead", "tr", "ul",
})
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "a": {"href"},
    "ol": {"start"},
    "th": {"scope"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow noopener ugc"

# GOV.UK Frontend's look, set by the sanitiser on whatever tags remain.
_CLASSES: dict[str, dict[str, str]] = {
    "p": {"class": "govuk-body"},
    "a": {"class": "govuk-link"},
    "ul": {"class": "govuk-list govuk-list--bullet"},
    "ol": {"class": "govuk-list govuk-list--number"},
    "h3": {"class": "govuk-heading-s"},
    "h4": {"class": "govuk-heading-s"},
    "h5": {"class": "govuk-heading-s"},
    "h6": {"class": "govuk-heading-s"},
    "blockquote": {"class": "govuk-inset-text"},
    "table": {"class": "govuk-table"},
    "thead": {"class": "govuk-table__head"},
    "tbody": {"class": "govuk-table__body"},
    "tr": {"class": "govuk-table__row"},
    "th": {"class": "govuk-table__header"},
    "td": {"class": "govuk-table__cell"},
    "hr": {"class": "govuk-section-break govuk-section-break--m govuk-section-break--visible"},
}


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.disable("image")
    return md


_MD = _parser()


def _shift_headings(tokens: list[Token], offset: int) -> None:
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            level = int(token.tag[1:])
            token.tag = f"h{min(max(level + offset, 3), 6)}"


def sanitise_html(fragment: str) -> str:
    """Keep only the allowed tags, attributes and URL schemes of an HTML fragment.

    Exposed (and tested) on its own because it is the last line of defence: it must
    be safe even given hostile HTML, not only markdown-it's output.
    """
    return nh3.clean(
        fragment,
        tags=set(ALLOWED_TAGS),
        # script/style contents are dropped, not shown as text.
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=set(URL_SCHEMES),
        link_rel=LINK_REL,
        strip_comments=True,
        set_tag_attribute_values=_CLASSES,
    )


def render(text: str, *, heading_offset: int = 2) -> SafeString:
    """User-written Markdown as sanitised HTML, safe to mark as such in templates."""
    if not text or not text.strip():
        return mark_safe("")  # noqa: S308 - empty string
    env: dict[str, object] = {}
    tokens = _MD.parse(text, env)
    _shift_headings(tokens, heading_offset)
    unsafe = _MD.renderer.render(tokens, _MD.options, env)
    return mark_safe(sanitise_html(unsafe))  # noqa: S308 - sanitised on the line itself


_SPACE = re.compile(r"\s+")


def plain_text(text: str) -> str:
    """The words of a Markdown text without any markup: for search and email previews."""
    if not text:
        return ""
    rendered = _MD.render(text)
    stripped = nh3.clean(rendered, tags=set(), clean_content_tags={"script", "style"})
    return _SPACE.sub(" ", html.unescape(stripped)).strip()
