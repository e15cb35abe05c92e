"""The forum pages as a browser without JavaScript sees them, persona by persona."""

from __future__ import annotations

import datetime
import re
from html.parser import HTMLParser

import pytest
from django.utils import timezone

from commonground.forums.models import Post, Report, Subscription, Thread
from commonground.forums.services import posts as post_services
from tests.core.test_markdown import dangerous_parts
from tests.forums.conftest import Forum, signed_in
from tests.personas import PERSONAS

pytestmark = pytest.mark.django_db

MEMBERS = {"officer_a", "officer_b"}


def test_the_index_lists_regional_forums_first_and_private_groups_to_members(
    forum: Forum,
) -> None:
    for persona in PERSONAS:
        response = signed_in(forum[persona]).get("/forums/")
        if persona == "anonymous":
            assert response.status_code == 302 and "/account/sign-in/" in response["Location"]
            continue
        html = response.content.decode()
        assert html.index("North East forum") < html.index("Wales forum") < html.index(
            "Hate crime leads")
        assert ("Greater Manchester cohesion leads" in html) == (persona in MEMBERS), persona


@pytest.mark.parametrize("which", ["group", "thread"])
def test_private_pages_are_not_found_for_non_members(forum: Forum, which: str) -> None:
    url = (f"/forums/groups/{forum.private.slug}/" if which == "group"
           else f"/forums/threads/{forum.private_thread.pk}/")
    for persona in PERSONAS:
        status = signed_in(forum[persona]).get(url).status_code
        expected = 302 if persona == "anonymous" else 200 if persona in MEMBERS else 404
        assert status == expected, persona


def test_closed_groups_show_their_page_but_not_their_threads(forum: Forum) -> None:
    html = signed_in(forum["resident"]).get(f"/forums/groups/{forum.closed.slug}/"
                                            ).content.decode()
    assert "Only members read the threads of a closed group." in html
    assert "Reporting centre training" not in html and "Ask to join" in html
    assert signed_in(forum["resident"]).get(
        f"/forums/threads/{forum.closed_thread.pk}/").status_code == 404


class _Scripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self.scripts.append(dict(attrs))


def test_a_hostile_post_renders_harmlessly_in_the_page(forum: Forum) -> None:
    body = ('<script>alert("xss")</script> [click me](javascript:alert(1)) '
            '<img src=x onerror=alert(1)> [data](data:text/html,<script>alert(1)</script>) '
            '<iframe src="https://evil.example"></iframe> <svg onload=alert(1)>')
    post_services.reply(actor=forum["partner"], thread=forum.open_thread, body=body)
    html = signed_in(forum["officer_a"]).get(
        f"/forums/threads/{forum.open_thread.pk}/").content.decode()
    parser = _Scripts()
    parser.feed(html)
    # The only scripts are our own modules, which the CSP allows; none came from the post.
    assert parser.scripts and all(
        s.get("type") == "module" and (s.get("src") or "").startswith("/static/")
        for s in parser.scripts)
    page_tags = {"script", "form", "input", "button", "textarea", "link", "meta", "select"}
    assert dangerous_parts(html, allowed_tags=page_tags) == []
    assert '&lt;script&gt;alert("xss")&lt;/script&gt;' in html  # shown as text
    assert 'href="javascript:' not in html.lower()


def test_a_member_posts_a_thread_and_replies(forum: Forum) -> None:
    client = signed_in(forum["partner"])
    response = client.post(f"/forums/groups/{forum.open.slug}/new-thread/",
                           {"title": "", "body": ""})
    html = response.content.decode()
    assert response.status_code == 200 and "<title>Error: Start a thread" in html
    assert 'href="#id_title"' in html and 'href="#id_body"' in html
    response = client.post(f"/forums/groups/{forum.open.slug}/new-thread/",
                           {"title": "Volunteer training", "body": "**Who** runs yours?"})
    thread = Thread.objects.get(title="Volunteer training")
    assert response["Location"] == f"/forums/threads/{thread.pk}/"
    response = client.post(f"/forums/threads/{thread.pk}/reply/", {"body": "Also: budgets?"})
    reply = thread.posts.get(is_opening=False)
    assert response["Location"] == f"/forums/threads/{thread.pk}/#post-{reply.pk}"
    html = client.get(f"/forums/threads/{thread.pk}/").content.decode()
    assert "<strong>Who</strong> runs yours?" in html and "Also: budgets?" in html


def test_non_members_are_asked_to_join_instead_of_replying(forum: Forum) -> None:
    client = signed_in(forum["resident"])
    html = client.get(f"/forums/threads/{forum.open_thread.pk}/").content.decode()
    assert "to reply." in html and "Post reply" not in html
    response = client.post(f"/forums/threads/{forum.open_thread.pk}/reply/", {"body": "Hi"})
    assert response.status_code == 200
    assert "Join North West forum to post in it." in response.content.decode()
    client.post(f"/forums/groups/{forum.open.slug}/join/")
    assert "Post reply" in client.get(f"/forums/threads/{forum.open_thread.pk}/"
                                      ).content.decode()


