"""Reads of the audit log, scoped to what the reader may see."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from commonground.core.audit.privacy import platform_scope
from commonground.core.models import AuditEvent

if TYPE_CHECKING:
    from commonground.core.actors import Actor


def audit_events_visible_to(user: Actor, organisation_ids: list[int]) -> QuerySet[AuditEvent]:
    """An organisation's admins read their organisation's rows; platform admins read the
    rows of the platform and of protected objects they may open (``audit.privacy``),
    never a council's tensions.

    ``organisation_ids`` are the organisations the user administers (from ``accounts``,
    which ``core`` may not import).
    """
    scope = Q(organisation_id__in=organisation_ids)
    if getattr(user, "is_superuser", False):
        scope |= platform_scope(user)
    return AuditEvent.objects.select_related("actor").filter(scope)
