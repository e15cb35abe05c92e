"""Officers' and partners' report pages: the queue, a report, triage, new reports, export."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from commonground.accounts.access import require_user
from commonground.accounts.types import SignedInRequest
from commonground.core import audit, csvfile
from commonground.core.errors import DomainError, EditConflict, not_found
from commonground.core.form_actions import posted_to_from
from commonground.core.forms import apply_domain_error
from commonground.tensions import access, selectors
from commonground.tensions.forms import NoteForm, PartnerReportForm, ReferenceForm, TriageForm
from commonground.tensions.models import Category, Priority, Report, Source, Status
from commonground.tensions.services import reports as report_services
from commonground.tensions.services import triage
from commonground.tensions.views.public import map_data


def _filters(request: HttpRequest) -> selectors.QueueFilters:
    get = request.GET
    return selectors.QueueFilters(
        status=get.get("status", "open"), category=get.get("category", ""),
        priority=get.get("priority", ""), ward=get.get("ward", ""),
        assignee=get.get("assignee", ""), tag=get.get("tag", ""), query=get.get("q", ""),
        occurred_from=_day(get.get("from", "")), occurred_to=_day(get.get("to", "")),
        counted=get.get("counted") == "1")


def _day(text: str) -> datetime.date | None:
    """A date from the address, or None when it is missing or not a real date."""
    try:
        return parse_date(text)
    except ValueError:
        return None


@login_required
def queue(request: SignedInRequest) -> HttpResponse:
    reach = access.reach_of(request.user)
    if not reach.read_councils and not reach.shared:
        raise not_found(_("page"))
    filters = _filters(request)
    page = Paginator(selectors.queue(request.user, filters), 50).get_page(request.GET.get("page"))
    reports = list(page.object_list)
    report_services.record_bulk_view(actor=request.user, reports=reports,
                                     action=audit.Action.REPORT_LIST)
    return render(request, "tensions/reports/queue.html", {
        "page": page, "rows": _queue_rows(reports), "filters": filters,
        "statuses": Status.choices,
        "categories": Category.choices, "priorities": Priority.choices,
        "is_officer": reach.is_officer, "query_string": _query_without_page(request),
        # Recording a report is for the council's officers and partners, not its analysts.
        "can_record": bool(reach.write_councils or reach.partner_orgs),
    })


@dataclass(frozen=True)
class QueueRow:
    report: Report
    path: str


# A reference as the service makes them (CG-2026-000064): reverse() would leave it as it is.
_PLAIN_REFERENCE = re.compile(r"[A-Za-z0-9-]+")


def _queue_rows(reports: list[Report]) -> list[QueueRow]:
    """The list's rows with their addresses, from one reversal rather than 50 of the same
    address. Their labels are the reports' own ``get_<field>_display``, which translate
    only the label shown (``core.choices.ChoiceLabels``)."""
    head, tail = reverse("tensions:report", args=["REFERENCE"]).split("REFERENCE")
    return [QueueRow(
        report=r,
        path=(head + r.reference + tail if r.reference and _PLAIN_REFERENCE.fullmatch(
            r.reference) else reverse("tensions:report", args=[r.reference])))
        for r in reports]


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@login_required
def detail(request: SignedInRequest, reference: str, **forms: Any) -> HttpResponse:
    report = access.get_report_for_user(request.user, reference)
    owner = access.is_owning_officer(request.user, report)
    can_write = report.council_id in access.reach_of(request.user).write_councils
    contact = None
    if access.can_see_contact(request.user, report):
        contact = getattr(report, "contact", None) if hasattr(report, "contact") else None
        if contact is not None:
            report_services.record_view(actor=request.user, report=report,
                                        action=audit.Action.REPORT_CONTACT_VIEW)
    report_services.record_view(actor=request.user, report=report)
    officers = selectors.officers_of(report.council) if can_write else []
    wards = selectors.ward_list(report.council) if can_write else []
    tags = list(report.tags.all())
    context = {
        "report": report, "owner": owner, "can_write": can_write, "contact": contact,
        "notes": report.notes.select_related("author") if owner else [],
        "updates": report.updates.all(),
        "related": report.related.all(), "duplicates": report.duplicates.all(),
        "tags": tags,
        "triage_form": forms.get("triage_form") or TriageForm(
            officers=officers, wards=wards, initial={
                "version": report.version, "status": report.status,
                "priority": report.priority, "assignee": report.assignee_id or "",
                "tags": ", ".join(t.name for t in tags),
                "ward": report.ward.code if report.ward else "", "category": report.category,
                "characteristics": report.characteristics,
                "location_description": report.location_description}),
        "note_form": forms.get("note_form") or NoteForm(),
        "link_form": forms.get("link_form") or ReferenceForm(prefix="link"),
        "merge_form": forms.get("merge_form") or ReferenceForm(prefix="merge"),
        "form": next(iter(forms.values()), None),
    }
    return render(request, "tensions/reports/detail.html", context)


def _back(report: Report) -> HttpResponse:
    return redirect("tensions:report", reference=report.reference)


@login_required
@posted_to_from("tensions:report", "reference")
def update_triage(request: SignedInRequest, reference: str) -> HttpResponse:
    report = access.get_report_for_user(request.user, reference, write=True)
    officers = selectors.officers_of(report.council)
    wards = selectors.ward_list(report.council)
    form = TriageForm(request.POST, officers=officers, wards=wards)
    if form.is_valid():
        data = form.cleaned_data
        try:
            triage.update_triage(
                actor=request.user, report=report, version=data["version"],
                status=data["status"],
                priority=data["priority"], unassign=not data["assignee"],
                assignee_id=int(data["assignee"]) if data["assignee"] else None,
                tags=data["tags"].split(","), correction=form.correction())
        except EditConflict as error:
            # The officer's choices stay on the form, now at the current version, so
            # saving again is a decision taken knowing the colleague's change.
            current = access.get_report_for_user(request.user, reference, write=True)
            resubmitted = request.POST.copy()
            resubmitted["version"] = str(current.version)
            form = TriageForm(resubmitted, officers=officers, wards=wards)
            form.is_valid()
            apply_domain_error(form, error)
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("%(reference)s has been updated.")
                             % {"reference": report.reference})
            return _back(report)
    return detail(request, reference, triage_form=form)


@login_required
@posted_to_from("tensions:report", "reference")
def add_note(request: SignedInRequest, reference: str) -> HttpResponse:
    report = access.get_report_for_user(request.user, reference, write=True)
    form = NoteForm(request.POST)
    if form.is_valid():
        triage.add_note(actor=request.user, report=report, text=form.cleaned_data["text"])
        messages.success(request, _("Your note has been added."))
        return _back(report)
    return detail(request, reference, note_form=form)


@login_required
@posted_to_from("tensions:report", "reference")
def link_or_merge(request: SignedInRequest, reference: str, action: str) -> HttpResponse:
    report = access.get_report_for_user(request.user, reference, write=True)
    form = ReferenceForm(request.POST, prefix=action)
    if form.is_valid():
        other_ref = form.cleaned_data["reference"]
        try:
            if action == "merge":
                other = triage.merge_duplicate(actor=request.user, duplicate=report,
                                               reference=other_ref)
                text = _("%(reference)s is closed as a duplicate of %(other)s.") % {
                    "reference": report.reference, "other": other.reference}
            else:
                other = triage.link_reports(actor=request.user, report=report,
                                            reference=other_ref)
                text = _("%(reference)s is linked to %(other)s.") % {
                    "reference": report.reference, "other": other.reference}
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, text)
            return _back(report)
    return detail(request, reference, **{f"{action}_form": form})


@login_required
@posted_to_from("tensions:report", "reference")
def record_contact(request: SignedInRequest, reference: str, stage: str) -> HttpResponse:
    report = access.get_report_for_user(request.user, reference, write=True)
    triage.record_contact(actor=request.user, report=report, stage=stage)
    messages.success(request, _("First contact recorded.") if stage == "first"
                     else _("Follow-up recorded."))
    return _back(report)


@login_required
def overdue(request: SignedInRequest) -> HttpResponse:
    if not access.reach_of(request.user).is_officer:
        raise not_found(_("page"))
    return render(request, "tensions/reports/overdue.html",
                  {"reports": selectors.overdue(request.user)})


@login_required
def new_report(request: SignedInRequest) -> HttpResponse:
    """A partner reporting for someone, or an officer recording intelligence."""
    require_user(request.user)
    reach = access.reach_of(request.user)
    if not reach.write_councils and not reach.partner_orgs:
        raise not_found(_("page"))
    councils = selectors.recording_councils(request.user)
    code = request.GET.get("council") or (councils[0][1].code if councils else "")
    pair = next(((c, a) for c, a in councils if a.code == code), None)
    if pair is None:
        raise not_found(_("council"))
    council, area = pair
    wards = list(selectors.wards_of(area))
    source = Source.OFFICER if council.pk in reach.write_councils else Source.PARTNER
    form = PartnerReportForm(request.POST or None, wards=wards,
                             officer=source == Source.OFFICER)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            ward = report_services.resolve_ward(council, ward_code=data["ward"],
                                                longitude=data["longitude"],
                                                latitude=data["latitude"])
            report, _token = report_services.submit_report(
                actor=request.user, council=council, ward=ward, category=data["category"],
                characteristics=data["characteristics"], what_happened=data["what_happened"],
                occurred_on=data["occurred_on"], who_affected=data["who_affected"],
                root_cause=data["root_cause"], reported_to_police=data["reported_to_police"],
                location_description=data["location_description"],
                longitude=data["longitude"], latitude=data["latitude"],
                contact=form.contact(), source=source, on_behalf_of=data["on_behalf_of"])
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("Report %(reference)s has been sent to %(council)s.")
                             % {"reference": report.reference, "council": council})
            if source == Source.OFFICER:
                return _back(report)
            return redirect(reverse("tensions:new-report") + f"?council={code}")
    return render(request, "tensions/reports/new.html", {
        "form": form, "council": council, "area": area, "councils": councils,
        "source": source, "map_data": map_data(area, wards)})


@login_required
def export_csv(request: SignedInRequest) -> HttpResponse:
    """The reports the user may see, without contact details or points, as CSV."""
    reach = access.reach_of(request.user)
    if not reach.read_councils and not reach.shared:
        raise not_found(_("page"))
    reports = list(selectors.queue(request.user, _filters(request)))
    report_services.record_bulk_view(actor=request.user, reports=reports,
                                     action=audit.Action.REPORT_EXPORT)
    return csvfile.response("reports.csv", [
        "reference", "council", "ward", "category", "characteristics", "occurred_on",
        "received", "source", "status", "priority", "reported_to_police", "what_happened"], (
        [r.reference, r.council.name, r.ward.name if r.ward else "", r.get_category_display(),
         "; ".join(r.characteristic_labels), r.occurred_on, r.created_at.date(), r.source,
         r.status, r.priority, r.reported_to_police, r.what_happened] for r in reports))
