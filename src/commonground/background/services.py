"""Writes of the background work page: a platform administrator retries an email."""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from commonground.background.models import EmailStatus, OutgoingEmail
from commonground.background.queue import enqueue_on_commit
from commonground.core import audit
from commonground.core.errors import Conflict


@transaction.atomic
def retry_email(*, actor: AbstractBaseUser, email: OutgoingEmail) -> OutgoingEmail:
    """Send a failed (or waiting) email again now; its attempts start afresh."""
    from commonground.background.tasks import send_emails

    if email.status not in (EmailStatus.FAILED, EmailStatus.RETRYING):
        raise Conflict(_("Only an email that failed or waits to retry can be sent again."))
    old = {"status": email.status, "attempts": email.attempts}
    email.status, email.attempts, email.next_attempt_at = EmailStatus.QUEUED, 0, timezone.now()
    email.save(update_fields=["status", "attempts", "next_attempt_at"])
    audit.record(actor=actor, action=audit.Action.EMAIL_RETRY, obj=email, old=old,
                 new={"status": email.status})  # the label names the kind, not the address
    enqueue_on_commit(send_emails, [email.pk])
    return email
