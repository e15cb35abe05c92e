"""The public report: choose the council, answer one question per page, check the
answers, send them, and get a reference and a private link to add more later. No account
needed; works without JavaScript (the map and its pin are an enhancement)."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from commonground.accounts.models import Organisation, OrganisationKind
from commonground.core import audit
from commonground.core.errors import DomainError, not_found
from commonground.core.forms import GovukForm, apply_domain_error
from commonground.core.middleware import tile_source
from commonground.places import area_search
from commonground.places.geo import area_at_point
from commonground.places.models import Area, AreaLevel
from commonground.tensions import access, gazetteer, selectors
from commonground.tensions.forms import AddInformationForm
from commonground.tensions.journey import BY_SLUG, Draft, Step
from commonground.tensions.models import Category, Characteristic, ReportedToPolice
from commonground.tensions.public_forms import SendForm
from commonground.tensions.services import reports as report_services
from commonground.tensions.services.reports import ContactDetails
from commonground.tensions.throttle import over_limit

DONE_KEY = "tensions_report_done"
# Wards found by a place search, at most; a council has up to ~100 wards.
PLACE_RESULTS = 10


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
    code = request.GET.get("council")
    error = ""
    if code is not None:
        if any(area.code == code for _c, area in councils):
            return redirect("tensions-public:form", code=code)
        error = _("Select the council area where it happened")
    return render(request, "tensions/public/choose_council.html",
                  {"councils": councils, "error": error, "chosen": code or ""})


def map_data(area: Area, wards: list[Area]) -> dict[str, Any]:
    """Ward shapes for the map, read by report-map.mjs from a JSON block (never a point),
    with the base map's tiles when a tile address is configured, and the status lines in
    the page's language."""
    return {
        "council": area.code,
        "wardAt": reverse("tensions-public:ward-at", args=[area.code]),
        "wards": {"type": "FeatureCollection", "features": [
            {"type": "Feature", "geometry": w.boundary,
             "properties": {"code": w.code, "name": w.display_name}}
            for w in wards if w.boundary]},
        "tiles": settings.MAP_TILE_URL if tile_source(settings.MAP_TILE_URL) else "",
        "attribution": settings.MAP_TILE_ATTRIBUTION,
        "text": {
            # %(ward)s is filled in by the script.
            "chosen": _("You chose a place in %(ward)s ward."),
            "outside": _("That place is not in %(council)s's area. Your choice of ward has "
                         "not changed: choose a place inside the area, or select the ward "
                         "from the list.") % {"council": area.display_name},
            "failed": _("We could not find the ward for that place. Select the ward from "
                        "the list."),
        },
    }


def begin(request: HttpRequest, code: str) -> HttpResponse:
    """The council is chosen: go to the first question not yet answered."""
    _council(code)
    draft = Draft(request.session, code)
    draft.save()
    step = draft.first_unanswered()
    if step is None:
        return redirect("tensions-public:check", code=code)
    return redirect("tensions-public:question", code=code, step=step.slug)


def _form(step: Step, draft: Draft, data: Any, *, council: Organisation, area: Area,
          wards: list[Area]) -> GovukForm:
    extra: dict[str, Any] = {}
    if step.slug == "where":
        places = gazetteer.places_of(area.code)
        extra = {"wards": wards, "council_name": area.display_name,
                 "ward_at": (places.ward_at if places is not None
                             else lambda lon, lat: None)}
    return step.form(data, initial=draft.initial(step), **extra)


def _place_search(request: HttpRequest, wards: list[Area]) -> tuple[str, list[Area]]:
    """Wards of this council whose English or Welsh name is like the words searched for
    (``places.area_search``: typos forgiven, accents folded)."""
    query = request.GET.get("place", "").strip()[:100]
    if not query:
        return "", []
    by_code = {w.code: w for w in wards}
    found = [by_code[m.entry.code] for m in area_search.search(
        query, levels=(AreaLevel.WARD,), limit=1000) if m.entry.code in by_code]
    return query, found[:PLACE_RESULTS]


def question(request: HttpRequest, code: str, step: str) -> HttpResponse:
    council, area = _council(code)
    current = BY_SLUG.get(step)
    draft = Draft(request.session, code)
    if current is None or not current.applies(draft.answers):
        raise Http404
    wards = list(selectors.wards_of(area)) if current.slug == "where" else []
    form = _form(current, draft, request.POST if request.method == "POST" else None,
                 council=council, area=area, wards=wards)
    if request.method == "POST" and form.is_valid():
        draft.record(current, form.cleaned_data)
        following = draft.first_unanswered()
        if following is None:
            return redirect("tensions-public:check", code=code)
        return redirect("tensions-public:question", code=code, step=following.slug)
    previous = draft.previous(current)
    context: dict[str, Any] = {
        "form": form, "step": current, "council": council, "area": area,
        "back": (reverse("tensions-public:question", args=[code, previous.slug])
                 if previous else reverse("tensions-public:council") + f"?council={code}"),
    }
    if current.slug == "where":
        query, found = _place_search(request, wards)
        chosen = request.GET.get("ward", "")
        if request.method != "POST" and chosen in {w.code for w in wards}:
            form.initial["ward"] = chosen
            context["chosen"] = next(w for w in wards if w.code == chosen)
        context.update({"place": query, "found": found,
                        "map_data": map_data(area, wards)})
    return render(request, f"tensions/public/question_{current.slug}.html"
                  if current.slug in ("where", "when", "contact")
                  else "tensions/public/question.html", context)


