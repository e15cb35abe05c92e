"""A report of an incident or tension, the reporter's contact details (kept apart), and triage.

A report belongs to the council of the area it happened in (``council``). The
reporter's contact details live in their own table so that the report can be shared,
exported and counted without them, and so they can be deleted when the retention
period ends without touching the report.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from commonground.accounts.models import Organisation
from commonground.core.choices import ChoiceLabels
from commonground.places.models import Area


class Category(models.TextChoices):
    HATE_INCIDENT = "hate_incident", _("Hate incident")
    COMMUNITY_TENSION = "community_tension", _("Community tension")
    EXTREMISM = "extremism", _("Extremist or far-right activity")
    PROTEST = "protest", _("Protest or march")
    RUMOUR = "rumour", _("Rumour or misinformation")
    ONLINE = "online", _("Online")
    OTHER = "other", _("Other")


class Characteristic(models.TextChoices):
    """The five strands of hate crime monitored in England and Wales, and others."""

    RACE = "race", _("Race or ethnicity")
    RELIGION = "religion", _("Religion or belief")
    SEXUAL_ORIENTATION = "sexual_orientation", _("Sexual orientation")
    DISABILITY = "disability", _("Disability")
    TRANSGENDER = "transgender", _("Transgender identity")
    SEX = "sex", _("Sex or gender")
    AGE = "age", _("Age")
    OTHER = "other", _("Something else")


class ReportedToPolice(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    UNKNOWN = "unknown", _("I do not know")


class Source(models.TextChoices):
    PUBLIC = "public", _("Member of the public")
    PARTNER = "partner", _("Partner on behalf of someone")
    OFFICER = "officer", _("Officer intelligence")


class Status(models.TextChoices):
    NEW = "new", _("New")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    ASSESSED = "assessed", _("Assessed")
    ACTIONED = "actioned", _("Actioned")
    CLOSED = "closed", _("Closed")


class Priority(models.TextChoices):
    LOW = "low", _("Low")
    NORMAL = "normal", _("Normal")
    HIGH = "high", _("High")
    URGENT = "urgent", _("Urgent")


class Tag(models.Model):
    """A council's own label for grouping reports ("school gates", "mosque")."""

    council = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=50)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["council", "name"], name="tag_unique")]

    def __str__(self) -> str:
        return self.name


class Report(ChoiceLabels):
    # Filled from the primary key just after insert, so it is unique without a lock.
    reference = models.CharField(max_length=20, unique=True, null=True, blank=True)
    council = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="reports")
    ward = models.ForeignKey(Area, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="reports")
    # Only the owning council ever sees the point; it is rounded to about 10 metres.
    longitude = models.FloatField(null=True, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    location_description = models.CharField(max_length=300, blank=True)
    category = models.CharField(max_length=30, choices=Category.choices, db_index=True)
    characteristics = models.JSONField(default=list, blank=True)
    what_happened = models.TextField()
    occurred_on = models.DateField(db_index=True)
    who_affected = models.TextField(blank=True)
    root_cause = models.TextField(blank=True)
    reported_to_police = models.CharField(max_length=10, choices=ReportedToPolice.choices,
                                          default=ReportedToPolice.UNKNOWN)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.PUBLIC)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    submitted_for = models.ForeignKey(Organisation, null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="+",
                                      help_text="The partner organisation that reported it.")
    on_behalf_of = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=15, choices=Status.choices, default=Status.NEW)
    priority = models.CharField(max_length=10, choices=Priority.choices,
                                default=Priority.NORMAL)
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="assigned_reports")
    tags = models.ManyToManyField(Tag, blank=True, related_name="reports")
    related = models.ManyToManyField("self", blank=True, symmetrical=True)
    merged_into = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="duplicates")
    private_token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Raised by every triage change. The triage form carries the version it was read at,
    # so an officer saving over a colleague's change made meanwhile is told, not obeyed.
    version = models.PositiveIntegerField(default=0)
    # Response timers: only hate incidents whose reporter left contact details.
    first_contact_due = models.DateTimeField(null=True, blank=True)
    first_contact_at = models.DateTimeField(null=True, blank=True)
    follow_up_due = models.DateTimeField(null=True, blank=True)
    follow_up_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["council", "status", "-created_at"], name="report_queue"),
            models.Index(fields=["council", "ward", "category", "occurred_on"],
                         name="report_counts"),
            # The report list: a council's newest first, read a page at a time.
            models.Index(fields=["council", "-created_at", "-id"], name="report_list"),
            # The dashboard's counts: a council's reports of the last weeks.
            models.Index(fields=["council", "occurred_on"], name="report_recent"),
        ]

    def __str__(self) -> str:
        return self.reference or f"report {self.pk}"

    @property
    def characteristic_labels(self) -> list[str]:
        names = dict(Characteristic.choices)
        return [str(names.get(c, c)) for c in self.characteristics]

    @property
    def has_timers(self) -> bool:
        return self.first_contact_due is not None


class ReporterContact(models.Model):
    """How to reach the reporter, if they chose to say. Deleted at ``retain_until``."""

    report = models.OneToOneField(Report, on_delete=models.CASCADE, related_name="contact")
    name = models.CharField(max_length=150, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    retain_until = models.DateField(db_index=True)

    class Meta:
        ordering = ["retain_until"]

    def __str__(self) -> str:
        return f"Contact for {self.report}"


class ReportNote(models.Model):
    """An officer's internal note: seen by the owning council only."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                               related_name="+")
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Note on {self.report}"


class ReportUpdate(models.Model):
    """More information the reporter added later through their private link."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="updates")
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Update to {self.report}"
