"""Sign-in lockouts per account and address, and the limit on password-reset emails
(accounts/throttle.py): a stranger's guesses never lock the owner out, and the reset
form cannot flood an inbox."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse

from commonground.core.errors import RateLimited
from commonground.core.middleware import render_domain_error
from tests.personas import PASSWORD, World

pytestmark = pytest.mark.django_db

ATTACKER, OWNER = "198.51.100.66", "203.0.113.7"


def sign_in(address: str, email: str, password: str) -> tuple[int, Client, Any]:
    client = Client(REMOTE_ADDR=address)
    response = client.post(reverse("accounts:sign-in"), {"email": email, "password": password})
    return response.status_code, client, response


def test_wrong_passwords_from_one_address_do_not_stop_the_owner_from_another(
        world: World) -> None:
    for _ in range(8):
        sign_in(ATTACKER, "officer_a@example.org", "guess")
    # The guesser's address is locked out of that account, even with the right password...
    status, client, response = sign_in(ATTACKER, "officer_a@example.org", PASSWORD)
    assert status == 429 and response["Retry-After"] == "900"
    assert "_auth_user_id" not in client.session
    # ...while the owner at the office signs in, and so does a colleague next to the guesser.
    status, client, _ = sign_in(OWNER, "officer_a@example.org", PASSWORD)
    assert status == 302 and client.session["_auth_user_id"] == str(world["officer_a"].pk)
    assert sign_in(ATTACKER, "officer_b@example.org", PASSWORD)[0] == 302


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_the_proxy_each_visitor_has_their_own_count(world: World) -> None:
    def through_proxy(visitor: str, password: str) -> int:
        client = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=visitor)
        return client.post(reverse("accounts:sign-in"),
                           {"email": "officer_a@example.org", "password": password}).status_code

    for _ in range(5):
        through_proxy(ATTACKER, "guess")
    assert through_proxy(ATTACKER, PASSWORD) == 429
    assert through_proxy(OWNER, PASSWORD) == 302


def test_a_success_clears_the_count_for_that_address(world: World) -> None:
    for _ in range(4):
        sign_in(OWNER, "officer_a@example.org", "typo")
    assert sign_in(OWNER, "officer_a@example.org", PASSWORD)[0] == 302
    for _ in range(4):
        sign_in(OWNER, "officer_a@example.org", "typo")
    assert sign_in(OWNER, "officer_a@example.org", PASSWORD)[0] == 302


def _reset(client: Client, email: str) -> int:
    response = client.post(reverse("accounts:password-reset"), {"email": email})
    assert response["Location"] == reverse("accounts:password-reset-sent")
    return response.status_code


def test_twenty_reset_requests_send_at_most_the_limit(
        world: World, django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        answers = {_reset(Client(REMOTE_ADDR=f"198.51.100.{n}"), "officer_a@example.org")
                   for n in range(20)}
    assert answers == {302}  # every request sees the same page
    assert len(mail.outbox) == 3  # PASSWORD_RESET_EMAILS_PER_ACCOUNT
    assert {m.to[0] for m in mail.outbox} == {"officer_a@example.org"}


@override_settings(PASSWORD_RESET_EMAILS_PER_ADDRESS=2)
def test_one_address_cannot_send_resets_to_everyone(
        world: World, django_capture_on_commit_callbacks: Any) -> None:
    client = Client(REMOTE_ADDR=ATTACKER)
    with django_capture_on_commit_callbacks(execute=True):
        for persona in ("officer_a", "officer_b", "partner", "moderator"):
            _reset(client, f"{persona}@example.org")
    assert [m.to[0] for m in mail.outbox] == ["officer_a@example.org", "officer_b@example.org"]


def test_rate_limited_answers_say_when_to_retry(rf: Any) -> None:
    error = RateLimited("Too many.", retry_after=120)
    page = render_domain_error(rf.get("/forums/"), error)
    api = render_domain_error(rf.get("/api/v1/reports"), error)
    assert (page.status_code, page["Retry-After"]) == (429, "120")
    assert (api.status_code, api["Retry-After"]) == (429, "120")
