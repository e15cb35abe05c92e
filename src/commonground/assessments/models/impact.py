"""Cohesion impact assessments of a council's proposals, with the equality duty, the
socio-economic duty and the Welsh language in the same assessment.

A proposal is screened against questions held as data (``data/assessments``); where
screening raises concerns, the full assessment records the effect on each group and area,
who was consulted, and mitigations, each of which is an action in one of the council's
plans. The decision is signed off, and a summary published for everyone.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from commonground.accounts.models import Organisation
from commonground.core.choices import ChoiceLabels
from commonground.places.models import Area, CustomArea
from commonground.plans.models import ActionPlan, PlanAction, Scope


class ProposalKind(models.TextChoices):
    POLICY = "policy", _("A policy")
    SERVICE_CHANGE = "service_change", _("A change to a service")
    BUDGET = "budget", _("A budget decision")
    REGENERATION = "regeneration", _("A regeneration scheme")
    COMMISSIONED = "commissioned", _("A commissioned service")


# A proposal reaches the same kinds of area as a mapping exercise maps.
Reach = Scope


class Stage(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("assessment", "Draft")
    SIGNED_OFF = "signed_off", _("Signed off")
    PUBLISHED = "published", pgettext_lazy("assessment", "Published")


class Decision(models.TextChoices):
    PROCEED = "proceed", _("Go ahead as proposed")
    ADJUST = "adjust", _("Go ahead with the mitigations")
    STOP = "stop", _("Stop or rethink the proposal")


class Part(models.TextChoices):
    COHESION = "cohesion", _("Community cohesion")
    EQUALITY = "equality", _("Equality duty")
    SOCIO_ECONOMIC = "socio_economic", _("Socio-economic duty")
    WELSH = "welsh", _("Welsh language")


class AssessmentSettings(models.Model):
    """Which integrated parts a council's assessments include (cohesion always does)."""

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE,
                                        related_name="assessment_settings")
    equality = models.BooleanField(default=True)
    socio_economic = models.BooleanField(default=True)
    welsh = models.BooleanField(default=True, help_text="Welsh councils only.")
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Assessment settings of {self.organisation_id}"


