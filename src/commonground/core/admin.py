"""Admin base classes shared by the apps.

Most of our data changes only through audited services (imports, pages), so the Django
admin mostly shows it. These bases say so once.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest


class NoAddOrDeleteAdmin(admin.ModelAdmin):
    """Rows come from imports, uploads or services, and go with them."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadOnlyAdmin(NoAddOrDeleteAdmin):
    """Shown for reference; every change goes through the audited services."""

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
