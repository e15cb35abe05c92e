"""The mapping exercise: Annex B's basket for a council or a neighbourhood, the officer's
judgement and local evidence on each item, and the dated versions of the local cohesion
profile that it produces.

The basket itself (its items, and which measures the platform can read for each) is data:
``data/plans/basket.yaml``, read by :mod:`commonground.plans.basket`. Rows here hold only
what a council adds: relevance, local intelligence, partners' data and versions.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from commonground.accounts.models import Organisation
from commonground.core.choices import ChoiceLabels
from commonground.places.models import Area, CustomArea


class Scope(models.TextChoices):
    COUNCIL = "council", _("The whole council area")
    CUSTOM_AREA = "custom_area", _("A custom area (neighbourhood)")
    WARDS = "wards", _("Chosen wards")


class MappingExercise(ChoiceLabels):
    """One council's mapping of one area: the whole council, a custom area or some wards."""

    council = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                related_name="mapping_exercises")
    council_area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=200)
    scope = models.CharField(max_length=12, choices=Scope.choices, default=Scope.COUNCIL)
    # A custom area may be deleted later; the exercise keeps its name in ``scope_label``.
    custom_area = models.ForeignKey(CustomArea, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    wards = models.ManyToManyField(Area, blank=True, related_name="+")
    scope_label = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.name


class ExerciseItem(models.Model):
    """The officer's judgement of one basket item: relevant here or not, and why not."""

    exercise = models.ForeignKey(MappingExercise, on_delete=models.CASCADE,
                                 related_name="items")
    item = models.CharField(max_length=80, help_text="The basket item's id (basket.yaml)")
    not_relevant = models.BooleanField(default=False)
    reason = models.TextField(blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["item"]
        constraints = [models.UniqueConstraint(fields=["exercise", "item"],
                                               name="plans_one_judgement_per_item")]

    def __str__(self) -> str:
        return f"{self.exercise_id}:{self.item}"


class EvidenceKind(models.TextChoices):
    INTELLIGENCE = "intelligence", _("Local intelligence")
    PARTNER_DATA = "partner_data", _("Partner's data")


class Weight(models.TextChoices):
    """How much weight a piece of local evidence deserves, in the officer's judgement."""

    HIGH = "high", _("High: well founded and current")
    MEDIUM = "medium", _("Medium: credible but partial")
    LOW = "low", _("Low: anecdotal or one source")


class LocalEvidence(ChoiceLabels):
    """What the council knows that the platform does not: intelligence or partners' data."""

    exercise = models.ForeignKey(MappingExercise, on_delete=models.CASCADE,
                                 related_name="evidence")
    item = models.CharField(max_length=80)
    kind = models.CharField(max_length=15, choices=EvidenceKind.choices)
    summary = models.TextField()
    source = models.CharField(max_length=300)
    observed_on = models.DateField(null=True, blank=True)
    weight = models.CharField(max_length=10, choices=Weight.choices, default=Weight.MEDIUM)
    organisation = models.ForeignKey(Organisation, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+",
                                     help_text="The partner whose data this is.")
    link = models.URLField(max_length=500, blank=True)
    file = models.FileField(upload_to="plans/evidence/%Y/%m/", blank=True, max_length=300)
    file_name = models.CharField(max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["item", "-observed_on", "-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.summary[:60]}"


class ProfileVersion(models.Model):
    """A dated, numbered version of the local cohesion profile, frozen as it was read.

    ``snapshot`` holds every basket item with what the platform read and what the
    council added; ``changes`` what differs from the version before (empty for the
    first), so a later run says what changed without reading the data again.
    """

    exercise = models.ForeignKey(MappingExercise, on_delete=models.CASCADE,
                                 related_name="versions")
    number = models.PositiveIntegerField()
    snapshot = models.JSONField(default=dict)
    changes = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["exercise", "-number"]
        constraints = [models.UniqueConstraint(fields=["exercise", "number"],
                                               name="plans_version_number_once")]

    def __str__(self) -> str:
        return f"{self.exercise} v{self.number}"
