"""The Django admin for tensions: reading only, so that every change goes through the
audited services (platform staff fix data through the pages, not here)."""

from __future__ import annotations

from django.contrib import admin

from commonground.core.admin import ReadOnlyAdmin
from commonground.tensions.models import Alert, TriggerEvent


@admin.register(TriggerEvent)
class TriggerEventAdmin(ReadOnlyAdmin):
    list_display = ["name", "council", "kind", "starts_on", "ends_on", "watch_level"]


@admin.register(Alert)
class AlertAdmin(ReadOnlyAdmin):
    list_display = ["area", "category", "week_start", "observed", "expected", "council"]
