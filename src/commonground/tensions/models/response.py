"""Responding to a trigger event: the playbook, who to convene, what was done; and rumours.

After a trigger event (an attack, a verdict, a march) a council leads: visible
leadership, convening community representatives, communicating, promoting reporting,
reassurance patrols with the police and a community impact assessment. A response
record holds that checklist and a log; the register of community contacts is
personal data and stays with the council.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from commonground.accounts.models import Organisation
from commonground.core.choices import ChoiceLabels
from commonground.places.models import Area
from commonground.tensions.models.early_warning import TriggerEvent

# The playbook every response starts with: (key, what to do, why), shown in the reader's
# language.
PLAYBOOK = [
    ("leadership", _("Show visible leadership"),
     _("Leaders are seen and heard in the affected communities within hours.")),
    ("convene", _("Convene community representatives"),
     _("Bring together the people on the community contacts register.")),
    ("communication", _("Agree a communication plan"),
     _("Say who the audiences, stakeholders and channels are (below).")),
    ("reporting", _("Promote hate-crime reporting"),
     _("Tell people how to report: this service, 101, 999, True Vision.")),
    ("patrols", _("Arrange reassurance patrols with the police"),
     _("Agree where and when with the neighbourhood policing team.")),
    ("impact", _("Complete a community impact assessment"),
     _("Who is affected, how, and what would reduce the harm.")),
]


class TriggerResponse(models.Model):
    council = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                related_name="trigger_responses")
    trigger_event = models.ForeignKey(TriggerEvent, null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="responses")
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    audiences = models.TextField(blank=True, help_text="Who the messages are for.")
    stakeholders = models.TextField(blank=True, help_text="Who must agree or be told first.")
    channels = models.TextField(blank=True, help_text="Where messages go out.")
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                  on_delete=models.SET_NULL, related_name="+")
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opened_at"]

    def __str__(self) -> str:
        return self.title


class PlaybookTask(models.Model):
    response = models.ForeignKey(TriggerResponse, on_delete=models.CASCADE,
                                 related_name="tasks")
    key = models.CharField(max_length=20)
    position = models.PositiveSmallIntegerField()
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["response", "key"],
                                               name="one_task_per_key")]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return str(next(label for key, label, _hint in PLAYBOOK if key == self.key))

    @property
    def hint(self) -> str:
        return str(next(hint for key, _label, hint in PLAYBOOK if key == self.key))


class ResponseLogEntry(models.Model):
    response = models.ForeignKey(TriggerResponse, on_delete=models.CASCADE,
                                 related_name="log")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                               related_name="+")
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.created_at:%d %b %H:%M} {self.text[:40]}"


class CommunityContact(models.Model):
    """Someone to convene after a trigger event. Personal data: council officers only."""

    council = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                related_name="community_contacts")
    name = models.CharField(max_length=150)
    community = models.CharField(max_length=200, help_text="Group or community represented.")
    role = models.CharField(max_length=150, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["community", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.community})"


class RumourStatus(models.TextChoices):
    UNVERIFIED = "unverified", _("Not yet verified")
    VERIFIED = "verified", _("Verified: it is true")
    FALSE = "false", _("False")


class Rumour(ChoiceLabels):
    council = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="rumours")
    ward = models.ForeignKey(Area, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    what_is_said = models.TextField()
    where_spreading = models.TextField(blank=True)
    groups_affected = models.TextField(blank=True)
    status = models.CharField(max_length=12, choices=RumourStatus.choices,
                              default=RumourStatus.UNVERIFIED)
    counter_message = models.TextField(blank=True)
    published_where = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return self.what_is_said[:60]
