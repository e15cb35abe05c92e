"""English and Welsh addresses, the language navigation, and the reader's remembered choice."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation

from commonground.accounts import services
from commonground.core.models import AuditEvent
from tests.personas import PASSWORD, World

pytestmark = pytest.mark.django_db
COOKIE = settings.LANGUAGE_COOKIE_NAME


def _lang(html: str) -> str:
    match = re.search(r'<html lang="([^"]+)"', html)
    assert match, "no lang on <html>"
    return match.group(1)


def test_english_pages_keep_their_addresses_and_welsh_ones_live_under_cy(client: Client) -> None:
    english = client.get("/library/")
    welsh = client.get("/cy/library/")
    assert english.status_code == welsh.status_code == 200
    assert _lang(english.content.decode()) == "en-GB"
    assert _lang(welsh.content.decode()) == "cy"
    assert "Skip to main content" in english.content.decode()
    assert "Neidio i’r prif gynnwys" in welsh.content.decode()
    assert "Skip to main content" not in welsh.content.decode()


def test_every_page_links_to_its_counterpart_in_the_other_language(client: Client) -> None:
    html = client.get("/cy/library/?q=cydlyniant").content.decode()
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))
    assert alternates == {
        "en-GB": f"{settings.SITE_URL}/library/?q=cydlyniant",
        "cy": f"{settings.SITE_URL}/cy/library/?q=cydlyniant",
    }


def test_the_language_navigation_shows_the_current_language_and_links_to_the_other(
    client: Client,
) -> None:
    html = client.get("/library/").content.decode()
    nav = html[html.index('class="govuk-language-navigation"'):]
    nav = nav[:nav.index("</nav>")]
    assert 'aria-current="true" lang="en-GB">English</span>' in nav
    link = re.search(r'<a class="govuk-language-navigation__link" href="([^"]+)" lang="cy" '
                     r'hreflang="cy"', nav)
    assert link and link.group(1) == "/language/cy/?next=" + quote("/library/", safe="")
    assert "Newid yr iaith i’r Gymraeg" in nav  # the link's purpose, in Welsh, for screen readers


def test_switching_language_keeps_the_reader_on_the_same_page_and_remembers(
    client: Client,
) -> None:
    response = client.get("/language/cy/", {"next": "/library/search/?q=ward"})
    assert response.status_code == 302
    assert response["Location"] == "/cy/library/search/?q=ward"
    assert response.cookies[COOKIE].value == "cy"
    # The English address of any page now leads to its Welsh address...
    again = client.get("/library/?page=2")
    assert again.status_code == 302 and again["Location"] == "/cy/library/?page=2"
    # ...and back again.
    response = client.get("/language/en-gb/", {"next": "/cy/library/"})
    assert response["Location"] == "/library/"
    assert response.cookies[COOKIE].value == "en-gb"
    assert client.get("/library/").status_code == 200


def test_a_welsh_address_is_honoured_whatever_was_chosen(client: Client) -> None:
    client.cookies[COOKIE] = "en-gb"
    response = client.get("/cy/library/")
    assert response.status_code == 200 and _lang(response.content.decode()) == "cy"


def test_the_switch_refuses_to_send_people_off_site_and_unknown_languages(client: Client) -> None:
    response = client.get("/language/cy/", {"next": "https://evil.example/"})
    assert response["Location"] == "/cy/"
    assert client.get("/language/fr/", {"next": "/"}).status_code == 404


def test_english_only_addresses_and_forms_are_not_redirected(world: World, client: Client) -> None:
    client.cookies[COOKIE] = "cy"
    assert client.get("/api/v1/health").status_code == 200
    assert client.get("/admin/login/").status_code == 200
    # A form posted to an English address is handled there, not bounced.
    response = client.post(reverse("accounts:sign-in"),
                           {"email": "officer_a@example.org", "password": PASSWORD})
    assert response.status_code == 302 and "_auth_user_id" in client.session


def test_the_api_documentation_and_error_pages_exist_in_welsh(client: Client) -> None:
    docs = client.get("/cy/api/v1/docs")
    assert docs.status_code == 200 and _lang(docs.content.decode()) == "cy"
    page = docs.content.decode()
    # The page's own words are Welsh; the endpoints' English descriptions say their language.
    assert "Dogfennaeth yr API" in page and "Pwyntiau terfyn" in page and "Endpoints" not in page
    assert '<dd class="govuk-summary-list__value" lang="en">' in page
    missing = client.get("/cy/no-such-page/")
    assert missing.status_code == 404 and _lang(missing.content.decode()) == "cy"
    assert "Heb ddod o hyd i’r dudalen" in missing.content.decode()
    assert 'hreflang="en-GB" href="http' in missing.content.decode()


def test_a_signed_in_choice_is_kept_on_the_account_and_audited(world: World) -> None:
    officer = world["officer_a"]
    client = Client()
    client.force_login(officer)
    client.get("/language/cy/", {"next": "/tensions/"})
    officer.refresh_from_db()
    assert officer.language == "cy"
    event = AuditEvent.objects.filter(action="user.update", actor=officer).latest("id")
    assert event.old_values == {"language": "en-gb"} and event.new_values == {"language": "cy"}
    # Choosing the language already chosen writes nothing.
    client.get("/language/cy/", {"next": "/tensions/"})
    assert AuditEvent.objects.filter(action="user.update", actor=officer).count() == 1


def test_signing_in_brings_back_the_account_language_on_a_new_browser(
    world: World, client: Client
) -> None:
    officer = world["officer_a"]
    services.set_language(actor=officer, language="cy")
    response = client.post(reverse("accounts:sign-in"),
                           {"email": "officer_a@example.org", "password": PASSWORD})
    assert response.cookies[COOKIE].value == "cy"
    profile = client.get(response["Location"])
    assert profile.status_code == 302 and profile["Location"] == "/cy/tensions/"


def test_set_language_refuses_an_unknown_language(world: World) -> None:
    from commonground.core.errors import InvalidInput

    with pytest.raises(InvalidInput):
        services.set_language(actor=world["officer_a"], language="fr")
    world["officer_a"].refresh_from_db()
    assert world["officer_a"].language == "en-gb"


def test_an_invitation_from_a_welsh_page_is_written_and_linked_in_welsh(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    client = Client()
    client.force_login(world["org_admin_a"])
    slug = world.council_a.slug
    with translation.override("cy"):
        url = reverse("accounts:invite", args=[slug])
    assert url.startswith("/cy/")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"email": "newcomer@example.org", "role": "officer"})
    assert len(mail.outbox) == 1
    link = re.search(r"http\S+/invitation/\S+", mail.outbox[0].body)
    assert link and "/cy/account/invitation/" in link.group(0)
    # Accepted on the Welsh page, the new account is a Welsh one.
    accept = link.group(0).removeprefix(settings.SITE_URL)
    response = Client().post(accept, {"full_name": "Nia Newydd", "password": PASSWORD,
                                      })
    assert response.status_code == 302
    from commonground.accounts.models import User

    assert User.objects.get(email="newcomer@example.org").language == "cy"
    assert response.cookies[COOKIE].value == "cy"


def test_a_password_reset_email_is_in_the_accounts_language_and_links_to_welsh(
    world: World, client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    services.set_language(actor=world["officer_a"], language="cy")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:password-reset"), {"email": "officer_a@example.org"})
    assert len(mail.outbox) == 1
    assert "/cy/account/password-reset/" in mail.outbox[0].body


def test_cached_public_pages_are_kept_per_language(client: Client) -> None:
    # The places pages are cached whole for anonymous visitors: the Welsh page must not
    # be served the English copy, nor the other way round.
    from commonground.places import pagecache

    calls: list[str] = []

    def render() -> Any:
        from django.http import HttpResponse

        calls.append(translation.get_language())
        return HttpResponse(f"page in {translation.get_language()}")

    request = client.get("/").wsgi_request
    with translation.override("en-gb"):
        assert pagecache.public_page(request, ("x",), render).content == b"page in en-gb"
    with translation.override("cy"):
        assert pagecache.public_page(request, ("x",), render).content == b"page in cy"
    with translation.override("en-gb"):
        assert pagecache.public_page(request, ("x",), render).content == b"page in en-gb"
    assert calls == ["en-gb", "cy"]
