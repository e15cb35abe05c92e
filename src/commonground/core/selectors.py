"""Reads of the audit log, scoped to what the reader may see."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.utils import timezone

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
    return AuditEvent.objects.filter(scope)


@dataclass(frozen=True)
class AuditFilters:
    """What a reader narrows the log to (the audit log page's filter form)."""

    person: str = ""  # part of the acting person's email address
    action: str = ""  # an ``Action`` value
    object_type: str = ""  # a model label, "tensions.report"
    object_text: str = ""  # the object's number, or part of its name
    since: datetime.date | None = None
    until: datetime.date | None = None

    def as_dict(self) -> dict[str, str]:
        """The filters given, as text (the export's audit row, the page's links)."""
        out = {"person": self.person, "action": self.action, "object_type": self.object_type,
               "object": self.object_text,
               "since": self.since.isoformat() if self.since else "",
               "until": self.until.isoformat() if self.until else ""}
        return {key: value for key, value in out.items() if value}


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def filter_audit_events(events: QuerySet[AuditEvent], filters: AuditFilters
                        ) -> QuerySet[AuditEvent]:
    if filters.person:
        events = events.filter(actor_label__icontains=filters.person)
    if filters.action:
        events = events.filter(action=filters.action)
    if filters.object_type:
        events = events.filter(object_type=filters.object_type)
    if filters.object_text:
        events = events.filter(Q(object_id=filters.object_text)
                               | Q(object_label__icontains=filters.object_text))
    # Whole days in the service's time zone, as a range on the indexed time.
    if filters.since:
        events = events.filter(created_at__gte=_day_start(filters.since))
    if filters.until:
        events = events.filter(
            created_at__lt=_day_start(filters.until + datetime.timedelta(days=1)))
    return events
