"""The platform administrator's background work page, in a browser: readable, accessible,
and its retry button sends an undelivered email again."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from commonground.background.models import EmailStatus, Heartbeat, OutgoingEmail, ProcessKind
from tests.e2e.conftest import Axe
from tests.e2e.test_invitation_journey import sign_in
from tests.personas import World

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_platform_admin_retries_an_undelivered_email(page: Any, axe: Axe,
                                                          world: World) -> None:
    now = timezone.now()
    Heartbeat.objects.create(process_id="worker-test", kind=ProcessKind.WORKER, host="web-1",
                             pid=1, queues="*", started_at=now, seen_at=now)
    OutgoingEmail.objects.create(kind="forums.mention", to="officer_a@example.org",
                                 language="en-gb", subject="You were mentioned",
                                 body="Read it: http://127.0.0.1/forums/1/",
                                 status=EmailStatus.FAILED, attempts=5, next_attempt_at=now,
                                 last_error="SMTPServerDisconnected: Connection closed")
    sign_in(page, axe, "admin@example.org")
    page.goto("/account/")
    page.get_by_role("link", name="Background work").click()
    page.get_by_role("heading", name="Email not delivered").wait_for()
    axe.check(page)
    page.get_by_role("button", name="Send again email").click()
    page.get_by_text("is being sent again").wait_for()
    axe.check(page)
    assert page.get_by_text("Every email has been delivered.").is_visible()
    assert [m.to for m in mail.outbox] == [["officer_a@example.org"]]