def test_the_rate_limit_message_shows_on_the_form(forum: Forum, settings: object) -> None:
    partner = forum["partner"]
    partner.date_joined = timezone.now() - datetime.timedelta(days=1)
    partner.save()
    client = signed_in(partner)
    for n in range(5):
        client.post(f"/forums/threads/{forum.open_thread.pk}/reply/", {"body": f"Reply {n}"})
    response = client.post(f"/forums/threads/{forum.open_thread.pk}/reply/", {"body": "Six"})
    assert response.status_code == 200
    assert "New accounts can post 5 times an hour" in response.content.decode()
    assert Post.objects.filter(author=partner, body="Six").count() == 0


def test_editing_shows_history_to_the_author(forum: Forum) -> None:
    client = signed_in(forum["partner"])
    post = forum.open_reply
    client.post(f"/forums/posts/{post.pk}/edit/", {"body": "Edited text"})
    html = client.get(f"/forums/posts/{post.pk}/history/").content.decode()
    assert "Edited text" in html and "We ask the faith forum first." in html
    assert signed_in(forum["resident"]).get(f"/forums/posts/{post.pk}/history/"
                                            ).status_code == 404
    assert signed_in(forum["officer_a"]).get(f"/forums/posts/{post.pk}/edit/"
                                             ).status_code == 403


def test_report_hide_and_restore_through_the_pages(forum: Forum) -> None:
    post = forum.open_reply
    signed_in(forum["resident"]).post(f"/forums/posts/{post.pk}/report/",
                                      {"reason": "Advertising"})
    moderator = signed_in(forum["moderator"])
    html = moderator.get("/forums/moderation/").content.decode()
    assert "Advertising" in html and "We ask the faith forum first." in html
    response = moderator.post(f"/forums/posts/{post.pk}/hide/", {"reason": ""})
    assert "<title>Error: Hide a post" in response.content.decode()
    moderator.post(f"/forums/posts/{post.pk}/hide/", {"reason": "Advertising a business"})
    assert Report.objects.get().outcome == "hidden"
    thread_url = f"/forums/threads/{forum.open_thread.pk}/"
    others = signed_in(forum["resident"]).get(thread_url).content.decode()
    assert "This post has been hidden by a moderator." in others
    assert "We ask the faith forum first." not in others
    author = signed_in(forum["partner"]).get(thread_url).content.decode()
    assert "Reason: Advertising a business" in author and "We ask the faith forum" in author
    moderator.post(f"/forums/posts/{post.pk}/restore/")
    assert "We ask the faith forum first." in signed_in(forum["resident"]).get(
        thread_url).content.decode()
    assert signed_in(forum["officer_a"]).post(f"/forums/posts/{post.pk}/restore/"
                                              ).status_code == 403


def test_the_queue_is_for_moderators_and_managers(forum: Forum) -> None:
    assert signed_in(forum["resident"]).get("/forums/moderation/").status_code == 403
    assert signed_in(forum["officer_a"]).get("/forums/moderation/").status_code == 200


def test_pin_lock_and_subscriptions_through_the_pages(forum: Forum) -> None:
    manager = signed_in(forum["officer_a"])
    url = f"/forums/threads/{forum.closed_thread.pk}/"
    manager.post(url + "moderate/", {"action": "pin"})
    manager.post(url + "moderate/", {"action": "lock"})
    thread = Thread.objects.get(pk=forum.closed_thread.pk)
    assert thread.is_pinned and thread.is_locked
    assert "This thread is locked" in manager.get(url).content.decode()
    assert signed_in(forum["partner"]).post(url + "moderate/", {"action": "unlock"}
                                            ).status_code == 403
    partner = signed_in(forum["partner"])
    partner.post(url + "follow/")
    partner.post(f"/forums/groups/{forum.open.slug}/follow/")
    html = partner.get("/forums/subscriptions/").content.decode()
    assert "Reporting centre training" in html and "North West forum" in html
    subscription = Subscription.objects.get(user=forum["partner"], thread=thread)
    assert signed_in(forum["officer_a"]).post(
        f"/forums/subscriptions/{subscription.pk}/remove/").status_code == 404
    partner.post(f"/forums/subscriptions/{subscription.pk}/remove/")
    assert not Subscription.objects.filter(pk=subscription.pk).exists()


def test_managers_approve_requests_and_add_members(forum: Forum) -> None:
    manager = signed_in(forum["officer_a"])
    members_url = f"/forums/groups/{forum.closed.slug}/members/"
    html = manager.get(members_url).content.decode()
    assert "officer_b@example.org" in html  # asking to join
    request = forum.closed.memberships.get(user=forum["officer_b"])
    manager.post(f"/forums/members/{request.pk}/decide/", {"decision": "approve"})
    request.refresh_from_db()
    assert request.status == "active"
    response = manager.post(f"/forums/groups/{forum.closed.slug}/members/add/",
                            {"email": "nobody@example.org"})
    assert "There is no Common Ground account with this email address." in (
        response.content.decode())
    assert re.search(r"<title>Error: Members", response.content.decode())
    assert signed_in(forum["partner"]).post(
        f"/forums/members/{request.pk}/decide/", {"decision": "approve"}).status_code == 404


def test_forms_work_without_javascript_and_every_form_has_a_csrf_token(forum: Forum) -> None:
    html = signed_in(forum["officer_a"]).get(
        f"/forums/threads/{forum.closed_thread.pk}/").content.decode()
    assert html.count("<form") == html.count('name="csrfmiddlewaretoken"') >= 4
