"""Reads of the audit log, scoped to what the reader may see."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from commonground.core.models import AuditEvent

if TYPE_CHECKING:
    from commonground.core.actors import Actor


def audit_events_visible_to(user: Actor, organisation_ids: list[int]) -> QuerySet[AuditEvent]:
    """Platform admins read the whole log; an organisation's admins read their own part.

    ``organisation_ids`` are the organisations the user administers (from ``accounts``,
    which ``core`` may not import).
    """
    events = AuditEvent.objects.select_related("actor")
    if getattr(user, "is_superuser", False):
        return events
    return events.filter(organisation_id__in=organisation_ids)
