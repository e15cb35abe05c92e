"""Forums in a real browser: join, post, reply, follow; report, hide and restore; a
private group stays invisible; a hostile post runs nothing. axe on every page.
"""

from __future__ import annotations

from typing import Any

import pytest

from commonground.forums.services import posts as post_services
from tests.e2e.conftest import Axe
from tests.forums.conftest import Forum, build_forum
from tests.personas import PASSWORD, World

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def forum(world: World) -> Forum:
    return build_forum(world)


def sign_in(page: Any, axe: Axe, email: str) -> None:
    page.goto("/account/sign-in/?next=/forums/")
    axe.check(page)
    page.get_by_label("Email address", exact=True).fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Forums", exact=True).wait_for()
    axe.check(page)


def sign_out(page: Any) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.get_by_text("You have signed out").wait_for()


def test_a_practitioner_joins_posts_replies_and_follows(page: Any, axe: Axe,
                                                          forum: Forum) -> None:
    sign_in(page, axe, "resident@example.org")
    page.get_by_role("link", name="London forum").click()
    page.get_by_role("heading", name="London forum").wait_for()
    axe.check(page)
    page.get_by_role("button", name="Join this group").click()
    page.get_by_text("You have joined London forum.").wait_for()
    axe.check(page)

    page.get_by_role("link", name="Start a thread").click()
    axe.check(page)
    page.get_by_role("button", name="Post thread").click()
    page.get_by_text("There is a problem").wait_for()  # nothing filled in
    axe.check(page)
    page.get_by_label("Title", exact=True).fill("Welcome events for new residents")
    page.get_by_label("Your post",
                      exact=True).fill("Has anyone run **welcome events** with the library?")
    page.get_by_role("button", name="Post thread").click()
    page.get_by_role("heading", name="Welcome events for new residents").wait_for()
    assert page.locator("strong", has_text="welcome events").is_visible()
    axe.check(page)

    page.get_by_label("Your reply", exact=True).fill("We could start with the spring fair.")
    page.get_by_role("button", name="Post reply").click()
    page.get_by_text("Your reply has been posted.").wait_for()
    assert page.get_by_test_id("post").count() == 2
    axe.check(page)

    page.get_by_role("button", name="Follow this thread by email").click()
    page.get_by_text("You will get an email about each new reply").first.wait_for()
    axe.check(page)
    page.goto("/forums/subscriptions/")
    assert page.get_by_role("link", name="Welcome events for new residents").is_visible()
    axe.check(page)

    page.goto("/forums/search/?q=spring+fair")
    page.get_by_role("link", name="Welcome events for new residents").wait_for()
    axe.check(page)


def test_a_moderator_hides_a_reported_post_and_restores_it(page: Any, axe: Axe,
                                                           forum: Forum) -> None:
    thread_url = f"/forums/threads/{forum.open_thread.pk}/"
    sign_in(page, axe, "resident@example.org")
    page.goto(thread_url)
    axe.check(page)
    page.get_by_role("link", name="Report the post by Partner").click()
    axe.check(page)
    page.get_by_label("What is wrong with this post?", exact=True).fill("It advertises a business.")
    page.get_by_role("button", name="Send report").click()
    page.get_by_text("The group's moderators will look at the post").wait_for()
    sign_out(page)

    sign_in(page, axe, "moderator@example.org")
    page.get_by_role("link", name="Reported posts").click()
    page.get_by_text("It advertises a business.").wait_for()
    axe.check(page)
    page.get_by_role("link", name="Hide the post reported by Rita Resident").click()
    axe.check(page)
    page.get_by_role("button", name="Hide the post").click()
    page.get_by_text("There is a problem").wait_for()  # a reason is required
    axe.check(page)
    page.get_by_label("Why are you hiding this post?",
                      exact=True).fill("Advertising is not allowed here.")
    page.get_by_role("button", name="Hide the post").click()
    page.get_by_text("The post is hidden, and its author has been told why.").wait_for()
    assert page.get_by_test_id("hidden-notice").inner_text().count("Advertising is not allowed")
    axe.check(page)
    sign_out(page)

    sign_in(page, axe, "resident@example.org")
    page.goto(thread_url)
    page.get_by_test_id("post-hidden").wait_for()
    assert "We ask the faith forum first." not in page.content()
    axe.check(page)
    sign_out(page)

    sign_in(page, axe, "moderator@example.org")
    page.goto(thread_url)
    page.get_by_role("button", name="Restore the post by Partner").click()
    page.get_by_text("The post is visible again").wait_for()
    assert page.get_by_text("We ask the faith forum first.").is_visible()
    axe.check(page)


def test_a_non_member_cannot_see_the_private_group(page: Any, axe: Axe, forum: Forum) -> None:
    sign_in(page, axe, "partner@example.org")
    assert page.get_by_role("link", name="Hate crime leads").is_visible()
    assert page.get_by_text("Greater Manchester cohesion leads").count() == 0
    page.goto(f"/forums/groups/{forum.private.slug}/")
    page.get_by_role("heading", name="Page not found").wait_for()
    axe.check(page)
    page.goto("/forums/search/?q=marmalade")
    page.get_by_text("0 threads found").wait_for()
    axe.check(page)
    sign_out(page)

    sign_in(page, axe, "officer_b@example.org")
    page.get_by_role("link", name="Greater Manchester cohesion leads").click()
    page.get_by_role("link", name="Summer events messaging").wait_for()
    axe.check(page)


def test_a_hostile_post_runs_no_script(page: Any, axe: Axe, forum: Forum) -> None:
    post_services.reply(
        actor=forum["partner"], thread=forum.open_thread,
        body='<script>alert("xss")</script> [click me](javascript:alert(1)) '
             '<img src=x onerror=alert(1)> <svg onload=alert(1)> '
             '[data](data:text/html,<script>alert(1)</script>)')
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    sign_in(page, axe, "officer_a@example.org")
    page.goto(f"/forums/threads/{forum.open_thread.pk}/")
    page.get_by_text('<script>alert("xss")</script>').wait_for()  # shown as text
    axe.check(page)
    # The javascript: "link" is plain text, so there is nothing to click through.
    assert page.locator("a[href^='javascript']").count() == 0
    assert page.locator("[data-testid=post-body] img, [data-testid=post-body] svg").count() == 0
    assert dialogs == []
    # The page fixture then fails the test on any console error or CSP violation.