class ImpactAssessment(ChoiceLabels):
    council = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                related_name="impact_assessments")
    title = models.CharField(max_length=200)
    # The Welsh of what the published summary shows (``title_cy`` beside ``title``...);
    # a council that publishes only with Welsh fills them before publishing.
    title_cy = models.CharField(max_length=200, blank=True)
    kind = models.CharField(max_length=20, choices=ProposalKind.choices)
    description = models.TextField(help_text="What the proposal is.")
    description_cy = models.TextField(blank=True)
    decided_by = models.CharField(max_length=200, help_text="Who takes the decision.")
    reach = models.CharField(max_length=12, choices=Reach.choices, default=Reach.COUNCIL)
    custom_area = models.ForeignKey(CustomArea, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    wards = models.ManyToManyField(Area, blank=True, related_name="+")
    reach_label = models.CharField(max_length=300, blank=True)
    # The parts switched on when the assessment started; a later change of the council's
    # settings does not rewrite an assessment under way.
    parts = models.JSONField(default=list)
    plan = models.ForeignKey(ActionPlan, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+", help_text="The plan mitigations go into.")
    stage = models.CharField(max_length=12, choices=Stage.choices, default=Stage.DRAFT)
    screened_at = models.DateTimeField(null=True, blank=True)
    decision = models.CharField(max_length=10, choices=Decision.choices, blank=True)
    decision_reasons = models.TextField(blank=True)
    signed_off_by = models.CharField(max_length=200, blank=True)
    signed_off_on = models.DateField(null=True, blank=True)
    review_on = models.DateField(null=True, blank=True)
    summary = models.TextField(blank=True, help_text="The published summary.")
    summary_cy = models.TextField(blank=True)
    # What the platform knew of the areas when it was signed off, kept for the summary.
    evidence = models.JSONField(default=dict, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["stage", "council"], name="assessments_stage")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.stage == Stage.PUBLISHED

    @property
    def is_draft(self) -> bool:
        return self.stage == Stage.DRAFT


class Answer(models.TextChoices):
    NO_EFFECT = "none", _("No effect")
    POSITIVE = "positive", _("Positive effect")
    NEGATIVE = "negative", _("Possible negative effect")
    UNSURE = "unsure", _("Not sure yet")


class ScreeningAnswer(ChoiceLabels):
    assessment = models.ForeignKey(ImpactAssessment, on_delete=models.CASCADE,
                                   related_name="answers")
    question = models.CharField(max_length=80, help_text="The question's id (screening.yaml)")
    answer = models.CharField(max_length=10, choices=Answer.choices)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["assessment", "id"]
        constraints = [models.UniqueConstraint(fields=["assessment", "question"],
                                               name="assessments_one_answer")]

    def __str__(self) -> str:
        return f"{self.question}: {self.answer}"


class Direction(models.TextChoices):
    POSITIVE = "positive", _("Positive")
    NEGATIVE = "negative", _("Negative")
    NEUTRAL = "neutral", _("Neutral")


class Likelihood(models.TextChoices):
    UNLIKELY = "unlikely", _("Unlikely")
    POSSIBLE = "possible", _("Possible")
    LIKELY = "likely", _("Likely")
    CERTAIN = "certain", _("Almost certain")


class Severity(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class Characteristic(models.TextChoices):
    """The nine protected characteristics of the Equality Act 2010."""

    AGE = "age", _("Age")
    DISABILITY = "disability", _("Disability")
    GENDER_REASSIGNMENT = "gender_reassignment", _("Gender reassignment")
    MARRIAGE = "marriage", _("Marriage and civil partnership")
    PREGNANCY = "pregnancy", _("Pregnancy and maternity")
    RACE = "race", _("Race")
    RELIGION = "religion", _("Religion or belief")
    SEX = "sex", _("Sex")
    SEXUAL_ORIENTATION = "sexual_orientation", _("Sexual orientation")


class Effect(ChoiceLabels):
    """The proposal's effect on one group, in one area (or all the areas it touches)."""

    assessment = models.ForeignKey(ImpactAssessment, on_delete=models.CASCADE,
                                   related_name="effects")
    part = models.CharField(max_length=20, choices=Part.choices, default=Part.COHESION)
    characteristic = models.CharField(max_length=20, choices=Characteristic.choices,
                                      blank=True)
    group = models.CharField(max_length=200)
    area = models.ForeignKey(Area, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+", help_text="Empty: every area it touches.")
    direction = models.CharField(max_length=10, choices=Direction.choices)
    likelihood = models.CharField(max_length=10, choices=Likelihood.choices)
    severity = models.CharField(max_length=10, choices=Severity.choices)
    evidence = models.TextField()
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["assessment", "position", "id"]

    def __str__(self) -> str:
        return self.group


class Consultation(models.Model):
    """Who was asked, when and how; and whether they are groups seldom heard."""

    assessment = models.ForeignKey(ImpactAssessment, on_delete=models.CASCADE,
                                   related_name="consultations")
    who = models.CharField(max_length=300)
    held_on = models.DateField()
    how = models.CharField(max_length=300)
    hard_to_reach = models.BooleanField(default=False)
    new_arrivals = models.BooleanField(default=False)
    heard = models.TextField(blank=True, help_text="What they said.")

    class Meta:
        ordering = ["assessment", "held_on", "id"]

    def __str__(self) -> str:
        return self.who


class Mitigation(models.Model):
    """A step that reduces a negative effect; it is carried out as an action of a plan."""

    assessment = models.ForeignKey(ImpactAssessment, on_delete=models.CASCADE,
                                   related_name="mitigations")
    effect = models.ForeignKey(Effect, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="mitigations")
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    action = models.ForeignKey(PlanAction, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["assessment", "id"]

    def __str__(self) -> str:
        return self.title


class ChecklistAnswer(models.Model):
    """A commissioning checklist item ticked (or not) with a note."""

    assessment = models.ForeignKey(ImpactAssessment, on_delete=models.CASCADE,
                                   related_name="checklist")
    item = models.CharField(max_length=80, help_text="The item's id (commissioning.yaml)")
    done = models.BooleanField(default=False)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["assessment", "id"]
        constraints = [models.UniqueConstraint(fields=["assessment", "item"],
                                               name="assessments_one_check")]

    def __str__(self) -> str:
        return self.item
