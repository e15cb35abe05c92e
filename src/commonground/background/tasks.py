"""The background app's own tasks: sending email, and the housekeeping the scheduler runs
(retries, retention of core's audit log, of sent email and of finished task rows)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone
from django_tasks import task
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from commonground.background import mail
from commonground.background.models import EmailStatus, OutgoingEmail
from commonground.background.schedule import daily, every, scheduled
from commonground.background.worker import on_failure
from commonground.core import retention


@task()
def send_emails(email_ids: list[int]) -> dict[str, int]:
    """Send the queued emails ``email_ids``; those that fail are retried later."""
    outcome = mail.send_now(email_ids)
    if outcome["retrying"]:
        retry = list(OutgoingEmail.objects.filter(pk__in=email_ids, status=EmailStatus.RETRYING)
                     .values_list("pk", "next_attempt_at"))
        if retry and send_emails.get_backend().supports_defer:
            send_emails.using(run_after=min(due for _, due in retry)).enqueue(
                [pk for pk, _ in retry])
    return outcome


@on_failure(send_emails)
def _unclaim(email_ids: list[int]) -> None:
    # The worker stopped mid-send: whether the server took an email in hand is unknown;
    # sending it again risks a duplicate, which beats losing it.
    OutgoingEmail.objects.filter(pk__in=email_ids, status=EmailStatus.SENDING).update(
        status=EmailStatus.RETRYING, next_attempt_at=timezone.now())


@scheduled(every(minutes=5))
@task()
def retry_due_emails() -> int:
    """Send emails whose retry is due, or whose task was lost; returns how many."""
    due = mail.due_for_retry()
    if due:
        send_emails.enqueue(due)
    return len(due)


@scheduled(daily(at=datetime.time(3, 0)))
@task()
def purge_audit_log() -> int:
    return retention.purge_audit_log()


@scheduled(daily(at=datetime.time(3, 10)))
@task()
def purge_old_background_records() -> dict[str, int]:
    """Outgoing email rows (they hold addresses) after RETENTION_OUTGOING_EMAIL_DAYS, and
    finished task rows after RETENTION_TASK_RESULTS_DAYS."""
    now = timezone.now()
    emails, _ = OutgoingEmail.objects.filter(
        created_at__lt=now - datetime.timedelta(days=settings.RETENTION_DAYS["outgoing_email"]),
        status__in=[EmailStatus.SENT, EmailStatus.FAILED]).delete()
    results, _ = DBTaskResult.objects.filter(
        status__in=[TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED],
        finished_at__lt=now - datetime.timedelta(days=settings.RETENTION_DAYS["task_results"]),
    ).delete()
    return {"emails": emails, "task_results": results}
