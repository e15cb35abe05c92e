"""Structured logs: one JSON line per request with its id and the user's id, and never a
token from the path, an address from the query string, an email or a client address."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from django.test import Client

from commonground.core.logs import JsonFormatter, RequestIdFilter
from tests.personas import World

pytestmark = pytest.mark.django_db


def lines(caplog: Any) -> list[dict[str, Any]]:
    """The request log's records, formatted as production writes them."""
    formatter, stamp = JsonFormatter(), RequestIdFilter()
    out = []
    for record in caplog.records:
        if record.name == "commonground.request":
            stamp.filter(record)
            out.append(json.loads(formatter.format(record)))
    return out


def test_a_request_is_one_json_line_with_its_id_and_the_user_id(
        world: World, caplog: Any) -> None:
    client = Client()
    client.force_login(world["officer_a"])
    token = "inv_SECRET-TOKEN-123"
    with caplog.at_level(logging.INFO, logger="commonground.request"):
        response = client.get(f"/account/invitation/{token}/?email=officer_a@example.org",
                              HTTP_X_REQUEST_ID="proxy-given-id-42",
                              REMOTE_ADDR="203.0.113.9")
    [line] = lines(caplog)
    assert response["X-Request-ID"] == "proxy-given-id-42"
    assert {k: line[k] for k in ("request_id", "method", "route", "status", "user_id",
                                 "logger", "level")} == {
        "request_id": "proxy-given-id-42", "method": "GET",
        "route": "account/invitation/<str:token>/", "status": response.status_code,
        "user_id": world["officer_a"].pk, "logger": "commonground.request", "level": "INFO"}
    assert isinstance(line["duration_ms"], float) and line["time"].endswith("Z")
    text = json.dumps(line)
    for secret in (token, "officer_a@example.org", "203.0.113.9", "Officer A"):
        assert secret not in text


def test_an_anonymous_request_gets_a_fresh_id_and_no_user(caplog: Any) -> None:
    with caplog.at_level(logging.INFO, logger="commonground.request"):
        response = Client().get("/api/v1/health", HTTP_X_REQUEST_ID="bad id; DROP")
    [line] = lines(caplog)
    assert line["request_id"] == response["X-Request-ID"] != "bad id; DROP"
    assert len(line["request_id"]) == 32 and "user_id" not in line


def test_django_s_not_found_warning_names_the_route_not_the_path(
        world: World, caplog: Any) -> None:
    from commonground.core.logs import WithoutPaths

    client = Client()
    with caplog.at_level(logging.WARNING, logger="django.request"):
        client.get("/account/invitation/inv_ANOTHER-SECRET/")
    [record] = [r for r in caplog.records if r.name == "django.request"]
    WithoutPaths().filter(record)
    text = JsonFormatter().format(record)
    assert "inv_ANOTHER-SECRET" not in text
    assert "account/invitation/<str:token>/" in json.loads(text)["message"]
