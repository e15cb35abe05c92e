"""Alerts explain themselves once, link to the very reports counted, say when the detector
last ran, agree with the dashboard, and point to a help page of the service."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from commonground.tensions.alert_text import counted_url
from commonground.tensions.models import Alert, Report
from commonground.tensions.services import triage
from commonground.tensions.services.early_warning import recompute
from tests.personas import World
from tests.tensions.conftest import Places, public_report
from tests.tensions.test_officer_reports import burst
from tests.tensions.test_pages import as_

pytestmark = pytest.mark.django_db


def cards(page: str) -> list[str]:
    return re.findall(r'data-testid="alert">(.*?)</div>\s*</div>', page, re.S)


def sentences(card: str) -> list[str]:
    return [re.sub(r"\s+", " ", p).strip()
            for p in re.findall(r'<p class="govuk-body">(.*?)</p>', card, re.S)
            if "govuk-tag" not in p]


def raised(world: World, places: Places) -> tuple[list[Report], Alert]:
    today = timezone.localdate()
    reports = burst(world, places, today)
    # One of the burst is closed (still counted); one is a duplicate (never counted).
    triage.update_triage(actor=world["officer_a"], report=reports[0], status="closed")
    triage.merge_duplicate(actor=world["officer_a"], duplicate=reports[1],
                           reference=reports[2].reference or "")
    recompute(today=today, notify=False)
    return reports, Alert.objects.get(area=places.a_west, category="hate_incident")


def test_each_alert_says_why_once_and_links_to_the_reports_counted(
    world: World, places: Places
) -> None:
    reports, alert = raised(world, places)
    officer = as_("officer_a", world)
    page = officer.get("/tensions/alerts/").content.decode()
    assert "Observed" not in page and "docs/early-warning.md" not in page
    ward_card = next(c for c in cards(page) if "Altrincham: Hate incident" in c)
    said = sentences(ward_card)
    assert len(said) == len(set(said)) and len(said) >= 1
    assert re.match(rf"{alert.observed} reports in the week of \d+ \w+ \d{{4}} against about "
                    r"[\d.]+ expected \(a 1 in [\d,]+ chance under normal variation\)\.$",
                    said[0])
    # Each card says each thing once, and nothing repeats its numbers in other words.
    for card in cards(page):
        assert all(card.count(sentence) == 1 for sentence in sentences(card))
        assert "expected" not in card.split("</p>")[-1]
    link = re.search(r'<a class="govuk-link" href="([^"]+)">See the (\d+) reports of that '
                     r'week</a>', ward_card)
    assert link is not None and int(link.group(2)) == alert.observed
    listed = officer.get(link.group(1).replace("&amp;", "&")).content.decode()
    assert f">{alert.observed} reports</caption>" in listed
    assert reports[0].reference in listed  # closed, still counted
    assert f">{reports[1].reference}<" not in listed  # the duplicate is not counted
    assert "as early warning counts them" in listed


def test_alert_counts_agree_with_the_dashboard_for_the_same_week(
    world: World, places: Places
) -> None:
    _reports, _alert = raised(world, places)
    council_alert = Alert.objects.get(area=places.a, category="hate_incident")
    page = as_("officer_a", world).get("/tensions/").content.decode()
    row = re.search(r'<th scope="row" class="govuk-table__header">Hate incident</th>(.*?)</tr>',
                    page, re.S)
    assert row is not None
    cells = re.findall(r'govuk-table__cell--numeric">(\w+)</td>', row.group(1))
    this_week = cells[-2]  # the last week's column, before the row's total
    assert int(this_week) == council_alert.observed
    assert f"{council_alert.observed} reports in the week of" in page


def test_the_pages_say_when_the_detector_last_ran(world: World, places: Places) -> None:
    officer = as_("officer_a", world)
    before = officer.get("/tensions/alerts/").content.decode()
    assert "has not counted this council's reports yet" in before
    recompute(today=timezone.localdate(), notify=False)
    after = officer.get("/tensions/alerts/").content.decode()
    ran = timezone.localtime().strftime("%-d %B %Y")
    assert f"last counted the reports at {ran}" in after
    assert "last counted the reports at" in officer.get("/tensions/").content.decode()


def test_the_help_page_is_a_page_of_the_service_in_both_languages(
    world: World, places: Places, client: Client
) -> None:
    officer_page = as_("officer_a", world).get("/tensions/alerts/").content.decode()
    assert 'href="/tensions/alerts/how-they-work/"' in officer_page
    english = client.get("/tensions/alerts/how-they-work/").content.decode()
    assert "How early-warning alerts work" in english and "A sustained rise" in english
    welsh = client.get("/cy/tensions/alerts/how-they-work/").content.decode()
    assert "Sut mae rhybuddion rhybudd cynnar yn gweithio" in welsh
    assert "How early-warning alerts work" not in welsh


def test_an_alert_speaks_welsh_on_a_welsh_page(world: World, places: Places) -> None:
    _reports, alert = raised(world, places)
    page = as_("officer_a", world).get("/cy/tensions/alerts/").content.decode()
    assert f"{alert.observed} adroddiad yn wythnos" in page
    assert "reports in the week of" not in page


def test_alert_pages_read_a_fixed_number_of_queries(
    world: World, places: Places, django_assert_num_queries: Any
) -> None:
    raised(world, places)
    public_report(world, places)
    officer = as_("officer_a", world)
    # Session, the user with their memberships, the council, subscription, last run, alerts.
    with django_assert_num_queries(6):
        officer.get("/tensions/alerts/")


def test_the_dashboard_and_the_counted_reports_read_a_fixed_number_of_queries(
    world: World, places: Places, django_assert_num_queries: Any
) -> None:
    _reports, alert = raised(world, places)
    officer = as_("officer_a", world)
    officer.get("/tensions/")  # the protected tables are then in the cache
    # Session, the user with their memberships, councils, two counts, the council's area and its
    # wards (read once, for the map and the counts), last run, levels, alerts,
    # overdue: however many reports and alerts.
    with django_assert_num_queries(11):
        officer.get("/tensions/")
    counted = counted_url(alert, alert.week_start, alert.week_start)
    # Session, the user with their memberships, count, the page, its tags, one audit insert.
    with django_assert_num_queries(6):
        page = officer.get(counted).content.decode()
    assert f">{alert.observed} reports</caption>" in page
