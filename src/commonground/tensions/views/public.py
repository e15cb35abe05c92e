"""The public report: choose the council, tell us what happened, get a reference and a
private link to add more later. No account needed; works without JavaScript."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from commonground.accounts.models import Organisation, OrganisationKind
from commonground.core import audit
from commonground.core.errors import DomainError, not_found
from commonground.core.forms import apply_domain_error
from commonground.places.geo import area_at_point
from commonground.places.models import Area, AreaLevel
from commonground.tensions import access, selectors
from commonground.tensions.forms import AddInformationForm, ReportForm
from commonground.tensions.services import reports as report_services
from commonground.tensions.throttle import over_limit

DONE_KEY = "tensions_report_done"


def _council(code: str) -> tuple[Organisation, Area]:
    council = Organisation.objects.filter(kind=OrganisationKind.COUNCIL, area_code=code).first()
    area = Area.objects.filter(level=AreaLevel.COUNCIL, code=code).first()
    if council is None or area is None:
        raise not_found("council")
    return council, area


def start(request: HttpRequest) -> HttpResponse:
    """The GOV.UK start page: what the service is for, what you need, then Start now."""
    return render(request, "tensions/public/start.html")


def choose_council(request: HttpRequest) -> HttpResponse:
    councils = selectors.councils_on_platform()
    code = request.GET.get("council", "")
    error = ""
    if code:
        if any(area.code == code for _c, area in councils):
            return redirect("tensions-public:form", code=code)
        error = "Choose the council area where it happened."
    return render(request, "tensions/public/choose_council.html",
                  {"councils": councils, "error": error, "chosen": code})


def map_data(area: Area, wards: list[Area]) -> dict[str, Any]:
    """Ward shapes for the map, read by report-map.mjs from a JSON block (never a point)."""
    return {
        "council": area.code,
        "wardAt": reverse("tensions-public:ward-at", args=[area.code]),
        "wards": {"type": "FeatureCollection", "features": [
            {"type": "Feature", "geometry": w.boundary,
             "properties": {"code": w.code, "name": w.name}}
            for w in wards if w.boundary]},
    }


def report_form(request: HttpRequest, code: str) -> HttpResponse:
    council, area = _council(code)
    wards = list(selectors.wards_of(area))
    form = ReportForm(request.POST or None, wards=wards)
    if request.method == "POST" and form.is_valid():
        if form.is_bot:
            form.add_error(None, "We could not accept this form. Please try again.")
        elif over_limit(request):
            form.add_error(None, "Too many reports have come from your connection in the "
                                 "last hour. Please try again later, or call 101.")
        else:
            try:
                return _submit(request, council, form)
            except DomainError as error:
                apply_domain_error(form, error)
    return render(request, "tensions/public/report_form.html",
                  {"form": form, "council": council, "area": area,
                   "map_data": map_data(area, wards)})


def _submit(request: HttpRequest, council: Organisation, form: ReportForm) -> HttpResponse:
    data = form.cleaned_data
    ward = report_services.resolve_ward(council, ward_code=data["ward"],
                                        longitude=data["longitude"], latitude=data["latitude"])
    report, token = report_services.submit_report(
        actor=None, council=council, ward=ward, category=data["category"],
        characteristics=data["characteristics"], what_happened=data["what_happened"],
        occurred_on=data["occurred_on"], who_affected=data["who_affected"],
        root_cause=data["root_cause"], reported_to_police=data["reported_to_police"],
        location_description=data["location_description"],
        longitude=data["longitude"], latitude=data["latitude"], contact=form.contact(),
    )
    request.session[DONE_KEY] = {
        "reference": report.reference,
        "link": request.build_absolute_uri(reverse("tensions-public:private", args=[token])),
        "council": council.name,
        "contact": form.contact() is not None,
    }
    return redirect("tensions-public:done")


def report_done(request: HttpRequest) -> HttpResponse:
    done = request.session.get(DONE_KEY)
    if not done:
        return redirect("tensions-public:start")
    return render(request, "tensions/public/done.html", {"done": done})


@require_GET
def ward_at(request: HttpRequest, code: str) -> JsonResponse:
    """Which ward of this council holds the point clicked on the map."""
    _council_org, area = _council(code)
    try:
        lon, lat = float(request.GET["lon"]), float(request.GET["lat"])
    except (KeyError, ValueError):
        return JsonResponse({"error": "Give lon and lat as numbers."}, status=400)
    ward = area_at_point(lon, lat, level=AreaLevel.WARD, within=area)
    if ward is None:
        return JsonResponse({"error": "That point is not in this council's area."}, status=404)
    return JsonResponse({"code": ward.code, "name": ward.name})


def private_link(request: HttpRequest, token: str) -> HttpResponse:
    """The reporter's own view of their report, where they can add information."""
    report = access.report_by_link(token)
    form = AddInformationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if over_limit(request):
            form.add_error(None, "Too many messages have come from your connection in the "
                                 "last hour. Please try again later.")
        else:
            try:
                report_services.add_information(report=report, text=form.cleaned_data["text"])
            except DomainError as error:
                apply_domain_error(form, error)
            else:
                messages.success(request, "Thank you. We have added this to your report.")
                return redirect(request.path)
    report_services.record_view(actor=None, report=report,
                                action=audit.Action.REPORT_PRIVATE_LINK_VIEW)
    context: dict[str, Any] = {"report": report, "form": form,
                               "updates": list(report.updates.all())}
    return render(request, "tensions/public/private.html", context)
