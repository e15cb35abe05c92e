"""The tensions API: public intake and who reads what, for every persona."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client

from commonground.accounts import services as account_services
from commonground.core.models import AuditEvent
from commonground.tensions.models import Report, ReporterContact
from tests.api.conftest import ApiClient
from tests.personas import PERSONAS, World
from tests.tensions.conftest import Places, public_report

pytestmark = pytest.mark.django_db

BODY = {"council_code": "E08000009", "longitude": -2.35, "latitude": 53.45,
        "category": "hate_incident", "characteristics": ["disability"],
        "what_happened": "Name-calling on the tram.", "occurred_on": "2026-11-19",
        "reported_to_police": "no", "contact": {"email": "v@example.org"}}


def post(data: dict[str, Any]) -> Any:
    return Client().post("/api/v1/reports", data=data, content_type="application/json")


def test_anyone_can_send_a_report_and_gets_a_reference(world: World, places: Places) -> None:
    response = post(BODY)
    assert response.status_code == 201, response.content
    body = response.json()
    report = Report.objects.get()
    assert body["reference"] == report.reference
    assert body["private_link"].startswith("http://testserver/report/private/rpt_")
    assert report.ward == places.a_west and report.has_timers
    assert ReporterContact.objects.get().email == "v@example.org"


def test_bad_reports_get_the_one_error_shape(world: World, places: Places) -> None:
    response = post({**BODY, "category": "nonsense", "what_happened": ""})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid" and {"category", "what_happened"} <= set(error["fields"])
    assert post({**BODY, "council_code": "E08000999"}).status_code == 404
    assert post({**BODY, "unexpected": 1}).status_code == 400
    assert Report.objects.count() == 0


def test_intake_is_rate_limited_per_address_unless_turned_off(world: World, places: Places,
                                                              settings: Any) -> None:
    settings.REPORT_RATE_LIMIT = 3
    answers = [post(BODY) for _ in range(4)]
    assert [a.status_code for a in answers] == [201, 201, 201, 429]
    assert answers[-1]["Retry-After"] == "3600"  # the hour's window
    settings.REPORT_RATE_LIMIT = 0
    assert post(BODY).status_code == 201


def test_who_reads_reports_through_the_api(world: World, places: Places,
                                           api: ApiClient) -> None:
    report, _ = public_report(world, places)
    account_services.create_sharing_agreement(
        actor=None, owner=world.council_a, partner=world.police,
        categories=["hate_incident"], starts_on=datetime.date(2026, 1, 1))
    one = {p: api.get(p, f"/reports/{report.reference}").status_code for p in PERSONAS}
    assert one == {"anonymous": 401, "resident": 404, "officer_a": 200, "org_admin_a": 200,
                   "officer_b": 404, "partner": 200, "moderator": 404, "admin": 404}
    listed = {p: [r["reference"] for r in api.get(p, "/reports").json()]
              for p in PERSONAS if p != "anonymous"}
    assert listed == {"resident": [], "officer_a": [report.reference],
                      "org_admin_a": [report.reference], "officer_b": [],
                      "partner": [report.reference], "moderator": [], "admin": []}
    assert api.get("officer_a", f"/reports/{report.reference}").json()["contact"]["email"] \
        == "sam@example.org"
    assert api.get("partner", f"/reports/{report.reference}").json()["contact"] is None
    assert AuditEvent.objects.filter(action="report.api_list").count() == 3


def test_assessments_through_the_api(world: World, places: Places, api: ApiClient) -> None:
    from commonground.tensions.services.assessments import save_assessment

    save_assessment(actor=world["officer_a"], council=world.council_a, area=places.a,
                    week_of=datetime.date(2026, 11, 18), level=2, reasons="Some tension.")
    seen = {p: len(api.get(p, "/assessments").json()) for p in PERSONAS if p != "anonymous"}
    assert seen == {"resident": 0, "officer_a": 1, "org_admin_a": 1, "officer_b": 0,
                    "partner": 0, "moderator": 0, "admin": 0}
    row = api.get("officer_a", "/assessments?week=2026-11-20").json()[0]
    assert (row["area_code"], row["level"], row["level_label"]) == ("E08000009", 2, "Raised")
