"""Outgoing email in the Django admin: read only, without the body (it can hold a
password-reset link). Retrying is on the background work page, audited."""

from __future__ import annotations

from django.contrib import admin

from commonground.background.models import OutgoingEmail
from commonground.core.admin import ReadOnlyAdmin


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "kind", "status", "attempts", "next_attempt_at", "sent_at"]
    list_filter = ["status", "kind"]
    exclude = ["body", "subject"]
