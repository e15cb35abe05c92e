"""The API: health, documents, the one error shape, and every persona's view."""

from __future__ import annotations

import pytest
from django.test import Client

from commonground.accounts.models import Invitation
from tests.api.conftest import ApiClient
from tests.personas import PERSONAS

pytestmark = pytest.mark.django_db


def assert_error(response: object, status: int, code: str) -> dict[str, object]:
    assert response.status_code == status  # type: ignore[attr-defined]
    body = response.json()  # type: ignore[attr-defined]
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "fields"}
    assert body["error"]["code"] == code
    return body["error"]  # type: ignore[no-any-return]


def test_health_checks_the_database(client: Client) -> None:
    response = client.get("/api/v1/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_openapi_document_and_readable_docs(client: Client) -> None:
    doc = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/health" in doc["paths"] and "/api/v1/me" in doc["paths"]
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    assert "/api/v1/organisations/{slug}/members" in page.content.decode()


def test_unknown_address_answers_in_the_error_shape(client: Client) -> None:
    assert_error(client.get("/api/v1/no-such-thing"), 404, "not_found")


def test_without_a_token_the_answer_is_401(client: Client) -> None:
    assert_error(client.get("/api/v1/me"), 401, "not_authenticated")
    assert_error(client.get("/api/v1/me", HTTP_AUTHORIZATION="Bearer cg_wrong"), 401,
                 "not_authenticated")


def test_me(api: ApiClient) -> None:
    body = api.get("officer_a", "/me").json()
    assert body["email"] == "officer_a@example.org"
    assert body["memberships"] == [{"organisation": {"slug": "council-a",
                                                     "name": "Trafford Council",
                                                     "kind": "council",
                                                     "area_code": "E08000009"},
                                    "role": "officer"}]


def test_members_of_council_a_per_persona(api: ApiClient) -> None:
    expected = {"anonymous": 401, "resident": 404, "officer_a": 200, "org_admin_a": 200,
                "officer_b": 404, "partner": 404, "moderator": 404, "admin": 200}
    assert set(expected) == set(PERSONAS)
    seen = {p: api.get(p, "/organisations/council-a/members").status_code for p in PERSONAS}
    assert seen == expected


def test_organisation_list_shows_only_ones_own(api: ApiClient) -> None:
    assert [o["slug"] for o in api.get("org_admin_a", "/organisations").json()] == ["council-a"]
    assert api.get("resident", "/organisations").json() == []


def test_inviting_to_council_b_per_persona(api: ApiClient) -> None:
    expected = {"anonymous": 401, "resident": 404, "officer_a": 404, "org_admin_a": 404,
                "officer_b": 403, "partner": 404, "moderator": 404, "admin": 201}
    seen = {}
    for p in PERSONAS:
        response = api.post(p, "/organisations/council-b/invitations",
                            {"email": f"new-{p}@example.org", "role": "officer"})
        seen[p] = response.status_code
        if response.status_code != 201:
            assert set(response.json()["error"]) == {"code", "message", "fields"}
    assert seen == expected
    assert list(Invitation.objects.values_list("email", flat=True)) == ["new-admin@example.org"]


def test_invalid_input_names_the_field(api: ApiClient) -> None:
    error = assert_error(api.post("org_admin_a", "/organisations/council-a/invitations",
                                  {"email": "x@example.org", "role": "emperor"}), 400, "invalid")
    assert "role" in error["fields"]  # type: ignore[operator]
    error = assert_error(api.post("org_admin_a", "/organisations/council-a/invitations",
                                  {"email": "nope", "role": "member"}), 400, "invalid")
    assert "email" in error["fields"]  # type: ignore[operator]
    error = assert_error(api.post("org_admin_a", "/organisations/council-a/invitations",
                                  {"email": "x@example.org", "colour": "red"}), 400, "invalid")
    assert "colour" in error["fields"]  # type: ignore[operator]
