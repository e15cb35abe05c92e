"""The forums in Welsh: pages, messages, and emails in each recipient's own language
with links to the pages in that language."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail

from commonground.accounts import services as account_services
from commonground.forums.services import groups as group_services
from commonground.forums.services import posts as post_services
from commonground.forums.services import subscriptions
from tests.forums.conftest import Forum, signed_in

pytestmark = pytest.mark.django_db


def test_the_forum_pages_read_in_welsh(forum: Forum) -> None:
    client = signed_in(forum["officer_a"])
    index = client.get("/cy/forums/").content.decode()
    for welsh in ("Fforymau rhanbarthol", "Chwilio’r fforymau", "Eich tanysgrifiadau",
                  "Pwy sy’n gallu ei weld", "Agored"):
        assert welsh in index, welsh
    thread = client.get(f"/cy/forums/threads/{forum.open_thread.pk}/").content.decode()
    for welsh in ("Dilyn yr edefyn hwn drwy e-bost", "Postio ateb", "Eich ateb"):
        assert welsh in thread, welsh
    assert "Post reply" not in thread and "Follow this thread" not in thread
    found = client.get("/cy/forums/search/", {"q": "volunteers"}).content.decode()
    assert "Cafwyd hyd i 1 edefyn" in found


def test_each_subscriber_hears_of_a_reply_in_their_own_language(
    forum: Forum, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    welsh, english = forum["partner"], forum["officer_a"]
    account_services.set_language(actor=welsh, language="cy")
    for user in (welsh, english):
        subscriptions.subscribe(actor=user, thread=forum.open_thread)
    group_services.join_group(actor=forum["resident"], group=forum.open)
    with django_capture_on_commit_callbacks(execute=True):
        post_services.reply(actor=forum["resident"], thread=forum.open_thread,
                            body="Libraries helped us.")
    by_person = {m.to[0]: m for m in mail.outbox}
    cy, en = by_person[welsh.email], by_person[english.email]
    assert cy.subject == "Ateb newydd yn North West forum: ESOL conversation clubs"
    assert "Darllenwch ef ac atebwch: " in cy.body and "/cy/forums/threads/" in cy.body
    assert "Rydych yn cael yr e-bost hwn oherwydd eich bod yn dilyn yr edefyn hwn." in cy.body
    assert en.subject == "New reply in North West forum: ESOL conversation clubs"
    assert "/cy/" not in en.body and "Read it and reply: " in en.body
