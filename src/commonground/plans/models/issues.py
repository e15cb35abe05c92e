"""Issues found in the evidence: candidates proposed by the rules, then confirmed or
dismissed by the council; or an issue the council adds itself."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from commonground.accounts.models import Organisation
from commonground.core.choices import ChoiceLabels
from commonground.library.models import Issue
from commonground.places.models import Area
from commonground.plans.models.mapping import MappingExercise


class IssueStatus(models.TextChoices):
    CANDIDATE = "candidate", _("Candidate")
    CONFIRMED = "confirmed", _("Confirmed")
    DISMISSED = "dismissed", _("Dismissed")


class Strength(models.TextChoices):
    STRONG = "strong", _("Strong")
    MODERATE = "moderate", _("Moderate")
    WEAK = "weak", _("Weak")


class Priority(models.TextChoices):
    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")


class LocalIssue(ChoiceLabels):
    """A key local issue for the council's cohesion work.

    ``framework_issue`` is the Table D1 issue it is (empty for an issue in the council's
    own words); ``rules`` the ids of the rules (issue_rules.yaml) that proposed it and
    ``evidence`` what they found, each fact with its measure, value, comparison and source.
    """

    council = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                related_name="local_issues")
    exercise = models.ForeignKey(MappingExercise, null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="issues")
    framework_issue = models.ForeignKey(Issue, null=True, blank=True,
                                        on_delete=models.SET_NULL, related_name="+")
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    proposed = models.BooleanField(default=False, help_text="Proposed by the rules.")
    rules = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=10, choices=IssueStatus.choices,
                              default=IssueStatus.CANDIDATE)
    strength = models.CharField(max_length=10, choices=Strength.choices, blank=True)
    evidence = models.JSONField(default=list, blank=True)
    priority = models.CharField(max_length=10, choices=Priority.choices, blank=True)
    groups = models.TextField(blank=True, help_text="Groups of people affected.")
    wards = models.ManyToManyField(Area, blank=True, related_name="+")
    dismissed_reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["status", "title"]
        constraints = [models.UniqueConstraint(
            fields=["exercise", "framework_issue"], condition=Q(proposed=True),
            name="plans_one_candidate_per_issue")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_own(self) -> bool:
        return not self.proposed
