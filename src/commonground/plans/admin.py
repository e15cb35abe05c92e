"""The Django admin for plans: published plans and their actions only, reading only.

A council's mapping exercise, issues found and plan drafts are its own (platform
administrators have no access to them by their role, plans/access.py), so they are not
here; every change goes through the audited services and lands in the plan's history
(platform staff fix data through the pages)."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from commonground.core.admin import ReadOnlyAdmin
from commonground.plans.models import ActionPlan, PlanAction, PlanStatus


@admin.register(ActionPlan)
class ActionPlanAdmin(ReadOnlyAdmin):
    list_display = ["title", "council", "status", "period_start", "period_end"]
    list_select_related = ["council"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[ActionPlan]:
        return super().get_queryset(request).filter(status=PlanStatus.PUBLISHED)


@admin.register(PlanAction)
class PlanActionAdmin(ReadOnlyAdmin):
    list_display = ["title", "plan", "lead_organisation", "status", "rag"]
    list_filter = ["status", "rag"]
    list_select_related = ["plan", "lead_organisation"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[PlanAction]:
        return super().get_queryset(request).filter(plan__status=PlanStatus.PUBLISHED)
