"""The public report as question pages, as a browser without JavaScript sees them: one
question per page, answers kept in the session, checked, then sent in one call."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from commonground.core.models import AuditEvent
from commonground.places.models import Area
from commonground.tensions.models import Report, ReporterContact
from tests.personas import World
from tests.tensions.conftest import Places
from tests.tensions.report_journey import answer_all, send

pytestmark = pytest.mark.django_db

REQUIRED = "This field is required."


def test_an_anonymous_report_without_javascript(world: World, places: Places,
                                                client: Client) -> None:
    start = client.get("/report/")
    assert 'href="/report/council/"' in start.content.decode()  # Start now
    choose = client.get("/report/council/")
    assert "Trafford" in choose.content.decode() and "Manchester" in choose.content.decode()
    assert client.get("/report/council/?council=E08000009")["Location"] == "/report/E08000009/"
    assert client.get("/report/E08000009/")["Location"] == "/report/E08000009/where/"
    where = client.get("/report/E08000009/where/").content.decode()
    assert "Sale Central" in where and "Ancoats" not in where  # only this council's wards
    answer_all(client)
    check = client.get("/report/E08000009/check/").content.decode()
    assert "Check your answers before sending your report" in check
    assert "Who will see what" in check and 'class="cg-hp"' in check
    for answer in ("Sale Central", "Hate incident", "Race or ethnicity",
                   "Stickers with racist slogans at the bus stop.", "19 November 2026"):
        assert answer in check
    assert 'href="/report/E08000009/what/"' in check  # a change link per answer
    assert Report.objects.count() == 0  # nothing is sent before the reporter sends it
    response = client.post("/report/E08000009/check/", {"website": ""})
    assert response.status_code == 302 and response["Location"] == "/report/sent/"
    done = client.get("/report/sent/").content.decode()
    report = Report.objects.get()
    assert report.reference in done and report.ward == places.a_east
    assert report.characteristics == ["race"]
    assert report.occurred_on == datetime.date(2026, 11, 19)
    assert "What happens next" in done and "nobody will contact you" in done
    assert "999" in done and "101" in done and "True Vision" in done and "Victim Support" in done
    assert not ReporterContact.objects.exists()  # anonymous
    link = re.search(r'href="(http://testserver/report/private/[^"]+)"', done)
    assert link is not None
    private = client.get(link.group(1).removeprefix("http://testserver"))
    assert report.reference in private.content.decode()
    added = client.post(link.group(1).removeprefix("http://testserver"),
                        {"text": "A second sticker appeared today."}, follow=True)
    assert "A second sticker appeared today." in added.content.decode()
    assert AuditEvent.objects.filter(action="report_private_link.view").exists()
    # The answers went with the report: a new report starts empty.
    assert client.get("/report/E08000009/check/")["Location"] == "/report/E08000009/where/"


def test_contact_details_and_what_happens_next(world: World, places: Places,
                                               client: Client) -> None:
    send(client, contact={"contact_name": "Sam", "contact_email": "sam@example.org",
                          "contact_phone": "07700 900 982"})
    contact = ReporterContact.objects.get()
    assert (contact.name, contact.email, contact.phone) == (
        "Sam", "sam@example.org", "07700 900 982")
    done = client.get("/report/sent/").content.decode()
    assert "an officer aims to contact you within 24 hours" in done


def test_the_map_point_finds_the_ward(world: World, places: Places, client: Client) -> None:
    answer = client.get("/report/E08000009/ward-at?lon=-2.35&lat=53.45")
    assert answer.json() == {"code": "E05000001", "name": "Altrincham"}
    outside = client.get("/report/E08000009/ward-at?lon=-2.35&lat=53.58")
    assert outside.status_code == 200 and outside.json()["outside"] is True
    assert "not in this council's area" in outside.json()["message"]
    send(client, where={"ward": "", "longitude": "-2.25", "latitude": "53.41"})
    report = Report.objects.get()
    assert report.ward == places.a_east and report.longitude == pytest.approx(-2.25)


def test_a_point_outside_the_council_says_so(world: World, places: Places,
                                             client: Client) -> None:
    client.get("/report/E08000009/")
    response = client.post("/report/E08000009/where/", {
        "ward": "", "longitude": "-2.35", "latitude": "53.58", "location_description": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert "The place you chose on the map is not in Trafford&#x27;s area" in html
    assert 'href="#id_ward"' in html


def errors_of(client: Client, step: str, data: dict[str, Any]) -> list[str]:
    response = client.post(f"/report/E08000009/{step}/", data)
    assert response.status_code == 200, step
    html = response.content.decode()
    assert "<title>Error: " in html and REQUIRED not in html
    summary = html.split('govuk-error-summary__list">', 1)[1].split("</ul>", 1)[0]
    return re.findall(r'<a href="#[^"]+">([^<]+)</a>', summary)


@pytest.mark.parametrize(("step", "data", "message"), [
    ("where", {"ward": ""}, "Select the ward, choose the place on the map, or describe "
                            "where it happened"),
    ("where", {"ward": "E05000011"}, "Select a ward from the list"),  # another council's
    ("where", {"ward": "", "longitude": "x", "latitude": "53.4"},
     "Choose the place on the map again"),
    ("where", {"location_description": "x" * 301},
     "The description of the place must be 300 characters or fewer"),
    ("kind", {}, "Select what kind of incident it was"),
    ("kind", {"category": "picnic"}, "Select what kind of incident it was"),
    ("hostility", {}, "Select what the hostility was about, or &#x27;Something else&#x27;"),
    ("what", {"what_happened": "  "}, "Tell us what happened"),
    ("what", {"what_happened": "x" * 5001}, "What happened must be 5,000 characters or fewer"),
    ("who", {"who_affected": "x" * 2001}, "Who was affected must be 2,000 characters or fewer"),
    ("why", {"root_cause": "x" * 2001}, "What is behind it must be 2,000 characters or fewer"),
    ("police", {}, "Select whether it has been reported to the police"),
    ("contact", {"contact_email": "sam@"},
     "Enter an email address in the correct format, like name@example.com"),
    ("contact", {"contact_phone": "call me"},
     "Enter a phone number, like 01632 960 001 or 07700 900 982"),
    ("contact", {"contact_phone": "123"},
     "Enter a phone number, like 01632 960 001 or 07700 900 982"),
])
def test_each_way_an_answer_can_be_wrong_has_its_message(
    world: World, places: Places, client: Client, step: str, data: dict[str, Any],
    message: str,
) -> None:
    client.get("/report/E08000009/")
    client.post("/report/E08000009/kind/", {"category": "hate_incident"})
    assert errors_of(client, step, data) == [message]


@pytest.mark.parametrize(("day", "month", "year", "message", "wrong"), [
    ("", "", "", "Enter the date it happened", "day month year"),
    ("", "11", "2026", "The date it happened must include a day", "day"),
    ("19", "", "2026", "The date it happened must include a month", "month"),
    ("19", "11", "", "The date it happened must include a year", "year"),
    ("", "", "2026", "The date it happened must include a day and month", "day month"),
    ("", "11", "", "The date it happened must include a day and year", "day year"),
    ("19", "", "", "The date it happened must include a month and year", "month year"),
    ("31", "2", "2026", "The date it happened must be a real date", "day month year"),
    ("1st", "11", "2026", "The date it happened must be a real date", "day"),
    ("19", "11", "26", "Year must include 4 numbers", "year"),
    ("1", "1", "1999", "The date it happened must be on or after 1 January 2000",
     "day month year"),
    ("1", "1", "2999", "The date it happened must be today or in the past", "day month year"),
    ("1", "1", "2" * 11, "The date it happened must be a real date", "day month year"),
])
def test_the_date_says_what_is_wrong_with_it(world: World, places: Places, client: Client,
                                             day: str, month: str, year: str, message: str,
                                             wrong: str) -> None:
    client.get("/report/E08000009/")
    response = client.post("/report/E08000009/when/",
                           {"day": day, "month": month, "year": year})
    html = response.content.decode()
    assert response.status_code == 200 and REQUIRED not in html
    # The summary links to the first box that is wrong; the message sits on the fieldset.
    assert f'<a href="#id_{wrong.split()[0]}">{message}</a>' in html
    assert '<p id="when-error" class="govuk-error-message">' in html
    marked = re.findall(r'govuk-input--error" id="id_(\w+)"', html)
    assert marked == wrong.split()
    if day:
        assert f'value="{day}"' in html  # what was typed stays in the boxes


def test_today_is_a_date_it_can_have_happened(world: World, places: Places,
                                              client: Client) -> None:
    today = timezone.localdate()
    client.get("/report/E08000009/")
    response = client.post("/report/E08000009/when/", {
        "day": str(today.day), "month": str(today.month), "year": str(today.year)})
    assert response.status_code == 302


def test_answers_are_kept_and_changed_from_the_check_page(world: World, places: Places,
                                                          client: Client) -> None:
    answer_all(client)
    # Going back to a question shows the answer given.
    what = client.get("/report/E08000009/what/").content.decode()
    assert "Stickers with racist slogans at the bus stop." in what
    when = client.get("/report/E08000009/when/").content.decode()
    assert 'value="19"' in when and 'value="11"' in when and 'value="2026"' in when
    # A change returns to the check page.
    changed = client.post("/report/E08000009/what/", {"what_happened": "Graffiti."})
    assert changed["Location"] == "/report/E08000009/check/"
    # No longer a hate incident: the hostility question and its answer drop out...
    client.post("/report/E08000009/kind/", {"category": "rumour"})
    check = client.get("/report/E08000009/check/").content.decode()
    assert "Race or ethnicity" not in check and "What was the hostility about?" not in check
    assert client.get("/report/E08000009/hostility/").status_code == 404
    # ...and back to one: the question is asked again before the check page.
    again = client.post("/report/E08000009/kind/", {"category": "hate_incident"})
    assert again["Location"] == "/report/E08000009/check/"  # its answer was kept
    client.post("/report/E08000009/check/", {"website": ""})
    report = Report.objects.get()
    assert report.what_happened == "Graffiti." and report.characteristics == ["race"]


def test_a_rumour_is_not_asked_about_hostility(world: World, places: Places,
                                               client: Client) -> None:
    send(client, kind={"category": "rumour"}, hostility={})
    assert Report.objects.get().characteristics == []


def test_choosing_another_council_starts_again(world: World, places: Places,
                                               client: Client) -> None:
    answer_all(client)
    assert client.get("/report/E08000003/")["Location"] == "/report/E08000003/where/"
    assert client.get("/report/E08000003/check/")["Location"] == "/report/E08000003/where/"
    assert client.get("/report/NOWHERE/where/").status_code == 404
    assert client.get("/report/E08000009/nonsense/").status_code == 404
    assert client.get("/report/council/?council=NOWHERE").status_code == 200


def test_the_honeypot_and_the_rate_limit_turn_senders_away(world: World, places: Places,
                                                           client: Client,
                                                           settings: Any) -> None:
    bot = send(client, website="http://spam.example")
    assert bot.status_code == 200 and Report.objects.count() == 0
    settings.REPORT_RATE_LIMIT = 2
    for _ in range(3):
        last = send(client)
    assert Report.objects.count() == 2
    assert "Too many reports" in last.content.decode()


def test_a_place_search_finds_the_councils_wards(world: World, places: Places,
                                                 client: Client) -> None:
    Area.objects.filter(code="E05000002").update(name_cy="Canol Sale")
    client.get("/report/E08000009/")
    typo = client.get("/report/E08000009/where/?place=altrincam").content.decode()
    assert "1 ward matches" in typo and 'href="?ward=E05000001"' in typo
    welsh = client.get("/report/E08000009/where/?place=Canol").content.decode()
    assert 'href="?ward=E05000002"' in welsh
    # Another council's ward is not offered.
    other = client.get("/report/E08000009/where/?place=Ancoats").content.decode()
    assert "No ward of Trafford matches" in other and "E05000011" not in other
    chosen = client.get("/report/E08000009/where/?ward=E05000001").content.decode()
    assert 'value="E05000001" selected' in chosen and "You chose Altrincham ward" in chosen


def test_the_report_in_welsh(world: World, places: Places, client: Client) -> None:
    Area.objects.filter(code="E05000002").update(name_cy="Canol Sale")
    assert client.get("/cy/report/E08000009/")["Location"] == "/cy/report/E08000009/where/"
    where = client.get("/cy/report/E08000009/where/?place=canol").content.decode()
    assert "Ble digwyddodd e?" in where and "Canol Sale" in where
    response = client.post("/cy/report/E08000009/when/", {"day": "31", "month": "2",
                                                          "year": "2026"})
    assert "Rhaid i’r dyddiad y digwyddodd fod yn ddyddiad go iawn" in response.content.decode()


def test_a_base_map_only_when_a_tile_address_is_set(world: World, places: Places,
                                                    client: Client, settings: Any) -> None:
    page = client.get("/report/E08000009/where/")
    assert "img-src 'self' data:;" in page["Content-Security-Policy"]
    assert '"tiles": ""' in page.content.decode()
    settings.MAP_TILE_URL = "https://{s}.tiles.example.org/{z}/{x}/{y}.png"
    settings.MAP_TILE_ATTRIBUTION = "© Example contributors"
    page = client.get("/report/E08000009/where/")
    assert "img-src 'self' data: https://*.tiles.example.org;" in \
        page["Content-Security-Policy"]
    html = page.content.decode()
    assert '"tiles": "https://{s}.tiles.example.org/{z}/{x}/{y}.png"' in html
    assert "Example contributors" in html
    # Something that is not a web address allows nothing and draws no tiles.
    settings.MAP_TILE_URL = "javascript:alert(1)"
    page = client.get("/report/E08000009/where/")
    assert "img-src 'self' data:;" in page["Content-Security-Policy"]
    assert '"tiles": ""' in page.content.decode()
