"""The Django admin for places, read-mostly, for platform admins.

Datasets: their descriptive fields (title, source, licence, attribution, period, link)
can be corrected here, audited; their numbers, geography and owner only change through an
import. Import jobs: read only (the uploaded file is not shown), with one action to
fail a job a stopped server left running, audited. Areas and judgements are shown for
reference; they change through imports and the councils' own pages.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db import models, transaction
from django.db.models import QuerySet
from django.http import HttpRequest

from commonground.accounts.access import require_user
from commonground.core import audit
from commonground.core.admin import NoAddOrDeleteAdmin, ReadOnlyAdmin
from commonground.places import services
from commonground.places.models import Area, Dataset, FamilyGroupJudgement, ImportJob

DATASET_EDITABLE = ["title", "period", "source", "publisher_url", "licence", "attribution"]




@admin.register(Dataset)
class DatasetAdmin(NoAddOrDeleteAdmin):
    list_display = ["title", "slug", "kind", "level", "period", "organisation", "row_count",
                    "updated_at"]
    list_filter = ["kind", "level", ("organisation", admin.EmptyFieldListFilter)]
    search_fields = ["title", "slug", "source"]
    list_select_related = ["organisation"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fields = ["slug", "kind", "level", "organisation", "row_count", "has_total", "columns",
              "updated_at", *DATASET_EDITABLE]
    readonly_fields = ["slug", "kind", "level", "organisation", "row_count", "has_total",
                       "columns", "updated_at"]

    @transaction.atomic
    def save_model(self, request: HttpRequest, obj: Dataset, form: Any, change: bool) -> None:
        before = Dataset.objects.get(pk=obj.pk)
        old, new = audit.changed(audit.snapshot(before, DATASET_EDITABLE),
                                 audit.snapshot(obj, DATASET_EDITABLE))
        super().save_model(request, obj, form, change)
        if new:
            audit.record(actor=request.user, action=audit.Action.DATASET_DESCRIBE, obj=obj,
                         organisation_id=obj.organisation_id, old=old, new=new)


@admin.register(ImportJob)
class ImportJobAdmin(ReadOnlyAdmin):
    list_display = ["file_name", "organisation", "created_by", "status", "progress",
                    "created_at", "started_at", "finished_at"]
    list_filter = ["status"]
    search_fields = ["file_name", "organisation__name"]
    list_select_related = ["organisation", "created_by"]
    exclude = ["upload"]
    actions = ["fail_stopped_jobs"]

    @admin.action(description="Mark selected jobs left running by a stopped server as failed")
    def fail_stopped_jobs(self, request: HttpRequest, queryset: QuerySet[ImportJob]) -> None:
        failed = services.fail_stopped_jobs(actor=require_user(request.user), pks=list(
            queryset.values_list("pk", flat=True)))
        self.message_user(request, f"Marked {failed} job(s) as failed.", messages.SUCCESS)


@admin.register(Area)
class AreaAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name"]
    list_select_related = ["parent"]
    exclude = ["boundary"]


@admin.register(FamilyGroupJudgement)
class FamilyGroupJudgementAdmin(ReadOnlyAdmin):
    list_display = ["area", "industrial_decline", "override_group", "updated_by", "updated_at"]
    list_select_related = ["area", "updated_by"]
