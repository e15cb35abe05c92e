"""A dated report for a scrutiny committee: what the platform held on the day it was
generated, kept as it was (``content``), so the committee's papers never change under it.
Built by :mod:`commonground.assessments.scrutiny`."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from commonground.accounts.models import Organisation
from commonground.plans.models import ActionPlan


class ScrutinyReport(models.Model):
    council = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                related_name="scrutiny_reports")
    plan = models.ForeignKey(ActionPlan, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    title = models.CharField(max_length=200)
    committee = models.CharField(max_length=200)
    period_start = models.DateField()
    period_end = models.DateField()
    generated_on = models.DateField()
    content = models.JSONField(default=dict)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-generated_on", "-id"]

    def __str__(self) -> str:
        return self.title