def _summary(draft: Draft, area: Area) -> list[dict[str, Any]]:
    """The check-your-answers rows: the question, the answer in the reader's language."""
    answers = draft.answers
    ward = next((w for w in selectors.wards_of(area) if w.code == answers.get("ward")), None)
    where = [ward.display_name if ward else "", answers.get("location_description") or ""]
    day = draft.occurred_on()
    contact = [answers.get(n) or "" for n in ("contact_name", "contact_email",
                                              "contact_phone")]
    values = {
        "where": [v for v in where if v],
        "kind": [str(Category(answers["category"]).label)] if answers.get("category") else [],
        "hostility": [str(Characteristic(c).label) for c in draft.characteristics()],
        "what": [answers.get("what_happened") or ""],
        "when": [_date(day)] if day else [],
        "who": [answers.get("who_affected") or ""],
        "why": [answers.get("root_cause") or ""],
        "police": ([str(ReportedToPolice(answers["reported_to_police"]).label)]
                   if answers.get("reported_to_police") else []),
        "contact": [v for v in contact if v],
    }
    return [{"step": step, "values": [v for v in values[step.slug] if v],
             "change": reverse("tensions-public:question", args=[draft.council, step.slug])}
            for step in draft.steps()]


def _date(day: datetime.date) -> str:
    return date_format(day, "j F Y")


def check(request: HttpRequest, code: str) -> HttpResponse:
    """Check your answers, then send: one call of the intake service."""
    council, area = _council(code)
    draft = Draft(request.session, code)
    missing = draft.first_unanswered()
    if missing is not None:
        return redirect("tensions-public:question", code=code, step=missing.slug)
    form = SendForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if form.is_bot:
            form.add_error(None, _("We could not accept this form. Please try again."))
        elif over_limit(request):
            form.add_error(None, _("Too many reports have come from your connection in the "
                                   "last hour. Please try again later, or call 101."))
        else:
            try:
                return _submit(request, council, draft)
            except DomainError as error:
                apply_domain_error(form, error)
    last = draft.steps()[-1]
    return render(request, "tensions/public/check.html", {
        "form": form, "council": council, "area": area, "rows": _summary(draft, area),
        "back": reverse("tensions-public:question", args=[code, last.slug])})


def _submit(request: HttpRequest, council: Organisation, draft: Draft) -> HttpResponse:
    answers = draft.answers
    contact = ContactDetails(name=answers.get("contact_name") or "",
                             email=answers.get("contact_email") or "",
                             phone=answers.get("contact_phone") or "")
    ward = report_services.resolve_ward(council, ward_code=answers.get("ward") or "",
                                        longitude=answers.get("longitude"),
                                        latitude=answers.get("latitude"))
    occurred_on = draft.occurred_on()
    assert occurred_on is not None  # the journey is complete
    report, token = report_services.submit_report(
        actor=None, council=council, ward=ward, category=answers["category"],
        characteristics=draft.characteristics(), what_happened=answers["what_happened"],
        occurred_on=occurred_on, who_affected=answers.get("who_affected") or "",
        root_cause=answers.get("root_cause") or "",
        reported_to_police=answers["reported_to_police"],
        location_description=answers.get("location_description") or "",
        longitude=answers.get("longitude"), latitude=answers.get("latitude"),
        contact=contact if contact.given else None,
    )
    draft.clear()
    request.session[DONE_KEY] = {
        "reference": report.reference,
        "link": request.build_absolute_uri(reverse("tensions-public:private", args=[token])),
        "council": council.area_code,
        "contact": contact.given,
        "hate_incident": answers["category"] == Category.HATE_INCIDENT,
    }
    return redirect("tensions-public:done")


def report_done(request: HttpRequest) -> HttpResponse:
    done = request.session.get(DONE_KEY)
    if not done:
        return redirect("tensions-public:start")
    area = Area.objects.filter(level=AreaLevel.COUNCIL, code=done["council"]).first()
    return render(request, "tensions/public/done.html", {"done": done, "area": area})


@require_GET
def ward_at(request: HttpRequest, code: str) -> JsonResponse:
    """Which ward of this council holds the point clicked on the map."""
    _council_org, area = _council(code)
    try:
        lon, lat = float(request.GET["lon"]), float(request.GET["lat"])
    except (KeyError, ValueError):
        return JsonResponse({"error": _("Give lon and lat as numbers.")}, status=400)
    ward = area_at_point(lon, lat, level=AreaLevel.WARD, within=area)
    if ward is None:
        # An answer, not a missing page: the map says so and keeps the ward chosen.
        return JsonResponse({"code": None, "outside": True,
                             "message": _("That point is not in this council's area.")})
    return JsonResponse({"code": ward.code, "name": ward.display_name})


def private_link(request: HttpRequest, token: str) -> HttpResponse:
    """The reporter's own view of their report, where they can add information."""
    report = access.report_by_link(token)
    form = AddInformationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if over_limit(request):
            form.add_error(None, _("Too many messages have come from your connection in the "
                                   "last hour. Please try again later."))
        else:
            try:
                report_services.add_information(report=report, text=form.cleaned_data["text"])
            except DomainError as error:
                apply_domain_error(form, error)
            else:
                messages.success(request, _("Thank you. We have added this to your report."))
                return redirect(request.path)
    report_services.record_view(actor=None, report=report,
                                action=audit.Action.REPORT_PRIVATE_LINK_VIEW)
    context: dict[str, Any] = {"report": report, "form": form,
                               "updates": list(report.updates.all())}
    return render(request, "tensions/public/private.html", context)
