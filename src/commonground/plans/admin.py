"""The Django admin for plans: reading only, so every change goes through the audited
services and lands in the plan's history (platform staff fix data through the pages)."""

from __future__ import annotations

from django.contrib import admin

from commonground.core.admin import ReadOnlyAdmin
from commonground.plans.models import ActionPlan, LocalIssue, MappingExercise, PlanAction


@admin.register(MappingExercise)
class MappingExerciseAdmin(ReadOnlyAdmin):
    list_display = ["name", "council", "scope", "created_at"]
    list_filter = ["scope"]


@admin.register(LocalIssue)
class LocalIssueAdmin(ReadOnlyAdmin):
    list_display = ["title", "council", "status", "strength", "priority"]
    list_filter = ["status", "strength"]


@admin.register(ActionPlan)
class ActionPlanAdmin(ReadOnlyAdmin):
    list_display = ["title", "council", "status", "period_start", "period_end"]
    list_filter = ["status"]


@admin.register(PlanAction)
class PlanActionAdmin(ReadOnlyAdmin):
    list_display = ["title", "plan", "lead_organisation", "status", "rag"]
    list_filter = ["status", "rag"]
    list_select_related = ["plan", "lead_organisation"]
