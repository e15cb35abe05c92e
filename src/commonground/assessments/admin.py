"""The Django admin for assessments: reading only, so every change goes through the
audited services; and only published assessments, since a council's drafts are its own
and platform administrators have no access to them by their role (access.py)."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from commonground.assessments.models import ImpactAssessment, Stage
from commonground.core.admin import ReadOnlyAdmin


@admin.register(ImpactAssessment)
class ImpactAssessmentAdmin(ReadOnlyAdmin):
    list_display = ["title", "council", "kind", "stage", "review_on"]
    list_filter = ["kind"]
    list_select_related = ["council"]
    exclude = ["evidence"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[ImpactAssessment]:
        return super().get_queryset(request).filter(stage=Stage.PUBLISHED)
