"""The layout's kept parts (``{% once %}``): every persona sees exactly what a fresh
rendering shows, and a change of what a part depends on shows at once."""

from __future__ import annotations

import re

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.test import Client, override_settings

from commonground.core import stamped
from commonground.core.templatetags import once
from tests.personas import World

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "resident", "officer_a", "org_admin_a", "officer_b", "partner",
            "moderator", "admin"]
PAGES = ["/", "/cy/", "/plans/", "/cy/plans/", "/library/", "/areas/", "/help/",
         "/no-such-page/", "/tensions/"]


def _page(client: Client, path: str) -> str:
    html = client.get(path).content.decode()
    # Each response masks the CSRF token afresh.
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "csrf", html)


def _header(html: str) -> str:
    return html[html.index("<header>"):html.index("</header>")]


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_persona_sees_what_a_fresh_rendering_shows(world: World, persona: str) -> None:
    client = Client()
    if persona != "anonymous":
        client.force_login(world[persona])
    for path in PAGES:
        once.forget()
        stamped.clear_all()
        fresh = _page(client, path)
        kept = _page(client, path)  # the layout's parts now come from the process
        assert kept == fresh, path
        # And after other readers' parts were kept: a visitor's, a Welsh one, another
        # section's.
        for other in ("/", "/cy/library/", "/plans/"):
            Client().get(other)
        assert _page(client, path) == fresh, path


def test_signing_in_and_out_changes_the_header_at_once(world: World) -> None:
    client = Client()
    assert "Sign in" in _header(_page(client, "/plans/"))
    client.force_login(world["officer_a"])
    header = _header(_page(client, "/plans/"))
    assert "Your account" in header and "Sign in" not in header
    assert 'href="/tensions/"' in header and 'href="/report/"' not in header
    client.post("/account/sign-out/")
    header = _header(_page(client, "/plans/"))
    assert "Sign in" in header and "Your account" not in header
    assert 'href="/tensions/"' not in header


def test_the_header_marks_the_section_the_page_is_in(client: Client) -> None:
    def active(path: str) -> list[str]:
        return re.findall(r'href="([^"]+)" aria-current="true"', _header(_page(client, path)))

    assert active("/plans/") == ["/plans/"]
    assert active("/library/") == ["/library/"]
    assert active("/") == []
    assert active("/cy/library/") == ["/cy/library/"]


def test_the_language_links_name_the_page_they_are_on(client: Client) -> None:
    for path in ("/plans/", "/library/?q=youth"):
        header = _header(client.get(path).content.decode())
        assert "next=" + path.replace("/", "%2F").replace("?", "%3F").replace(
            "=", "%3D") in header


def test_each_sign_out_form_has_its_own_csrf_token(world: World) -> None:
    client = Client()
    client.force_login(world["officer_a"])
    tokens = {re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"',
                        client.get("/plans/").content.decode())[1]  # type: ignore[index]
              for _ in range(3)}
    assert len(tokens) == 3


def test_a_changed_setting_shows_at_once(client: Client) -> None:
    assert "Common Ground</title>" in client.get("/").content.decode()
    with override_settings(SERVICE_NAME="Tir Cyffredin", FEEDBACK_EMAIL="help@example.org"):
        html = client.get("/").content.decode()
        assert "– Tir Cyffredin</title>" in html and "mailto:help@example.org" in html
    assert "– Common Ground</title>" in client.get("/").content.decode()


def test_a_kept_part_keeps_its_fresh_blocks_fresh() -> None:
    template = Template('{% load once %}{% once "t" key %}<{{ word }}|{% fresh %}{{ word }}'
                        '{% endfresh %}|{% if key %}{% fresh %}{{ n }}{% endfresh %}{% endif %}>'
                        '{% endonce %}')
    assert template.render(Context({"key": 1, "word": "a", "n": 1})) == "<a|a|1>"
    # The kept text is the first reader's; the fresh blocks are each reader's own.
    assert template.render(Context({"key": 1, "word": "b", "n": 2})) == "<a|b|2>"
    assert template.render(Context({"key": 0, "word": "c", "n": 3})) == "<c|c|>"


def test_a_block_may_not_be_kept() -> None:
    with pytest.raises(TemplateSyntaxError):
        Template('{% load once %}{% once "t" %}{% block x %}{% endblock %}{% endonce %}')
