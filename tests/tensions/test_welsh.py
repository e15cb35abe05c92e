"""The officers', analysts' and partners' side of tensions in Welsh: every page with no
English sentence of the catalogue left, plurals in the six Welsh forms, and alert emails
in the subscriber's own language."""

from __future__ import annotations

import datetime
import html as html_module
import json
import re
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.utils import formats, timezone, translation
from django.utils.translation import ngettext

from commonground.accounts import services as account_services
from commonground.core import catalogues
from commonground.tensions.models import Alert, Assessment
from commonground.tensions.services import early_warning
from commonground.tensions.services import response as response_services
from commonground.tensions.services.assessments import save_assessment
from tests.personas import World
from tests.tensions.conftest import Places, public_report
from tests.tensions.test_alert_pages import raised
from tests.tensions.test_pages import as_
from tests.tensions.test_services import burst

pytestmark = pytest.mark.django_db

TENSIONS_PO = (Path(catalogues.PACKAGE_DIR) / "tensions" / "locale" / "cy" / "LC_MESSAGES"
               / "django.po")
COUNTS = (0, 1, 2, 3, 6, 8, 11, 100)


def text_of(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    page = response.content.decode()
    main = page[page.index("<main"):page.index("</main>")]
    return " ".join(html_module.unescape(re.sub(r"<[^>]+>", " ", main)).split())


def english_sentences() -> list[str]:
    """The catalogue's English of four words or more without placeholders or tags: none
    of them may stay on a Welsh page."""
    catalog = catalogues.read_catalogue(TENSIONS_PO)
    return [m.id for m in catalog if isinstance(m.id, str) and m.id.count(" ") >= 3
            and "%" not in m.id and "<" not in m.id]


@pytest.fixture
def busy(world: World, places: Places) -> dict[str, Any]:
    """A council with an alert, an overdue report, an assessment revised once, a trigger
    event, a response, a community contact and a rumour."""
    reports, alert = raised(world, places)
    officer = world["officer_a"]
    overdue, _token = public_report(world, places, occurred_on=timezone.localdate())
    overdue.first_contact_due = timezone.now() - datetime.timedelta(hours=1)
    overdue.save(update_fields=["first_contact_due"])
    week = timezone.localdate()
    for revision, level in ((0, 2), (1, 3)):
        assessment = save_assessment(
            actor=officer, council=world.council_a, area=places.a_west, week_of=week,
            level=level, reasons="Stickers near the mosque.", evidenced="Reports.",
            experienced="", potential="A march.", report_references=[reports[3].reference or ""],
            revision=revision)
    event = response_services.create_trigger_event(
        actor=officer, council=world.council_a, name="Anniversary of the attack",
        kind="anniversary", starts_on=week, ends_on=week + datetime.timedelta(days=14),
        watch_level=5, notes="")
    opened = response_services.open_response(actor=officer, council=world.council_a,
                                             title="After the march", trigger_event=event)
    response_services.save_community_contact(actor=officer, council=world.council_a,
                                             contact=None, name="Rev. Ann",
                                             community="St Mary's", email="ann@example.org")
    response_services.save_rumour(actor=officer, council=world.council_a, rumour=None,
                                  ward=places.a_west, what_is_said="The mosque is closing.",
                                  status="false")
    return {"report": reports[3], "alert": alert, "assessment": assessment,
            "response": opened, "week": week}


def officer_pages(busy: dict[str, Any]) -> list[str]:
    week = busy["week"].isoformat()
    return ["/cy/tensions/", "/cy/tensions/reports/", "/cy/tensions/reports/overdue/",
            f"/cy/tensions/reports/{busy['report'].reference}/", "/cy/tensions/reports/new/",
            "/cy/tensions/assessments/", "/cy/tensions/assessments/edit/",
            f"/cy/tensions/assessments/{busy['assessment'].pk}/",
            f"/cy/tensions/assessments/return/?week={week}", "/cy/tensions/alerts/",
            "/cy/tensions/alerts/how-they-work/", "/cy/tensions/trigger-events/",
            "/cy/tensions/responses/", f"/cy/tensions/responses/{busy['response'].pk}/",
            "/cy/tensions/contacts/", "/cy/tensions/rumours/"]


def test_every_officer_page_has_no_english_sentence_left(world: World, busy: dict[str, Any]
                                                         ) -> None:
    officer = as_("officer_a", world)
    english = english_sentences()
    for url in officer_pages(busy):
        text = text_of(officer, url)
        left = [s for s in english if s in text]
        assert not left, (url, left)


def test_the_officer_pages_read_in_welsh(world: World, busy: dict[str, Any]) -> None:
    officer = as_("officer_a", world)
    report = busy["report"]
    expected = {
        "/cy/tensions/": ["Dangosfwrdd tensiynau", "Lefelau tensiwn presennol",
                          "Adroddiadau yn ôl ward (y 12 wythnos diwethaf)",
                          "Digwyddiad casineb", "Cynnydd sydyn", "Ymatebion hwyr"],
        "/cy/tensions/reports/": ["Agored (heb eu cau)", "Cyfeirnod neu eiriau", "Hidlo",
                                  "Digwyddiad casineb"],
        f"/cy/tensions/reports/{report.reference}/": [
            "Gelyniaeth ynghylch", "Crefydd neu gred", "Brysbennu", "Cadw’r brysbennu",
            "Cywiro’r hyn y mae’r adroddiad yn ei ddweud", "Blaenoriaeth Arferol",
            "Cau fel dyblyg", "Nodyn mewnol"],
        f"/cy/tensions/assessments/{busy['assessment'].pk}/": [
            "Tensiwn yn Altrincham", "Lefel 3: Wedi dwysáu",
            "3 – Wedi dwysáu: mae tensiwn yn effeithio ar gymunedau",
            "Tuedd ers yr asesiad diwethaf: asesiad cyntaf",
            "Fersiynau cynharach o’r asesiad hwn", "Diwygiad 1: lefel 2 (Wedi codi)"],
        f"/cy/tensions/assessments/return/?week={busy['week'].isoformat()}": [
            "Ffurflen tensiwn wythnosol", "3 – Wedi dwysáu", "asesiad cyntaf"],
        "/cy/tensions/alerts/": ["Rhybuddion rhybudd cynnar", "Marcio fel wedi’i weld",
                                 "Anfon rhybuddion newydd ataf drwy e-bost"],
        f"/cy/tensions/responses/{busy['response'].pk}/": [
            "Llyfr chwarae", "Dangos arweinyddiaeth weladwy", "Rev. Ann"],
    }
    for url, welsh in expected.items():
        text = text_of(officer, url)
        for words in welsh:
            assert words in text, (url, words)
    # The alert says its numbers in Welsh, as the English page says them in English.
    alert = busy["alert"]
    alerts = text_of(officer, "/cy/tensions/alerts/")
    assert f"{alert.observed} adroddiad yn wythnos " in alerts
    assert "Altrincham: Digwyddiad casineb, wythnos " in alerts
    assert "Altrincham: Hate incident, week of " in text_of(officer, "/tensions/alerts/")


def test_triage_answers_in_welsh(world: World, busy: dict[str, Any]) -> None:
    officer = as_("officer_a", world)
    report = busy["report"]
    page = officer.post(f"/cy/tensions/reports/{report.reference}/triage/", {
        "version": str(report.version), "status": "new", "priority": "normal",
        "assignee": "", "tags": "", "ward": "E05000001", "category": "nonsense",
        "characteristics": [], "location_description": ""}).content.decode()
    assert "Mae problem wedi codi" in page
    assert "Dewiswch ddewisiad dilys." in html_module.unescape(page)
    done = officer.post(f"/cy/tensions/reports/{report.reference}/triage/", {
        "version": str(report.version), "status": "acknowledged", "priority": "high",
        "assignee": "", "tags": "school gates", "ward": "E05000001",
        "category": "hate_incident", "characteristics": ["religion"],
        "location_description": ""}, follow=True)
    text = html_module.unescape(done.content.decode())
    assert f"Mae {report.reference} wedi’i ddiweddaru." in text
    assert "Cydnabuwyd" in text and "Blaenoriaeth Uchel" in text


def test_a_partner_reads_the_shared_dashboard_and_return_in_welsh(
    world: World, places: Places, busy: dict[str, Any]
) -> None:
    account_services.create_sharing_agreement(
        actor=None, owner=world.council_a, partner=world.police,
        categories=["hate_incident"], include_assessments=True,
        starts_on=datetime.date(2026, 1, 1))
    partner = as_("partner", world)
    english = english_sentences()
    for url in ["/cy/tensions/?council=council-a", "/cy/tensions/reports/",
                f"/cy/tensions/reports/{busy['report'].reference}/",
                f"/cy/tensions/assessments/return/?week={busy['week'].isoformat()}"]:
        text = text_of(partner, url)
        assert not [s for s in english if s in text], url
    dashboard = text_of(partner, "/cy/tensions/?council=council-a")
    assert "yn rhannu’r adroddiadau hyn â’ch sefydliad" in dashboard
    assert "Heb ei rannu â’ch sefydliad." in text_of(
        partner, f"/cy/tensions/reports/{busy['report'].reference}/")
    returned = text_of(partner, f"/cy/tensions/assessments/return/?week={busy['week'].isoformat()}")
    assert "Trafford Council Altrincham 3 – Wedi dwysáu asesiad cyntaf" in returned


@pytest.mark.parametrize(("count", "reports", "subject"), [
    (0, "Dim adroddiadau", "Rhybudd cynnar: dim rhybuddion newydd ar gyfer Caerdydd"),
    (1, "1 adroddiad", "Rhybudd cynnar: 1 rhybudd newydd ar gyfer Caerdydd"),
    (2, "2 adroddiad", "Rhybudd cynnar: 2 rybudd newydd ar gyfer Caerdydd"),
    (3, "3 adroddiad", "Rhybudd cynnar: 3 rhybudd newydd ar gyfer Caerdydd"),
    (6, "6 adroddiad", "Rhybudd cynnar: 6 rhybudd newydd ar gyfer Caerdydd"),
    (8, "8 adroddiad", "Rhybudd cynnar: 8 rhybudd newydd ar gyfer Caerdydd"),
    (11, "11 adroddiad", "Rhybudd cynnar: 11 rhybudd newydd ar gyfer Caerdydd"),
    (100, "100 adroddiad", "Rhybudd cynnar: 100 rhybudd newydd ar gyfer Caerdydd"),
])
def test_counts_take_the_welsh_plural_forms(count: int, reports: str, subject: str) -> None:
    assert count in COUNTS
    with translation.override("cy"):
        assert ngettext("%(counter)s report", "%(counter)s reports", count) % {
            "counter": count} == reports
        assert early_warning._alerts_subject(count, "Caerdydd")() == subject
    with translation.override("en-gb"):
        assert early_warning._alerts_subject(count, "Cardiff")().endswith(
            f"{count} new alert{'' if count == 1 else 's'} for Cardiff")


def test_the_queue_counts_its_reports_in_welsh(world: World, busy: dict[str, Any]) -> None:
    officer = as_("officer_a", world)
    assert "Dim adroddiadau" in text_of(officer, "/cy/tensions/reports/?q=nothing-matches")
    one = text_of(officer, f"/cy/tensions/reports/?q={busy['report'].reference}")
    assert "1 adroddiad" in one


def test_a_welsh_speaking_subscriber_hears_of_alerts_in_welsh(
    world: World, places: Places, django_capture_on_commit_callbacks: Any
) -> None:
    today = datetime.date(2026, 11, 20)
    burst(world, places, weeks_back=30, per_week=1, today=today)
    officer = world["officer_a"]
    account_services.set_language(actor=officer, language="cy")
    response_services.set_subscription(actor=officer, council=world.council_a,
                                       subscribed=True)
    for _ in range(12):
        public_report(world, places, contact=False, occurred_on=today)
    with django_capture_on_commit_callbacks(execute=True):
        early_warning.recompute(today=today)
    assert Alert.objects.count() == 2
    (email,) = mail.outbox
    assert email.subject == "Rhybudd cynnar: 2 rybudd newydd ar gyfer Trafford Council"
    assert "Mae Common Ground wedi codi rhybuddion rhybudd cynnar newydd ar gyfer " \
        "Trafford Council:" in email.body
    assert "Altrincham, Digwyddiad casineb: 12 adroddiad yn wythnos 16 Tachwedd 2026" \
        in email.body
    assert "/cy/tensions/alerts/" in email.body
    assert "Mae rhybudd yn anogaeth i edrych, nid yn ganfyddiad." in email.body
    assert "reports in the week" not in email.body and "Hate incident" not in email.body


def test_the_api_and_the_csv_headers_stay_english(world: World, busy: dict[str, Any]) -> None:
    officer = as_("officer_a", world)
    csv_text = officer.get(f"/cy/tensions/assessments/return.csv?week="
                           f"{busy['week'].isoformat()}").content.decode()
    assert csv_text.startswith("week_start,council,area_code,area,level,level_label,trend")
    assert ",first assessment," in csv_text  # the trend is a code
    with translation.override("en-gb"):
        assert Assessment.objects.get(pk=busy["assessment"].pk).short_label == "Heightened"


def test_the_scripts_words_come_from_the_welsh_page(world: World, busy: dict[str, Any]
                                                     ) -> None:
    officer = as_("officer_a", world)
    new = officer.get("/cy/tensions/reports/new/").content.decode()
    report_map = json.loads(re.search(r'id="report-map-data"[^>]*>(.*?)</script>', new,
                                      re.S)[1])
    assert report_map["text"]["chosen"] == "Rydych wedi dewis lle yn ward %(ward)s."
    dashboard = officer.get("/cy/tensions/").content.decode()
    chart = json.loads(re.search(r'id="chart-data"[^>]*>(.*?)</script>', dashboard, re.S)[1])
    ward_map = json.loads(re.search(r'id="map-data"[^>]*>(.*?)</script>', dashboard, re.S)[1])
    with translation.override("cy"):
        week = formats.date_format(busy["week"] - datetime.timedelta(
            days=busy["week"].weekday()), "j M")
    assert chart["weeks"][-1] == week and ward_map["low"] == "isel"
    assert {s["label"] for s in chart["series"]} >= {"Digwyddiad casineb", "Tensiwn cymunedol"}
