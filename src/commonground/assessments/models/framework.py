"""The Equality Framework for Local Government as a council's self-assessment: a level
for each criterion (``data/assessments/equality_framework.yaml``) with evidence that
links to what the platform holds, and improvement points that are actions of a plan.

Each self-assessment remembers the one before it (``previous``), so the page and the
peer-challenge document show how each criterion moved between the two.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from commonground.accounts.models import Organisation
from commonground.core.choices import ChoiceLabels
from commonground.plans.models import PlanAction


class SelfAssessmentStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", pgettext_lazy("self-assessment", "Completed")


class Level(models.TextChoices):
    DEVELOPING = "developing", _("Developing")
    ACHIEVING = "achieving", _("Achieving")
    EXCELLENT = "excellent", _("Excellent")


class SelfAssessment(ChoiceLabels):
    council = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                related_name="equality_self_assessments")
    title = models.CharField(max_length=200)
    status = models.CharField(max_length=12, choices=SelfAssessmentStatus.choices,
                              default=SelfAssessmentStatus.IN_PROGRESS)
    previous = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    completed_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class Rating(ChoiceLabels):
    """The council's level for one criterion, with its reasoning."""

    self_assessment = models.ForeignKey(SelfAssessment, on_delete=models.CASCADE,
                                        related_name="ratings")
    criterion = models.CharField(max_length=80, help_text="equality_framework.yaml id")
    level = models.CharField(max_length=12, choices=Level.choices)
    notes = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["self_assessment", "id"]
        constraints = [models.UniqueConstraint(fields=["self_assessment", "criterion"],
                                               name="assessments_one_rating")]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.level}"


class EvidenceKind(models.TextChoices):
    PROFILE = "profile", _("Local cohesion profile")
    PLAN = "plan", _("Action plan")
    ASSESSMENT = "assessment", _("Impact assessment")
    DOCUMENT = "document", _("Library document")
    SURVEY = "survey", _("Survey results")
    LINK = "link", _("A link elsewhere")


class EvidenceLink(ChoiceLabels):
    """Evidence for a criterion: a platform object (kind and id) or a link elsewhere.
    The label and address are kept as they were when it was linked."""

    self_assessment = models.ForeignKey(SelfAssessment, on_delete=models.CASCADE,
                                        related_name="evidence")
    criterion = models.CharField(max_length=80)
    kind = models.CharField(max_length=12, choices=EvidenceKind.choices)
    object_id = models.PositiveIntegerField(null=True, blank=True)
    label = models.CharField(max_length=300)
    url = models.CharField(max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["self_assessment", "criterion", "id"]

    def __str__(self) -> str:
        return self.label


class ImprovementPoint(models.Model):
    """What the council will improve for a criterion: an action of one of its plans."""

    self_assessment = models.ForeignKey(SelfAssessment, on_delete=models.CASCADE,
                                        related_name="improvements")
    criterion = models.CharField(max_length=80)
    title = models.CharField(max_length=300)
    action = models.ForeignKey(PlanAction, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["self_assessment", "criterion", "id"]

    def __str__(self) -> str:
        return self.title
