"""A new user's first visit: invited, signs up, sees their organisation, makes a token."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail

from tests.e2e.conftest import Axe
from tests.personas import PASSWORD, World

pytestmark = pytest.mark.django_db(transaction=True)


def sign_in(page: Any, axe: Axe, email: str, password: str = PASSWORD) -> None:
    page.goto("/account/sign-in/")
    axe.check(page)
    page.get_by_label("Email address", exact=True).fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_invited_officer_joins_and_makes_an_api_token(page: Any, axe: Axe, world: World) -> None:
    page.goto("/")
    axe.check(page)

    # The council's administrator invites a new officer.
    sign_in(page, axe, "org_admin_a@example.org")
    page.goto("/account/organisations/council-a/")
    axe.check(page)
    page.get_by_label("Email address", exact=True).fill("nina.new@example.org")
    page.get_by_label("Role", exact=True).select_option("officer")
    page.get_by_role("button", name="Send invitation").click()
    page.get_by_text("We have emailed an invitation to nina.new@example.org").wait_for()
    axe.check(page)
    page.get_by_role("button", name="Sign out").click()
    page.get_by_text("You have signed out").wait_for()

    # The new officer opens the link from the email and creates an account.
    link = re.search(r"https?://\S+/account/invitation/\S+/", mail.outbox[-1].body)
    assert link is not None
    page.goto(link.group(0).split("/account/", 1)[1].join(["/account/", ""]))
    axe.check(page)
    page.get_by_role("button", name="Create account and join").click()
    page.get_by_text("There is a problem").wait_for()  # nothing filled in yet
    axe.check(page)
    page.get_by_label("Full name", exact=True).fill("Nina New")
    page.get_by_label("Create a password", exact=True).fill("a long unusual passphrase")
    page.get_by_role("button", name="Create account and join").click()

    # They see their organisation, with themselves in it.
    page.get_by_role("heading", name="Trafford Council").wait_for()
    assert page.get_by_role("cell", name="nina.new@example.org").is_visible()
    axe.check(page)

    # They make an API token and it works.
    page.get_by_role("link", name="Your account").click()
    axe.check(page)
    page.get_by_label("Token name", exact=True).fill("Ward dashboard")
    page.get_by_role("button", name="Create token").click()
    secret = page.get_by_test_id("token-secret").inner_text().strip()
    axe.check(page)
    me = page.request.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    assert me.ok and me.json()["email"] == "nina.new@example.org"
    assert me.json()["memberships"][0]["role"] == "officer"

    page.get_by_role("button", name="Sign out").click()
    page.get_by_text("You have signed out").wait_for()
    assert page.get_by_role("link", name="Sign in").first.is_visible()


def test_public_pages_pass_axe(page: Any, axe: Axe, world: World) -> None:
    for path in ["/", "/accessibility/", "/api/v1/docs", "/account/sign-in/",
                 "/account/password-reset/", "/no-such-page/"]:
        page.goto(path)
        axe.check(page)
    assert len(axe.checked) == 6
