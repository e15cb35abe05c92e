"""The weekly tension assessment of a ward or a whole council area.

Framed as the police frame it: what is *evidenced* (incidents, crimes, intelligence),
what is *experienced* (what communities say they feel), and what is *potential*
(coming events and risks), with one level from 1 to 5 in plain words.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from commonground.accounts.models import Organisation
from commonground.core.choices import ChoiceLabels
from commonground.places.models import Area
from commonground.tensions.models.reports import Report


class TensionLevel(models.IntegerChoices):
    NORMAL = 1, _("1 – Normal: no more tension than usual")
    RAISED = 2, _("2 – Raised: some tension, watch closely")
    HEIGHTENED = 3, _("3 – Heightened: tension is affecting communities")
    HIGH = 4, _("4 – High: disorder is possible, act now")
    CRITICAL = 5, _("5 – Critical: disorder is happening or expected")


SHORT_LABELS = {1: _("Normal"), 2: _("Raised"), 3: _("Heightened"), 4: _("High"),
                5: _("Critical")}


class Assessment(ChoiceLabels):
    council = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                related_name="assessments")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="assessments",
                             help_text="A ward, or the council's own area.")
    week_start = models.DateField(help_text="The Monday of the week assessed.")
    level = models.PositiveSmallIntegerField(choices=TensionLevel.choices)
    evidenced = models.TextField(blank=True)
    experienced = models.TextField(blank=True)
    potential = models.TextField(blank=True)
    reasons = models.TextField()
    reports = models.ManyToManyField(Report, blank=True, related_name="assessments")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The number of its latest revision: this row is always the latest, and every
    # revision, this one included, is kept in AssessmentRevision.
    revision = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-week_start", "area__name"]
        constraints = [models.UniqueConstraint(fields=["area", "week_start"],
                                               name="one_assessment_per_area_week")]

    def __str__(self) -> str:
        return f"{self.area} week of {self.week_start:%d %B %Y}: level {self.level}"

    @property
    def short_label(self) -> str:
        return str(SHORT_LABELS[self.level])


class AssessmentRevision(ChoiceLabels):
    """One saved version of an assessment, kept when a later one revises it.

    A second assessment of the same area and week is a revision: the ``Assessment`` row
    becomes the new one (what the trend, the dashboard and the weekly return read), and
    each version, the first included, stays here to be shown on the assessment's page.
    """

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE,
                                   related_name="revisions")
    number = models.PositiveIntegerField()
    level = models.PositiveSmallIntegerField(choices=TensionLevel.choices)
    evidenced = models.TextField(blank=True)
    experienced = models.TextField(blank=True)
    potential = models.TextField(blank=True)
    reasons = models.TextField()
    # References of the linked reports as they stood (shown through access rules).
    report_references = models.JSONField(default=list, blank=True)
    saved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                 on_delete=models.SET_NULL, related_name="+")
    saved_at = models.DateTimeField()

    class Meta:
        ordering = ["assessment", "-number"]
        constraints = [models.UniqueConstraint(fields=["assessment", "number"],
                                               name="one_revision_number_each")]

    def __str__(self) -> str:
        return f"{self.assessment} (revision {self.number})"

    @property
    def short_label(self) -> str:
        return str(SHORT_LABELS[self.level])
