"""A resident's way in: the home page and the header lead to reporting, the survey and
help, in both languages, and never to a sign-in page."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from commonground.core import views
from tests.personas import World

pytestmark = pytest.mark.django_db


def header_links(html: str) -> list[str]:
    nav = html[html.index('id="navigation"'):html.index("</ul>", html.index('id="navigation"'))]
    return re.findall(r'class="govuk-service-navigation__link" href="([^"]+)"', nav)


def test_the_home_page_starts_a_resident_on_three_journeys(client: Client) -> None:
    html = client.get("/").content.decode()
    starts = html[html.index('data-testid="resident-starts"'):]
    links = re.findall(r'href="([^"]+)"', starts[:starts.index("</ul>")])
    assert links == ["/report/", "/surveys/take-part/", "/help/"]
    for link in links:
        assert client.get(link).status_code == 200
    assert "Report an incident or tension" in html
    assert "Take part in your council's survey" in html


def test_a_visitor_s_header_leads_to_pages_they_can_open(client: Client) -> None:
    links = header_links(client.get("/").content.decode())
    assert links[0] == "/report/" and "/help/" in links
    assert "/tensions/" not in links and "/forums/" not in links
    for link in links:
        # Every link opens a page: none sends a visitor to sign in.
        assert client.get(link).status_code == 200, link


def test_a_signed_in_officer_s_header_has_their_sections(world: World, client: Client) -> None:
    client.force_login(world["officer_a"])
    links = header_links(client.get("/").content.decode())
    assert "/tensions/" in links and "/forums/" in links
    assert "/report/" not in links and "/help/" not in links


def test_the_resident_pages_in_welsh(client: Client) -> None:
    home = client.get("/cy/").content.decode()
    assert "Rhoi gwybod am ddigwyddiad neu densiwn" in home
    assert 'href="/cy/report/"' in home
    start = client.get("/cy/report/").content.decode()
    assert "Dechrau nawr" in start and 'href="/cy/report/council/"' in start
    assert "Cael help" in client.get("/cy/help/").content.decode()
    assert "Cymryd rhan yn arolwg eich cyngor" in client.get("/cy/take-part/").content.decode()


def test_the_survey_start_goes_to_the_surveys_section_and_explains_without_it(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert 'href="/surveys/take-part/"' in client.get("/take-part/").content.decode()
    monkeypatch.setattr(views, "SURVEY_ENTRY", "surveys:not-here")  # a deployment without it
    assert 'href="/take-part/"' in client.get("/").content.decode()
    assert "See the surveys open to you" not in client.get("/take-part/").content.decode()


def test_find_help_says_where_the_council_s_own_help_is(client: Client) -> None:
    english = client.get("/help/").content.decode()
    assert "community safety or cohesion team" in english
    assert 'href="https://www.gov.uk/find-local-council"' in english
    assert "True Vision" in english and "Victim Support" in english
    welsh = client.get("/cy/help/").content.decode()
    assert "Eich cyngor" in welsh and "dewch o hyd i’ch cyngor lleol ar GOV.UK" in welsh
