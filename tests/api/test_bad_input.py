"""No input makes a server error (issue 14, finding 4): paging bounded, control characters
refused with 422 naming the field, coordinates checked, specific error codes, Retry-After.
Each test runs on both engines (DATABASE_URL=postgres://... for PostgreSQL)."""

from __future__ import annotations

import datetime
import json
import math
from typing import Any

import pytest
from django.test import Client, override_settings

from commonground.accounts import services as account_services
from commonground.accounts.models import Membership, Role
from commonground.core.errors import Conflict, ErrorCode, InvalidInput
from commonground.places.points import point_problems
from commonground.tensions.models import Report
from commonground.tensions.services import reports as report_services
from tests.api.conftest import ApiClient
from tests.personas import World
from tests.tensions.conftest import Places, public_report
from tests.tensions.conftest import places as places  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db


def error(response: Any) -> dict[str, Any]:
    body: dict[str, Any] = response.json()["error"]
    return body


@pytest.mark.parametrize("query", ["offset=9223372036854775808", "offset=-1", "limit=-5",
                                   "limit=100000000", "limit=0", "offset=1000001"])
@pytest.mark.parametrize("path", ["/reports", "/forums/groups/any/threads", "/assessments",
                                  "/plans", "/organisations", "/areas"])
def test_paging_out_of_range_is_a_400_naming_the_field(api: ApiClient, path: str,
                                                       query: str) -> None:
    response = api.get("officer_a", f"{path}?{query}")
    assert response.status_code == 400, response.content
    assert error(response)["code"] == "invalid"
    assert list(error(response)["fields"]) == [query.split("=")[0]]


def test_paging_takes_a_window(api: ApiClient, world: World, places: Places) -> None:
    made = [public_report(world, places)[0].reference for _ in range(3)]
    got = [r["reference"] for r in api.get("officer_a", "/reports?limit=2&offset=1").json()]
    assert len(got) == 2 and set(got) <= set(made)
    assert api.get("officer_a", "/reports?offset=1000000").json() == []


def test_ids_out_of_range_are_refused(api: ApiClient) -> None:
    for path in ["/plans/9223372036854775808", "/forums/threads/0", "/areas/custom/-1"]:
        response = api.get("officer_a", path)
        assert response.status_code == 400, path
        assert error(response)["code"] == "invalid"


def report_body(**changes: Any) -> dict[str, Any]:
    return {"council_code": "E08000009", "category": "hate_incident",
            "characteristics": ["religion"], "what_happened": "Shouting outside.",
            "occurred_on": "2026-11-20", **changes}


@pytest.mark.parametrize(("path", "body", "field"), [
    ("/reports", report_body(what_happened="Abuse\x00 shouted"), "what_happened"),
    ("/reports", report_body(contact={"name": "Sam\x1b", "email": ""}), "contact.name"),
    ("/reports", report_body(characteristics=["religion\x00"]), "characteristics.0"),
    ("/forums/threads/1/posts", {"body": "Hello\x00"}, "body"),
    ("/areas/custom", {"level": "ward", "name": "North\x00", "members": []}, "name"),
    ("/reports", report_body(what_happened="lone \ud800 surrogate"), "what_happened"),
])
def test_control_characters_are_a_422_naming_the_field(api: ApiClient, world: World,
                                                      path: str, body: dict[str, Any],
                                                      field: str) -> None:
    response = api.post("officer_a", path, body)
    assert response.status_code == 422, response.content
    assert error(response)["code"] == "invalid_characters"
    assert list(error(response)["fields"]) == [field]
    assert not Report.objects.exists()


def test_control_characters_in_the_query_are_refused(api: ApiClient) -> None:
    for path in ["/areas?q=Traff%00ord", "/areas/search?q=%01", "/search?q=a%00b",
                 "/reports?status=%00"]:
        response = api.get("officer_a", path)
        assert response.status_code == 422, path
        assert error(response)["code"] == "invalid_characters"
    # Tab, line feed and carriage return are typed text, not refused.
    assert api.get("officer_a", "/areas/search?q=a%09b").status_code == 200


@pytest.mark.parametrize(("longitude", "latitude", "field"), [
    ("NaN", "53.4", "longitude"), ("Infinity", "53.4", "longitude"), ("-2.3", "91", "latitude"),
    ("181", "53.4", "longitude"), ("-2.3", "-Infinity", "latitude")])
def test_impossible_coordinates_are_refused(world: World, places: Places, longitude: str,
                                            latitude: str, field: str) -> None:
    raw = json.dumps(report_body(ward_code="E05000001"))[:-1] + \
        f', "longitude": {longitude}, "latitude": {latitude}}}'
    response = Client().post("/api/v1/reports", data=raw, content_type="application/json")
    assert response.status_code == 400
    assert field in error(response)["fields"]
    assert not Report.objects.exists()
    # The service refuses them too, whatever calls it (the pages' form included).
    with pytest.raises(InvalidInput) as refused:
        report_services.submit_report(
            actor=None, council=world.council_a, ward=places.a_west,
            category="hate_incident", characteristics=["religion"], what_happened="x",
            occurred_on=datetime.date(2026, 11, 20), longitude=float(longitude),
            latitude=float(latitude))
    assert field in refused.value.fields
    assert not Report.objects.exists()


def test_a_point_needs_both_coordinates() -> None:
    assert point_problems(longitude=None, latitude=None) == {}
    assert point_problems(longitude=-2.35, latitude=53.39) == {}
    assert set(point_problems(longitude=-2.35, latitude=None)) == {"latitude"}
    assert set(point_problems(longitude=math.nan, latitude=90.0)) == {"longitude"}


def test_conflicts_carry_specific_codes(world: World) -> None:
    admin = Membership.objects.get(organisation=world.council_a, role=Role.ADMIN)
    with pytest.raises(Conflict) as last:
        account_services.change_role(actor=world["org_admin_a"], membership=admin,
                                     role=Role.MEMBER)
    assert last.value.code == ErrorCode.LAST_ADMIN and last.value.status == 409
    assert last.value.as_json()["error"]["code"] == "last_admin"
    member = Membership.objects.filter(organisation=world.council_a).exclude(
        role=Role.ADMIN).select_related("user").first()
    assert member is not None
    with pytest.raises(Conflict) as again:
        account_services.invite_member(actor=world["org_admin_a"],
                                       organisation=world.council_a,
                                       email=member.user.email, role=Role.MEMBER)
    assert again.value.code == ErrorCode.ALREADY_MEMBER


def test_a_merged_report_is_named_by_its_code(world: World, places: Places) -> None:
    from commonground.tensions.services import triage
    first, second, third = (public_report(world, places)[0] for _ in range(3))
    officer = world["officer_a"]
    triage.merge_duplicate(actor=officer, duplicate=second, reference=first.reference or "")
    with pytest.raises(Conflict) as merged:
        triage.merge_duplicate(actor=officer, duplicate=third,
                               reference=second.reference or "")
    assert merged.value.code == ErrorCode.REPORT_MERGED


@override_settings(REPORT_RATE_LIMIT=1)
def test_a_429_says_when_to_try_again(world: World, places: Places) -> None:
    from django.core.cache import cache
    cache.clear()
    client = Client()
    body = report_body(ward_code="E05000001")
    first = client.post("/api/v1/reports", data=body, content_type="application/json")
    assert first.status_code == 201, first.content
    second = client.post("/api/v1/reports", data=body, content_type="application/json")
    assert second.status_code == 429
    assert error(second)["code"] == "rate_limited"
    assert int(second["Retry-After"]) > 0
