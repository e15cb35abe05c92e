"""Action plans (Annex F): actions with their milestones and sub-actions, targets on
measures the platform reads, progress updates with evidence.

Progress is never stored: it is rolled up from milestones and sub-actions each time it
is shown (:mod:`commonground.plans.progress`), so the figure and its working always agree.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from commonground.accounts.models import Organisation
from commonground.core.choices import ChoiceLabels
from commonground.library.models import Action, CaseStudy
from commonground.places.models import Area
from commonground.plans.models.issues import LocalIssue
from commonground.plans.models.mapping import MappingExercise


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    AGREED = "agreed", _("Agreed")
    PUBLISHED = "published", _("Published")


class ActionPlan(ChoiceLabels):
    council = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                related_name="action_plans")
    title = models.CharField(max_length=200)
    # The Welsh of the words its public page shows (``title_cy`` beside ``title``...);
    # a council that publishes only with Welsh fills them before publishing.
    title_cy = models.CharField(max_length=200, blank=True)
    period_start = models.DateField()
    period_end = models.DateField()
    vision = models.TextField(blank=True, help_text="The local vision the plan serves.")
    vision_cy = models.TextField(blank=True)
    vision_url = models.URLField(max_length=500, blank=True)
    status = models.CharField(max_length=10, choices=PlanStatus.choices,
                              default=PlanStatus.DRAFT)
    signed_off_by = models.CharField(max_length=200, blank=True)
    signed_off_on = models.DateField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    exercise = models.ForeignKey(MappingExercise, null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="plans")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-period_start", "title"]
        indexes = [models.Index(fields=["status", "council"], name="plans_plan_status")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == PlanStatus.PUBLISHED


class Origin(models.TextChoices):
    ADOPTED = "adopted", _("Adopted from the Framework")
    ADAPTED = "adapted", _("Adapted from the Framework")
    OWN = "own", _("The council's own")


class Horizon(models.TextChoices):
    QUICK_WIN = "quick_win", _("Quick win")
    LONG_TERM = "long_term", _("Long term")


class Recurrence(models.TextChoices):
    ONE_OFF = "one_off", _("One-off")
    ONGOING = "ongoing", _("Ongoing")


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


class Rag(models.TextChoices):
    RED = "red", _("Red")
    AMBER = "amber", _("Amber")
    GREEN = "green", _("Green")


class PlanAction(ChoiceLabels):
    """An action of a plan, or a sub-action of one (``parent``)."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="actions")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE,
                               related_name="children")
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(max_length=300)
    title_cy = models.CharField(max_length=300, blank=True)
    description = models.TextField(blank=True)
    library_action = models.ForeignKey(Action, null=True, blank=True,
                                       on_delete=models.SET_NULL, related_name="+")
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.OWN)
    issues = models.ManyToManyField(LocalIssue, blank=True, related_name="actions")
    lead_organisation = models.ForeignKey(Organisation, null=True, blank=True,
                                          on_delete=models.SET_NULL, related_name="+")
    lead_officer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    partners = models.ManyToManyField(Organisation, blank=True, related_name="+")
    wards = models.ManyToManyField(Area, blank=True, related_name="+")
    resources = models.TextField(blank=True)
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    horizon = models.CharField(max_length=10, choices=Horizon.choices,
                               default=Horizon.LONG_TERM)
    recurrence = models.CharField(max_length=10, choices=Recurrence.choices,
                                  default=Recurrence.ONE_OFF)
    status = models.CharField(max_length=12, choices=ActionStatus.choices,
                              default=ActionStatus.PLANNED)
    weight = models.PositiveSmallIntegerField(default=1)
    rag = models.CharField(max_length=5, choices=Rag.choices, blank=True)
    rag_reason = models.TextField(blank=True)
    vision_link = models.TextField(blank=True, help_text="How the action serves the vision.")
    case_studies = models.ManyToManyField(CaseStudy, blank=True, related_name="+")
    update_every_days = models.PositiveSmallIntegerField(
        default=30, help_text="How often the lead should report progress (0: no reminders).")
    reminded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["plan", "position", "id"]
        indexes = [models.Index(fields=["plan", "parent", "position"],
                                name="plans_action_order")]

    def __str__(self) -> str:
        return self.title


class MilestoneStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class Milestone(ChoiceLabels):
    action = models.ForeignKey(PlanAction, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(max_length=300)
    title_cy = models.CharField(max_length=300, blank=True)
    due_on = models.DateField()
    status = models.CharField(max_length=12, choices=MilestoneStatus.choices,
                              default=MilestoneStatus.NOT_STARTED)
    completed_on = models.DateField(null=True, blank=True)
    weight = models.PositiveSmallIntegerField(default=1)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["action", "due_on", "position", "id"]

    def __str__(self) -> str:
        return self.title


class Target(models.Model):
    """A target on a measure (``measure`` is "kind:parameter", see plans.measures), for
    the plan as a whole or one action, in the council's area or one ward."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="targets")
    action = models.ForeignKey(PlanAction, null=True, blank=True, on_delete=models.CASCADE,
                               related_name="targets")
    title = models.CharField(max_length=300)
    title_cy = models.CharField(max_length=300, blank=True)
    measure = models.CharField(max_length=120)
    area = models.ForeignKey(Area, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+", help_text="Empty: the council's whole area.")
    baseline_value = models.FloatField()
    baseline_low = models.FloatField(null=True, blank=True)
    baseline_high = models.FloatField(null=True, blank=True)
    baseline_on = models.DateField()
    target_value = models.FloatField()
    target_on = models.DateField()
    notes = models.TextField(blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["plan", "position", "id"]

    def __str__(self) -> str:
        return self.title


class TargetReading(models.Model):
    """A figure entered by hand, for targets on a manual measure."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="readings")
    value = models.FloatField()
    low = models.FloatField(null=True, blank=True)
    high = models.FloatField(null=True, blank=True)
    on = models.DateField()
    note = models.CharField(max_length=300, blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["target", "on", "id"]

    def __str__(self) -> str:
        return f"{self.value} on {self.on}"


class ProgressUpdate(models.Model):
    """What the lead or a partner reports on an action, with its evidence.

    ``public`` says the author checked that it holds no personal data, so the public
    page of a published plan may show its text and link.
    """

    action = models.ForeignKey(PlanAction, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    organisation = models.ForeignKey(Organisation, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    text = models.TextField()
    link = models.URLField(max_length=500, blank=True)
    file = models.FileField(upload_to="plans/updates/%Y/%m/", blank=True, max_length=300)
    file_name = models.CharField(max_length=200, blank=True)
    public = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["action", "-created_at"], name="plans_update_time")]

    def __str__(self) -> str:
        return f"Update on {self.action_id}"
