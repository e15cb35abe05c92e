"""The tensions pages as a browser without JavaScript sees them, for every persona."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

from commonground.accounts import services as account_services
from commonground.core.models import AuditEvent
from tests.personas import PERSONAS, World
from tests.tensions.conftest import Places, public_report

pytestmark = pytest.mark.django_db


def as_(persona: str, world: World) -> Client:
    client = Client()
    if world[persona].is_authenticated:
        client.force_login(world[persona])
    return client


def test_report_pages_for_every_persona(world: World, places: Places) -> None:
    report, _ = public_report(world, places)
    url = f"/tensions/reports/{report.reference}/"
    expected = {"anonymous": 302, "resident": 404, "officer_a": 200, "org_admin_a": 200,
                "officer_b": 404, "partner": 404, "moderator": 404, "admin": 404}
    got = {p: as_(p, world).get(url).status_code for p in PERSONAS}
    assert got == expected
    # Every look is in the audit log, with the contact details looked at separately.
    assert AuditEvent.objects.filter(action="report.view", object_id=str(report.pk)).count() == 2
    assert AuditEvent.objects.filter(action="report_contact.view").count() == 2


def test_a_partner_sees_what_the_agreement_gives(world: World, places: Places) -> None:
    report, _ = public_report(world, places)
    account_services.create_sharing_agreement(
        actor=None, owner=world.council_a, partner=world.police,
        categories=["hate_incident"], starts_on=datetime.date(2026, 1, 1))
    partner = as_("partner", world)
    page = partner.get(f"/tensions/reports/{report.reference}/").content.decode()
    assert "Abuse shouted" in page
    assert "sam@example.org" not in page and "Not shared with your organisation" in page
    assert "Save triage" not in page and "Internal notes" not in page
    officer_page = as_("officer_a", world).get(f"/tensions/reports/{report.reference}/")
    assert "sam@example.org" in officer_page.content.decode()
    # A partner cannot triage by posting either.
    refused = partner.post(f"/tensions/reports/{report.reference}/triage/",
                           {"status": "closed", "priority": "low"})
    assert refused.status_code == 403
    exported = partner.get("/tensions/reports/export.csv").content.decode()
    assert report.reference in exported and "sam@example.org" not in exported


def test_queue_export_and_dashboard_show_nothing_of_another_council(
    world: World, places: Places
) -> None:
    report, _ = public_report(world, places)
    officer_b = as_("officer_b", world)
    assert report.reference not in officer_b.get("/tensions/reports/").content.decode()
    assert report.reference not in officer_b.get(
        "/tensions/reports/export.csv").content.decode()
    dashboard = officer_b.get("/tensions/").content.decode()
    assert "Manchester City Council" in dashboard and "Trafford Council" not in dashboard
    officer_a = as_("officer_a", world)
    assert report.reference in officer_a.get("/tensions/reports/").content.decode()
    assert as_("resident", world).get("/tensions/").status_code == 200  # a "not for you" page


def test_the_dashboard_hides_small_counts_from_partners(world: World, places: Places) -> None:
    for _ in range(3):
        public_report(world, places, occurred_on=datetime.date(2026, 11, 18))
    for _ in range(7):
        public_report(world, places, occurred_on=datetime.date(2026, 11, 18),
                      category="rumour")
    account_services.create_sharing_agreement(
        actor=None, owner=world.council_a, partner=world.police,
        categories=["hate_incident", "rumour"], starts_on=datetime.date(2026, 1, 1))
    partner_page = as_("partner", world).get("/tensions/?council=council-a").content.decode()
    assert "Counts from 1 to 4 are hidden" in partner_page
    officer_page = as_("officer_a", world).get("/tensions/").content.decode()
    assert "Counts from 1 to 4 are hidden" not in officer_page
    assert ">3</td>" in officer_page


def test_officer_pages_answer(world: World, places: Places) -> None:
    public_report(world, places)
    officer = as_("officer_a", world)
    for path in ["/tensions/", "/tensions/reports/", "/tensions/reports/overdue/",
                 "/tensions/reports/new/", "/tensions/assessments/",
                 "/tensions/assessments/edit/", "/tensions/assessments/return/",
                 "/tensions/alerts/", "/tensions/trigger-events/", "/tensions/responses/",
                 "/tensions/contacts/", "/tensions/rumours/"]:
        assert officer.get(path).status_code == 200, path
    officer_b = as_("officer_b", world)
    contact_page = officer.post("/tensions/contacts/", {
        "council": "council-a", "name": "Rev. Ann", "community": "St Mary's",
        "email": "ann@example.org"})
    assert contact_page.status_code == 302
    assert "Rev. Ann" not in officer_b.get("/tensions/contacts/").content.decode()


def test_assessment_and_partner_return(world: World, places: Places) -> None:
    report, _ = public_report(world, places)
    officer = as_("officer_a", world)
    response = officer.post("/tensions/assessments/edit/?council=council-a", {
        "council": "council-a", "area": "E05000001", "week_of": "2026-11-18", "level": "3",
        "reasons": "Incidents near the mosque.", "evidenced": "Two reports.",
        "experienced": "", "potential": "A march on Saturday.",
        "reports": report.reference})
    assert response.status_code == 302
    csv_text = officer.get("/tensions/assessments/return.csv?week=2026-11-18").content.decode()
    assert "2026-11-16,Trafford Council,E05000001,Altrincham,3,Heightened,first assessment" \
        in csv_text
    assert "Altrincham" not in as_("officer_b", world).get(
        "/tensions/assessments/return.csv?week=2026-11-18").content.decode()
    assert as_("partner", world).get("/tensions/assessments/return.csv").status_code == 404
