"""The audit log, for platform admins (the platform's rows) and organisation admins (their
organisation's): filtered by person, action, object and date, and downloaded as CSV."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from commonground.accounts.access import administered_organisation_ids, can_read_audit_log
from commonground.accounts.forms import AuditFilterForm, object_kinds
from commonground.accounts.types import SignedInRequest
from commonground.core import audit, csvfile
from commonground.core.audit.privacy import current_names
from commonground.core.errors import PermissionDenied
from commonground.core.models import AuditEvent
from commonground.core.selectors import (
    AuditFilters,
    audit_events_visible_to,
    filter_audit_events,
)

EXPORT_HEADER = ["when", "who", "action", "kind", "object_id", "object", "before", "after"]


def _events(request: SignedInRequest) -> tuple[AuditFilterForm, AuditFilters,
                                               QuerySet[AuditEvent]]:
    if not can_read_audit_log(request.user):
        raise PermissionDenied(_("Only administrators can read the audit log."))
    form = AuditFilterForm(request.GET or None)
    filters = form.filters()
    events = audit_events_visible_to(request.user,
                                     administered_organisation_ids(request.user))
    return form, filters, filter_audit_events(events, filters)


def _named(request: SignedInRequest, rows: list[AuditEvent], *,
           translated: bool = True) -> list[AuditEvent]:
    """Each row with ``kind`` (the object's readable kind, English in a download) and
    ``name`` (today's name of an object the reader may open, else the label stored in
    the row)."""
    names = current_names(request.user, rows)
    kinds = dict(object_kinds(translated=translated))
    for row in rows:
        row.kind = kinds.get(row.object_type, row.object_type)  # type: ignore[attr-defined]
        row.name = names.get((row.object_type, row.object_id),  # type: ignore[attr-defined]
                             row.object_label)
    return rows


@login_required
def audit_log(request: SignedInRequest) -> HttpResponse:
    form, filters, events = _events(request)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    page.object_list = _named(request, list(page.object_list))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "accounts/audit_log.html", {
        "page": page, "form": form, "filtered": bool(filters.as_dict()),
        "query_string": query.urlencode()})


@login_required
def audit_export(request: SignedInRequest) -> HttpResponse:
    """The filtered rows as CSV; one audit row says what was exported (not one per row)."""
    _form, filters, events = _events(request)
    count = 0

    def rows() -> Iterator[list[Any]]:
        nonlocal count
        for chunk in _chunks(events):
            for row in _named(request, chunk, translated=False):
                count += 1
                yield [row.created_at, row.actor_label, row.action,
                       row.kind, row.object_id, row.name,  # type: ignore[attr-defined]
                       json.dumps(row.old_values, ensure_ascii=False, sort_keys=True),
                       json.dumps(row.new_values, ensure_ascii=False, sort_keys=True)]

    response = csvfile.response("audit-log.csv", EXPORT_HEADER, rows())
    org_ids = administered_organisation_ids(request.user)
    audit.record(actor=request.user, action=audit.Action.AUDIT_EXPORT,
                 object_type="core.auditevent", object_label="Audit log",
                 organisation_id=org_ids[0] if len(org_ids) == 1 and not
                 request.user.is_superuser else None,
                 new={"rows": count, "filters": filters.as_dict()})
    return response


def _chunks(events: QuerySet[AuditEvent], size: int = 2000) -> Iterator[list[AuditEvent]]:
    """Newest first, in slices, so names are looked up once per slice."""
    batch: list[AuditEvent] = []
    for row in events.iterator(chunk_size=size):
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
