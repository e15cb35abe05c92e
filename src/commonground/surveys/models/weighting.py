"""A wave's weighting to the census and the results computed from it.

Weighting runs as a background task (``surveys.tasks.weight_wave``): it reads the
census margins the platform holds for the council (and its wards), rakes the wave's
responses to them, keeps every response's weight (:class:`ResponseWeight`), the
weighting report (targets against achieved margins, iterations, trimming, the cost of
the weights in precision) and every indicator's estimates (``results``: the council,
each ward with its modelled estimate, groups and their gaps). Pages read ``results``;
they never weight or estimate in a request.

A wave keeps each weighting it has had; the newest finished one is its current one.
Raw responses (and so their weights) are deleted at the end of their retention period;
the report and the results stay.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from commonground.core.choices import ChoiceLabels
from commonground.surveys.models.responses import Response
from commonground.surveys.models.waves import Wave


class WeightingStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Weighting")
    DONE = "done", _("Weighted")
    FAILED = "failed", _("Not weighted")


class Scheme(models.TextChoices):
    COUNCIL = "council", _("To the council’s census figures: age band by sex, and ethnic "
                           "group")
    WARD = "ward", _("As above, and to each ward’s population (for a sample stratified "
                     "by ward)")


class WaveWeighting(ChoiceLabels):
    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="weightings")
    scheme = models.CharField(max_length=8, choices=Scheme.choices, default=Scheme.COUNCIL)
    joint_age_sex = models.BooleanField(
        default=True, help_text="Age band by sex as one margin (else age band and sex apart)")
    ethnic_group = models.BooleanField(default=True,
                                       help_text="Weight to the ethnic groups too")
    trim_low = models.FloatField(null=True, blank=True)
    trim_high = models.FloatField(null=True, blank=True)
    status = models.CharField(max_length=8, choices=WeightingStatus.choices,
                              default=WeightingStatus.QUEUED)
    language = models.CharField(max_length=8, default="en",
                                help_text="The language its problems are written in")
    problems = models.JSONField(default=list)
    report = models.JSONField(default=dict)
    results = models.JSONField(default=dict)
    responses = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["wave", "status"], name="surveys_weighting_wave")]

    def __str__(self) -> str:
        return f"{self.wave} ({self.get_status_display()})"

    @property
    def finished(self) -> bool:
        return self.status in (WeightingStatus.DONE, WeightingStatus.FAILED)

    @property
    def trim(self) -> tuple[float, float] | None:
        if self.trim_low is None or self.trim_high is None:
            return None
        return (self.trim_low, self.trim_high)


class ResponseWeight(models.Model):
    """One response's final weight in one weighting."""

    weighting = models.ForeignKey(WaveWeighting, on_delete=models.CASCADE,
                                  related_name="weights")
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="+")
    weight = models.FloatField()

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["weighting", "response"],
                                               name="surveys_weight_once")]

    def __str__(self) -> str:
        return f"{self.response_id}: {self.weight:g}"
