"""Tension reports: public intake, and officers' and partners' reads through the access
functions (the same who-sees-what as the pages). Every read is in the audit log."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import Query, Router, Schema
from ninja.responses import Status
from pydantic import ConfigDict, Field

from commonground.accounts.models import User
from commonground.accounts.types import SignedInRequest
from commonground.api.auth import token_or_session
from commonground.api.schemas import ErrorOut, Paging
from commonground.core import audit
from commonground.core.errors import RateLimited, not_found
from commonground.tensions import access, gazetteer, selectors
from commonground.tensions.models import Report
from commonground.tensions.services import reports as report_services
from commonground.tensions.throttle import over_limit

router = Router(tags=["Tensions"])
ERRORS: dict[int, Any] = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut,
                          429: ErrorOut}


class ContactIn(Schema):
    model_config = ConfigDict(extra="forbid")
    name: str = Field("", max_length=150)
    email: str = Field("", max_length=254)
    phone: str = Field("", max_length=30)


class ReportIn(Schema):
    model_config = ConfigDict(extra="forbid")
    council_code: str = Field(description="ONS code of the council's area, like E08000009")
    ward_code: str = Field("", description="ONS code of the ward; or give the point")
    longitude: float | None = Field(None, ge=-180, le=180, allow_inf_nan=False)
    latitude: float | None = Field(None, ge=-90, le=90, allow_inf_nan=False)
    location_description: str = Field("", max_length=300)
    category: str
    characteristics: list[str] = []
    what_happened: str = Field(max_length=5000)
    occurred_on: datetime.date
    who_affected: str = Field("", max_length=2000)
    root_cause: str = Field("", max_length=2000)
    reported_to_police: str = "unknown"
    contact: ContactIn | None = None


class ReceiptOut(Schema):
    reference: str
    private_link: str


class ContactOut(Schema):
    name: str
    email: str
    phone: str
    retain_until: datetime.date


class ReportOut(Schema):
    reference: str
    council: str
    ward_code: str | None
    ward_name: str | None
    category: str
    characteristics: list[str]
    what_happened: str
    occurred_on: datetime.date
    received_at: datetime.datetime
    source: str
    status: str
    priority: str
    reported_to_police: str
    contact: ContactOut | None


class AssessmentOut(Schema):
    id: int
    council: str
    area_code: str
    area_name: str
    week_start: datetime.date
    level: int
    level_label: str
    evidenced: str
    experienced: str
    potential: str
    reasons: str


@router.post("/reports", auth=None, response={201: ReceiptOut, **ERRORS},
             summary="Send a report (public; no account needed)")
def submit(request: HttpRequest, payload: ReportIn) -> Status[dict[str, str]]:
    if over_limit(request):
        raise RateLimited("Too many reports from this address in the last hour.")
    places = gazetteer.places_of(payload.council_code)
    if places is None:
        raise not_found("council")
    council = places.council
    ward = report_services.resolve_ward(council, ward_code=payload.ward_code,
                                        longitude=payload.longitude, latitude=payload.latitude)
    contact = (report_services.ContactDetails(**payload.contact.dict())
               if payload.contact else None)
    report, token = report_services.submit_report(
        actor=None, council=council, ward=ward, category=payload.category,
        characteristics=payload.characteristics, what_happened=payload.what_happened,
        occurred_on=payload.occurred_on, who_affected=payload.who_affected,
        root_cause=payload.root_cause, reported_to_police=payload.reported_to_police,
        location_description=payload.location_description, longitude=payload.longitude,
        latitude=payload.latitude, contact=contact)
    link = request.build_absolute_uri(reverse("tensions-public:private", args=[token]))
    return Status(201, {"reference": report.reference or "", "private_link": link})


def _report(user: User, r: Report, reach: access.Reach | None = None) -> dict[str, Any]:
    contact = None
    if access.can_see_contact(user, r, reach) and hasattr(r, "contact"):
        c = r.contact
        contact = {"name": c.name, "email": c.email, "phone": c.phone,
                   "retain_until": c.retain_until}
    return {
        "reference": r.reference, "council": r.council.slug,
        "ward_code": r.ward.code if r.ward else None,
        "ward_name": r.ward.name if r.ward else None, "category": r.category,
        "characteristics": r.characteristics, "what_happened": r.what_happened,
        "occurred_on": r.occurred_on, "received_at": r.created_at, "source": r.source,
        "status": r.status, "priority": r.priority,
        "reported_to_police": r.reported_to_police, "contact": contact,
    }


class ReportFilters(Paging):
    status: str = ""
    category: str = ""


@router.get("/reports", auth=token_or_session, response={200: list[ReportOut], **ERRORS},
            summary="Reports I may see (my council's, or shared with my organisation)")
def list_reports(request: SignedInRequest, filters: Query[ReportFilters]) -> list[dict[str, Any]]:
    user = request.user
    queue = selectors.queue(user, selectors.QueueFilters(status=filters.status,
                                                         category=filters.category))
    page = list(filters.window(queue.select_related("contact")))
    report_services.record_bulk_view(actor=user, reports=page, action=audit.Action.REPORT_API_LIST)
    reach = access.reach_of(user)  # the sharing agreements, read once for the page
    return [_report(user, r, reach) for r in page]


@router.get("/reports/{reference}", auth=token_or_session,
            response={200: ReportOut, **ERRORS}, summary="One report")
def get_report(request: SignedInRequest, reference: str) -> dict[str, Any]:
    report = access.get_report_for_user(request.user, reference)
    report_services.record_view(actor=request.user, report=report)
    data = _report(request.user, report)
    if data["contact"] is not None:
        report_services.record_view(actor=request.user, report=report,
                                    action=audit.Action.REPORT_CONTACT_VIEW)
    return data


@router.get("/assessments", auth=token_or_session,
            response={200: list[AssessmentOut], **ERRORS},
            summary="Weekly tension assessments I may see")
def list_assessments(request: HttpRequest, paging: Query[Paging],
                     week: datetime.date | None = None) -> list[dict[str, Any]]:
    rows = access.visible_assessments(request.user).select_related("council", "area")
    if week is not None:
        rows = rows.filter(week_start=week - datetime.timedelta(days=week.weekday()))
    return [{"id": a.pk, "council": a.council.slug, "area_code": a.area.code,
             "area_name": a.area.name, "week_start": a.week_start, "level": a.level,
             "level_label": a.short_label, "evidenced": a.evidenced,
             "experienced": a.experienced, "potential": a.potential, "reasons": a.reasons}
            for a in paging.window(rows)]
