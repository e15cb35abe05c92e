"""The Django admin for surveys: waves only, reading only. Responses and invitation
codes are not in the admin at all: raw answers are the council's, and platform staff
have no reason to read them (every change goes through the audited services)."""

from __future__ import annotations

from django.contrib import admin

from commonground.core.admin import ReadOnlyAdmin
from commonground.surveys.models import Wave


@admin.register(Wave)
class WaveAdmin(ReadOnlyAdmin):
    list_display = ["title", "council", "design", "mode", "starts_on", "ends_on", "published"]
    list_filter = ["design", "mode", "published", "is_demo"]
