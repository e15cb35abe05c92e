"""Outgoing email: every email of the service is queued here and sent by a worker.

Services call :func:`queue_email` (or :func:`queue_emails` for several) inside their
transaction. Each email is rendered there and then, in the recipient's language (given,
or :func:`recipient_language`), so it describes what was saved; it is stored as an
``OutgoingEmail`` row and sent by the ``send_emails`` task once the transaction commits
(see :mod:`commonground.background.queue`). A mail server that fails cannot turn a saved
post into an error page: the send is retried with growing waits (``RETRY_AFTER``), and an
email that still fails is kept as failed, for the platform administrator to see and retry
on the background work page. Every recipient gets their own message, never a shared To.

Subjects may be given as a callable, evaluated inside the recipient's language, for
subjects that are translated and formatted (``lambda: _("…%(title)s") % {...}``).
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeAlias

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from commonground.background.models import EmailStatus, OutgoingEmail

logger = logging.getLogger(__name__)
# Waits before the second, third, ... attempt; after the last, the email is failed.
RETRY_AFTER = (datetime.timedelta(minutes=1), datetime.timedelta(minutes=10),
               datetime.timedelta(hours=1), datetime.timedelta(hours=6))
MAX_ATTEMPTS = len(RETRY_AFTER) + 1
# A user (our accounts.User; core's layer names Django's base class), or a bare address
# for someone with no account yet (an invitation).
Recipient: TypeAlias = AbstractBaseUser | str


@dataclass(frozen=True)
class Email:
    """One email to one person: a user (with ``email``) or a bare address."""

    to: Recipient
    subject: str | Callable[[], str]
    template: str
    context: Mapping[str, Any] = field(default_factory=dict)
    language: str | None = None


def recipient_language(to: object) -> str:
    """The language to write to ``to`` in: their own choice when the user model records
    one (a ``language`` field), otherwise the service's default."""
    return str(getattr(to, "language", "") or settings.LANGUAGE_CODE)


def _address(to: Recipient) -> str:
    return to if isinstance(to, str) else str(getattr(to, to.get_email_field_name()))


def _render(kind: str, email: Email, now: datetime.datetime) -> OutgoingEmail:
    language = email.language or recipient_language(email.to)
    context = {**email.context, "recipient": email.to, "site_url": settings.SITE_URL,
               "feedback_email": settings.FEEDBACK_EMAIL}
    with translation.override(language):
        subject = email.subject() if callable(email.subject) else str(email.subject)
        body = render_to_string(email.template, context)
    return OutgoingEmail(kind=kind, to=_address(email.to),
                         recipient_id=None if isinstance(email.to, str) else email.to.pk,
                         language=language, subject=" ".join(subject.split())[:255], body=body,
                         next_attempt_at=now)


@transaction.atomic
def queue_emails(*, kind: str, emails: Iterable[Email]) -> list[OutgoingEmail]:
    """Render and queue ``emails`` (all of one ``kind``, e.g. ``forums.new_post``); one
    task sends them all, once the caller's transaction commits."""
    from commonground.background.tasks import send_emails

    now = timezone.now()
    rows = [_render(kind, email, now) for email in emails if _address(email.to)]
    if not rows:
        return []
    for row in rows:  # one at a time: bulk_create gives no ids back on SQLite < 3.35
        row.save()
    from commonground.background.queue import enqueue_on_commit

    enqueue_on_commit(send_emails, [row.pk for row in rows])
    return rows


def queue_email(*, kind: str, to: Recipient, subject: str | Callable[[], str], template: str,
                context: Mapping[str, Any] | None = None,
                language: str | None = None) -> OutgoingEmail | None:
    """Render and queue one email; see :func:`queue_emails`."""
    rows = queue_emails(kind=kind, emails=[Email(to, subject, template, context or {},
                                                 language)])
    return rows[0] if rows else None


def _claim(pk: int, now: datetime.datetime) -> bool:
    """Take an email that is due, so that two tasks never send it twice."""
    return bool(OutgoingEmail.objects.filter(
        pk=pk, status__in=[EmailStatus.QUEUED, EmailStatus.RETRYING], next_attempt_at__lte=now,
    ).update(status=EmailStatus.SENDING))


def send_now(pks: list[int]) -> dict[str, int]:
    """Send the due emails among ``pks`` over one connection; record each one's fate.
    Returns counts by outcome. Used by the ``send_emails`` task."""
    now = timezone.now()
    claimed = [pk for pk in pks if _claim(pk, now)]
    outcome = {"sent": 0, "retrying": 0, "failed": 0}
    if not claimed:
        return outcome
    emails = list(OutgoingEmail.objects.filter(pk__in=claimed).order_by("pk"))
    try:
        connection = get_connection()
        connection.open()
    except Exception as exc:  # the server is down: every email waits for the next attempt
        for email in emails:
            outcome[_failed(email, exc)] += 1
        return outcome
    try:
        for email in emails:
            try:
                message = EmailMessage(subject=email.subject, body=email.body, to=[email.to],
                                       connection=connection)
                message.send()
            except Exception as exc:
                outcome[_failed(email, exc)] += 1
            else:
                OutgoingEmail.objects.filter(pk=email.pk).update(
                    status=EmailStatus.SENT, sent_at=timezone.now(), body="", last_error="",
                    attempts=email.attempts + 1)
                outcome["sent"] += 1
    finally:
        connection.close()
    return outcome


def _failed(email: OutgoingEmail, exc: Exception) -> str:
    attempts = email.attempts + 1
    error = f"{type(exc).__name__}: {exc}"[:500]
    logger.warning("Email %s (%s) attempt %d failed: %s", email.pk, email.kind, attempts, error)
    if attempts >= MAX_ATTEMPTS:
        status, due = EmailStatus.FAILED, email.next_attempt_at
    else:
        status, due = EmailStatus.RETRYING, timezone.now() + RETRY_AFTER[attempts - 1]
    OutgoingEmail.objects.filter(pk=email.pk).update(status=status, attempts=attempts,
                                                     last_error=error, next_attempt_at=due)
    return str(status)


def due_for_retry(*, grace: datetime.timedelta = datetime.timedelta(minutes=5)) -> list[int]:
    """Emails that should have been sent by now (``grace`` ago): retries whose time has
    come, and queued emails whose task was lost (a crash between commit and enqueue)."""
    return list(OutgoingEmail.objects.filter(
        status__in=[EmailStatus.QUEUED, EmailStatus.RETRYING],
        next_attempt_at__lte=timezone.now() - grace).values_list("pk", flat=True)[:500])
