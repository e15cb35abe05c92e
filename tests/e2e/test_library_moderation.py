"""A practitioner shares a case study; a moderator returns, publishes, hides and restores it."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import Axe
from tests.personas import PASSWORD, World

pytestmark = pytest.mark.django_db(transaction=True)


def sign_in(page: Any, axe: Axe, email: str) -> None:
    page.goto("/account/sign-in/")
    page.get_by_label("Email address", exact=True).fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("button", name="Sign out").wait_for()


def sign_out(page: Any) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.get_by_text("You have signed out").wait_for()


def open_case_study(page: Any, axe: Axe, via: str) -> None:
    page.goto(via)
    axe.check(page)
    page.get_by_role("link", name="Trafford welcome cafés").first.click()
    page.get_by_role("heading", name="Trafford welcome cafés").wait_for()
    axe.check(page)


def test_submit_return_publish_hide_and_restore(page: Any, axe: Axe, world: World) -> None:
    sign_in(page, axe, "officer_a@example.org")
    page.goto("/library/")
    page.get_by_role("link", name="Submit a case study").click()
    axe.check(page)
    page.get_by_role("button", name="Submit for moderation").click()
    page.get_by_text("There is a problem").wait_for()
    axe.check(page)
    page.get_by_label("Title", exact=True).fill("Trafford welcome cafés")
    page.get_by_label("Summary", exact=True).fill(
        "Monthly cafés where new arrivals meet neighbours.")
    page.get_by_label("Council or organisation", exact=True).fill("Trafford Council")
    page.get_by_label("Anecdotal", exact=True).check()
    page.get_by_role("button", name="Submit for moderation").click()
    page.get_by_text("is waiting for a moderator").wait_for()
    axe.check(page)
    sign_out(page)

    # The moderator returns it with comments.
    sign_in(page, axe, "moderator@example.org")
    open_case_study(page, axe, "/library/moderation/")
    page.get_by_label("What should the author change?",
                      exact=True).fill("Say what changed for people.")
    page.get_by_role("button", name="Return to the author").click()
    page.get_by_text("has been returned to the author").wait_for()
    axe.check(page)
    sign_out(page)

    # The author reads the comment, edits, and it goes back to the queue.
    sign_in(page, axe, "officer_a@example.org")
    page.goto("/library/my-submissions/")
    page.get_by_text("Say what changed for people.").wait_for()
    axe.check(page)
    page.get_by_role("link", name="Trafford welcome cafés").click()
    page.get_by_role("link", name="Edit this case study").click()
    axe.check(page)
    page.get_by_label("What changed", exact=True).fill("Forty people came each month.")
    page.get_by_role("button", name="Save changes").click()
    page.get_by_text("have been saved").wait_for()
    page.get_by_text("Waiting for moderation").first.wait_for()
    axe.check(page)
    sign_out(page)

    # The moderator publishes it; everyone can now find it.
    sign_in(page, axe, "moderator@example.org")
    open_case_study(page, axe, "/library/moderation/")
    page.get_by_role("button", name="Publish").click()
    page.get_by_text("has been published").wait_for()
    axe.check(page)
    page.goto("/library/search/?q=welcome+cafes")
    assert page.get_by_role("link", name="Trafford welcome cafés").is_visible()

    # Hidden with a reason: gone from search; then restored.
    page.get_by_role("link", name="Trafford welcome cafés").click()
    page.get_by_label("Reason for hiding", exact=True).fill("It names a resident.")
    page.get_by_role("button", name="Hide").click()
    page.get_by_text("has been hidden").wait_for()
    axe.check(page)
    page.goto("/library/search/?q=welcome+cafes")
    assert page.get_by_role("link", name="Trafford welcome cafés").count() == 0
    axe.check(page)
    open_case_study(page, axe, "/library/moderation/")
    page.get_by_role("button", name="Restore").click()
    page.get_by_text("has been restored").wait_for()
    page.goto("/library/search/?q=welcome+cafes")
    assert page.get_by_role("link", name="Trafford welcome cafés").is_visible()
    sign_out(page)
