"""User-written Markdown renders as harmless HTML, whatever tricks the text tries.

``dangerous_parts`` reads HTML the way a browser would and lists anything that could
run script or load content; the forums' page tests use it on whole pages too.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from commonground.core.markdown import plain_text, render, sanitise_html

SAFE_SCHEMES = {"", "http", "https", "mailto"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "srcdoc",
                  "background", "poster", "cite"}
ACTIVE_TAGS = {"script", "iframe", "object", "embed", "svg", "math", "style", "link",
               "meta", "base", "form", "img", "frame", "frameset", "template", "video",
               "audio", "input", "button", "textarea", "select"}


def _scheme(url: str) -> str:
    # Browsers drop ASCII tabs and newlines and leading controls/spaces before parsing.
    cleaned = re.sub(r"[\t\n\r]", "", html.unescape(url)).lstrip("\x00\x20\x0c")
    return urlsplit(cleaned).scheme.lower()


class _Inspector(HTMLParser):
    def __init__(self, allowed_tags: set[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.allowed_tags = allowed_tags
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ACTIVE_TAGS and tag not in self.allowed_tags:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{tag}[{name}]")
            if name == "style":
                self.problems.append(f"{tag}[style]")
            if name in URL_ATTRIBUTES and value and _scheme(value) not in SAFE_SCHEMES:
                self.problems.append(f"{tag}[{name}={value}]")


def dangerous_parts(markup: str, *, allowed_tags: set[str] | None = None) -> list[str]:
    """Tags, event handlers, styles and URLs in ``markup`` that could run or load anything.

    ``allowed_tags`` names tags the caller expects (a whole page has its own form and
    module script, checked separately).
    """
    inspector = _Inspector(allowed_tags or set())
    inspector.feed(markup)
    inspector.close()
    return inspector.problems


# Each of these, as Markdown, must render without anything active.
ATTACKS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](  javascript:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](&#x6A;&#x61;vascript:alert(1))",
    "[click](java&#x09;script:alert(1))",
    "[click](java\tscript:alert(1))",
    "[click](<javascript:alert(1)>)",
    "<javascript:alert(1)>",
    "[click](vbscript:msgbox(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](data:image/svg+xml,<svg onload=alert(1)>)",
    "![x](javascript:alert(1))",
    "![x](https://evil.example/pixel.png)",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "<iframe src=https://evil.example></iframe>",
    "<svg><script>alert(1)</script></svg>",
    "<svg onload=alert(1)>",
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    "<style>body{background:url(javascript:alert(1))}</style>",
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<div onmouseover="alert(1)">hover</div>',
    "[x](https://example.org \"title\" onclick=alert(1))",
    '[x](https://example.org"onmouseover="alert(1))',
    "<!-- <script>alert(1)</script> -->",
    "<details open ontoggle=alert(1)>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "`<script>alert(1)</script>`",
    "```html\n<script>alert(1)</script>\n```",
    "> <script>alert(1)</script>",
    "- [x](javascript:alert(1))\n- <img src=x onerror=alert(1)>",
    "| a |\n|---|\n| <script>alert(1)</script> |",
]


@pytest.mark.parametrize("text", ATTACKS)
def test_attacks_render_harmlessly(text: str) -> None:
    out = str(render(text))
    assert dangerous_parts(out) == []
    assert "<script" not in out.lower()


# Hostile HTML straight into the sanitiser: the last line of defence must hold alone.
RAW_ATTACKS = [
    '<a href="javascript:alert(1)">x</a>',
    '<a href="  JAVASCRIPT:alert(1)">x</a>',
    '<a href="java&#x09;script:alert(1)">x</a>',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    '<a href="vbscript:x">x</a>',
    '<img src="x" onerror="alert(1)">',
    "<svg><script>alert(1)</script></svg>",
    '<svg><animate onbegin="alert(1)" attributeName="x"/></svg>',
    '<svg><use href="data:image/svg+xml,<svg id=x onload=alert(1)>"/></svg>',
    '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">x</maction></math>',
    "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    '<p onclick="alert(1)" style="color:red" class="evil">x</p>',
    '<a href="https://ok.example" target="_blank" rel="opener">x</a>',
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
    "<template><script>alert(1)</script></template>",
    "<base href=\"javascript:/\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<link rel=stylesheet href=https://evil.example/x.css>",
    "<table background=\"javascript:alert(1)\"><tr><td>x</td></tr></table>",
]


@pytest.mark.parametrize("fragment", RAW_ATTACKS)
def test_the_sanitiser_holds_on_its_own(fragment: str) -> None:
    out = sanitise_html(fragment)
    assert dangerous_parts(out) == []
    assert "<script" not in out.lower()


def test_script_text_is_shown_as_text_not_run() -> None:
    out = str(render("Look: <script>alert(1)</script>"))
    assert out == '<p class="govuk-body">Look: &lt;script&gt;alert(1)&lt;/script&gt;</p>\n'


def test_a_javascript_link_stays_literal_text() -> None:
    out = str(render("[click](javascript:alert(1))"))
    assert out == '<p class="govuk-body">[click](javascript:alert(1))</p>\n'
    assert "<a" not in out


def test_good_links_keep_working_and_get_rel_and_govuk_classes() -> None:
    out = str(render("See [the action](/library/actions/esol-classes/), "
                     "[guidance](https://www.gov.uk/x) and <mail@example.org>."))
    assert ('<a href="/library/actions/esol-classes/" class="govuk-link" '
            'rel="nofollow noopener ugc">the action</a>') in out
    assert 'href="https://www.gov.uk/x"' in out
    assert 'href="mailto:mail@example.org"' in out
    assert out.count('rel="nofollow noopener ugc"') == 3


def test_rel_from_the_input_is_replaced() -> None:
    out = sanitise_html('<a href="https://ok.example" rel="opener" target="_blank">x</a>')
    assert out == ('<a href="https://ok.example" class="govuk-link" '
                   'rel="nofollow noopener ugc">x</a>')


def test_headings_move_below_the_page_headings() -> None:
    out = str(render("# One\n\n## Two\n\n###### Six"))
    assert '<h3 class="govuk-heading-s">One</h3>' in out
    assert '<h4 class="govuk-heading-s">Two</h4>' in out
    assert '<h6 class="govuk-heading-s">Six</h6>' in out
    assert "<h1" not in out and "<h2" not in out


def test_lists_quotes_tables_and_code_render_with_govuk_classes() -> None:
    out = str(render("- a\n- b\n\n1. c\n\n> said\n\n| h |\n|---|\n| v |\n\n`x < y`"))
    assert '<ul class="govuk-list govuk-list--bullet">' in out
    assert '<ol class="govuk-list govuk-list--number">' in out
    assert '<blockquote class="govuk-inset-text">' in out
    assert '<table class="govuk-table">' in out and '<td class="govuk-table__cell">v</td>' in out
    assert "<code>x &lt; y</code>" in out


def test_empty_text_renders_nothing() -> None:
    assert str(render("")) == "" and str(render("  \n ")) == ""


def test_plain_text_has_the_words_without_markup() -> None:
    text = "# Hate crime & reporting\n\n**Third-party** [centres](https://x.example) help."
    assert plain_text(text) == "Hate crime & reporting Third-party centres help."


def test_the_inspector_itself_notices_danger() -> None:
    # A check that could never fail would prove nothing.
    assert dangerous_parts('<a href=" java\tscript:alert(1)">x</a>') == [
        "a[href= java\tscript:alert(1)]"]
    assert dangerous_parts("<img src=x onerror=alert(1)>") == ["<img>", "img[onerror]"]
    assert dangerous_parts("<p style='x'>") == ["p[style]"]
