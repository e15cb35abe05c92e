"""The client's address behind the proxies the operator configured, and only then
(core/client_address.py): rate limits count each visitor, not the proxy."""

from __future__ import annotations

import pytest
from django.http import HttpRequest
from django.test import RequestFactory, override_settings

from commonground.core.client_address import client_address
from commonground.tensions import throttle

PROXY = "10.0.0.2"  # the nginx in front of gunicorn, as in docs/deployment.md


def request_from(forwarded: str | None, *, remote: str = PROXY) -> HttpRequest:
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().post("/report/", REMOTE_ADDR=remote, **extra)


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_one_proxy_the_client_is_the_address_it_appended() -> None:
    assert client_address(request_from("203.0.113.7")) == "203.0.113.7"
    # A visitor who writes their own header only adds entries to the left of theirs.
    spoofed = request_from("198.51.100.1, 203.0.113.7")
    assert client_address(spoofed) == "203.0.113.7"


@override_settings(TRUSTED_PROXY_COUNT=2)
def test_behind_a_load_balancer_and_nginx_the_client_is_second_from_the_right() -> None:
    forwarded = "198.51.100.1, 203.0.113.7, 192.0.2.10"  # spoof, client, load balancer
    assert client_address(request_from(forwarded)) == "203.0.113.7"


def test_without_a_configured_proxy_the_header_is_ignored() -> None:
    assert client_address(request_from("203.0.113.7")) == PROXY


@override_settings(TRUSTED_PROXY_COUNT=1, TRUSTED_PROXY_HEADER="X-Real-IP")
def test_the_header_is_a_setting() -> None:
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_REAL_IP="203.0.113.7",
                                   HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert client_address(request) == "203.0.113.7"


@pytest.mark.django_db
@override_settings(TRUSTED_PROXY_COUNT=1, REPORT_RATE_LIMIT=3)
def test_two_clients_behind_the_proxy_have_their_own_report_allowance() -> None:
    first = [throttle.over_limit(request_from("203.0.113.7")) for _ in range(4)]
    assert first == [False, False, False, True]
    assert not throttle.over_limit(request_from("203.0.113.8"))


@pytest.mark.django_db
@override_settings(REPORT_RATE_LIMIT=3)
def test_a_spoofed_header_without_a_trusted_proxy_gets_no_fresh_allowance() -> None:
    for n in range(3):
        assert not throttle.over_limit(request_from(f"198.51.100.{n}"))
    assert throttle.over_limit(request_from("198.51.100.99"))
