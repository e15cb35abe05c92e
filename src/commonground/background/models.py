"""What background work leaves in the database besides django-tasks' own task rows:
outgoing email and its fate, the scheduler's record of due jobs, and the heartbeats of
running workers and schedulers."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from commonground.core.choices import ChoiceLabels


class EmailStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    RETRYING = "retrying", _("Waiting to retry")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class OutgoingEmail(ChoiceLabels):
    """One email to one person, rendered in their language when it was queued.

    The body is kept only while the email may still be sent (queued, retrying or failed,
    so an administrator can retry it): it can hold a password-reset or invitation link, so
    it is emptied once sent. Rows are deleted after RETENTION_OUTGOING_EMAIL_DAYS.
    """

    kind = models.CharField(max_length=60, help_text="What the email is, e.g. forums.mention")
    to = models.EmailField(max_length=254)
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    language = models.CharField(max_length=10)
    subject = models.CharField(max_length=255)
    body = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=EmailStatus.choices,
                              default=EmailStatus.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    last_error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="email_due")]

    def __str__(self) -> str:
        # Shown in the audit log: the kind and number, not the address.
        return f"{self.kind} email #{self.pk}"


class ScheduledJob(models.Model):
    """When a scheduled task is next due, and when it was last enqueued.

    Schedulers claim a due job by moving ``next_due_at`` on with a conditional UPDATE
    (``WHERE next_due_at = <what I read>``): of two schedulers, one wins and enqueues.
    """

    name = models.CharField(max_length=200, primary_key=True)
    next_due_at = models.DateTimeField()
    last_enqueued_at = models.DateTimeField(null=True, blank=True)
    last_task_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ProcessKind(models.TextChoices):
    WORKER = "worker", _("Worker")
    SCHEDULER = "scheduler", _("Scheduler")


class Heartbeat(ChoiceLabels):
    """A running worker or scheduler says it is alive every few seconds.

    A task marked running by a worker without a fresh heartbeat (or whose process is
    gone from this host) was abandoned, and is failed by the next worker to look.
    """

    process_id = models.CharField(max_length=64, primary_key=True)
    kind = models.CharField(max_length=10, choices=ProcessKind.choices)
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    queues = models.CharField(max_length=200, blank=True)
    started_at = models.DateTimeField()
    seen_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["kind", "started_at"]

    def __str__(self) -> str:
        return f"{self.kind} {self.process_id} on {self.host}"
