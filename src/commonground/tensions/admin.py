"""The Django admin for tensions: reading only, so that every change goes through the
audited services (platform staff fix data through the pages, not here)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from commonground.tensions.models import Alert, TriggerEvent


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(TriggerEvent)
class TriggerEventAdmin(ReadOnly):
    list_display = ["name", "council", "kind", "starts_on", "ends_on", "watch_level"]


@admin.register(Alert)
class AlertAdmin(ReadOnly):
    list_display = ["area", "category", "week_start", "observed", "expected", "council"]
