"""The council's cohesion vision and strategy, kept in versions, and its cohesion
partnership: member organisations with their roles, and meetings with the decisions they
took and the plan actions those created.

A strategy changes by a new version (the old ones stay, numbered); the latest version is
the current one. Once a version is adopted, everyone may read it; until then it is the
council's.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from commonground.accounts.models import Organisation
from commonground.plans.models import ActionPlan, LocalIssue, PlanAction


class Strategy(models.Model):
    council = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                related_name="cohesion_strategies")
    title = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "strategies"

    def __str__(self) -> str:
        return self.title


class StrategyVersion(models.Model):
    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    vision = models.TextField(help_text="The vision statement.")
    principles = models.TextField(blank=True, help_text="One principle a line.")
    priorities = models.TextField(blank=True, help_text="One priority a line.")
    issues = models.ManyToManyField(LocalIssue, blank=True, related_name="+")
    plans = models.ManyToManyField(ActionPlan, blank=True, related_name="+")
    adopted_on = models.DateField(null=True, blank=True)
    adopted_by = models.CharField(max_length=200, blank=True)
    review_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["strategy", "-number"]
        constraints = [models.UniqueConstraint(fields=["strategy", "number"],
                                               name="assessments_one_version_number")]

    def __str__(self) -> str:
        return f"{self.strategy_id} v{self.number}"


class StrategyConsultation(models.Model):
    """Who was asked about the strategy, when and how."""

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE,
                                 related_name="consultations")
    who = models.CharField(max_length=300)
    held_on = models.DateField()
    how = models.CharField(max_length=300)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["strategy", "held_on", "id"]

    def __str__(self) -> str:
        return self.who


class PartnershipMember(models.Model):
    council = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                related_name="partnership_members")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="partnerships")
    role = models.CharField(max_length=300)
    joined_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["council", "organisation__name"]
        constraints = [models.UniqueConstraint(fields=["council", "organisation"],
                                               name="assessments_one_membership")]

    def __str__(self) -> str:
        return f"{self.organisation_id} in {self.council_id}"


class Meeting(models.Model):
    council = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                related_name="partnership_meetings")
    held_on = models.DateField()
    title = models.CharField(max_length=200)
    attendees = models.TextField(blank=True, help_text="Organisations present.")
    notes = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return self.title


class MeetingDecision(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField()
    action = models.ForeignKey(PlanAction, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")

    class Meta:
        ordering = ["meeting", "id"]

    def __str__(self) -> str:
        return self.text[:60]
