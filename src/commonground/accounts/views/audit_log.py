"""The audit log, for platform admins (everything) and organisation admins (their part)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from commonground.accounts.access import administered_organisation_ids, can_read_audit_log
from commonground.accounts.types import SignedInRequest
from commonground.core.errors import PermissionDenied
from commonground.core.selectors import audit_events_visible_to


@login_required
def audit_log(request: SignedInRequest) -> HttpResponse:
    if not can_read_audit_log(request.user):
        raise PermissionDenied(_("Only administrators can read the audit log."))
    org_ids = administered_organisation_ids(request.user)
    events = audit_events_visible_to(request.user, org_ids)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(request, "accounts/audit_log.html", {"page": page})
