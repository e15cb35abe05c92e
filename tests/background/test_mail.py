"""Outgoing email: queued with the change it reports, sent by a task, retried when the
mail server fails, and failures shown to the platform administrator, who can retry."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
import time_machine
from django.core import mail as outbox
from django.test import Client, override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from commonground.accounts.models import Invitation
from commonground.background import mail
from commonground.background.access import require_platform_admin
from commonground.background.models import EmailStatus, OutgoingEmail
from commonground.background.tasks import retry_due_emails, send_emails
from commonground.core.errors import NotAuthenticated, NotFound
from commonground.core.models import AuditEvent
from tests.background.conftest import DATABASE_TASKS
from tests.personas import ALLOWED, World, assert_personas

pytestmark = pytest.mark.django_db
REFUSING = "tests.background.refusing_mail.RefusingBackend"


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def invite(world: World, capture: Any) -> Any:
    with capture(execute=True):  # the email's task runs once the invitation commits
        return signed_in(world["org_admin_a"]).post(
            "/account/organisations/council-a/invite/",
            {"email": "new.person@example.org", "role": "member"})


def test_an_email_is_sent_by_its_task_and_its_text_is_not_kept(
        world: World, django_capture_on_commit_callbacks: Any) -> None:
    response = invite(world, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert len(outbox.outbox) == 1 and outbox.outbox[0].to == ["new.person@example.org"]
    row = OutgoingEmail.objects.get()
    assert (row.kind, row.status, row.attempts, row.language) == (
        "accounts.invitation", EmailStatus.SENT, 1, "en-gb")
    assert row.body == ""  # it held the invitation link; sent, it is not needed


def test_a_mail_server_that_is_down_does_not_undo_the_invitation(
        world: World, django_capture_on_commit_callbacks: Any) -> None:
    with override_settings(EMAIL_BACKEND=REFUSING):
        response = invite(world, django_capture_on_commit_callbacks)
    # The invitation is saved and the page says so; before, this was a server error.
    assert response.status_code == 302
    assert Invitation.objects.filter(email="new.person@example.org").exists()
    row = OutgoingEmail.objects.get()
    assert (row.status, row.attempts) == (EmailStatus.RETRYING, 1)
    assert row.last_error == "SMTPServerDisconnected: Connection unexpectedly closed"
    assert row.next_attempt_at > timezone.now() and "/account/invitation/" in row.body


def test_with_the_database_queue_a_failed_email_is_retried_when_its_wait_is_over(
        world: World) -> None:
    with override_settings(EMAIL_BACKEND=REFUSING, TASKS=DATABASE_TASKS):
        row = mail.queue_email(kind="test.hello", to=world["officer_a"], subject="Hello",
                               template="tensions/email/early_warning.txt",
                               context={"council": "Trafford", "lines": [], "url": "/"})
        assert row is not None
        first = DBTaskResult.objects.get()  # queued in the same transaction as the row
        send_emails.call([row.pk])
    row.refresh_from_db()
    retry = DBTaskResult.objects.exclude(pk=first.pk).get()
    assert retry.args_kwargs == {"args": [[row.pk]], "kwargs": {}}
    assert retry.run_after == row.next_attempt_at  # not before the wait is over


def test_an_email_that_keeps_failing_is_failed_then_retried_by_the_platform_admin(
        world: World, django_capture_on_commit_callbacks: Any) -> None:
    start = timezone.now()
    with override_settings(EMAIL_BACKEND=REFUSING):
        invite(world, django_capture_on_commit_callbacks)
        row = OutgoingEmail.objects.get()
        moment = start
        for wait in mail.RETRY_AFTER:  # the scheduler's sweep, each time the wait is over
            moment += wait + datetime.timedelta(minutes=6)
            with time_machine.travel(moment, tick=False):
                assert retry_due_emails.call() == 1
        row.refresh_from_db()
        assert (row.status, row.attempts) == (EmailStatus.FAILED, mail.MAX_ATTEMPTS)
        with time_machine.travel(moment + datetime.timedelta(days=1), tick=False):
            assert retry_due_emails.call() == 0  # failed for good: no more tries
    admin = signed_in(world["admin"])
    page = admin.get("/background/").content.decode()
    emails = page.split('data-testid="emails"')[1].split("</table>")[0]
    assert "accounts.invitation" in emails and "new.person@example.org" in emails
    assert "Failed" in emails and "SMTPServerDisconnected" in emails
    assert "You are invited" not in page  # subjects can quote private things: not shown
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(f"/background/emails/{row.pk}/retry/")
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.status == EmailStatus.SENT and row.body == ""
    assert len(outbox.outbox) == 1
    assert re.search(r"/account/invitation/\S+/", outbox.outbox[0].body)
    event = AuditEvent.objects.get(action="email.retry")
    assert event.actor == world["admin"] and event.new_values == {"status": "queued"}
    assert "new.person@example.org" not in event.object_label


def test_only_the_platform_admin_sees_the_background_work_page(world: World) -> None:
    assert_personas(world, require_platform_admin, {
        "anonymous": NotAuthenticated, "resident": NotFound, "officer_a": NotFound,
        "org_admin_a": NotFound, "officer_b": NotFound, "partner": NotFound,
        "moderator": NotFound, "admin": ALLOWED})
    assert signed_in(world["officer_a"]).get("/background/").status_code == 404
    row = OutgoingEmail.objects.create(kind="test", to="x@example.org", language="en-gb",
                                       subject="s", body="b", status=EmailStatus.FAILED,
                                       next_attempt_at=timezone.now())
    response = signed_in(world["org_admin_a"]).post(f"/background/emails/{row.pk}/retry/")
    assert response.status_code == 404
    row.refresh_from_db()
    assert row.status == EmailStatus.FAILED


def test_the_language_is_the_one_given_or_the_recipient_s(world: World) -> None:
    class Welsh:
        email = "cymraeg@example.org"
        language = "cy"

    assert mail.recipient_language(world["officer_a"]) == "en-gb"
    assert mail.recipient_language(Welsh()) == "cy"
    row = mail.queue_email(kind="test.hello", to="someone@example.org", subject=lambda: "Helo",
                           template="tensions/email/early_warning.txt", language="cy",
                           context={"council": "Caerdydd", "lines": [], "url": "/"})
    assert row is not None and (row.language, row.subject) == ("cy", "Helo")
    assert "Caerdydd" in row.body
