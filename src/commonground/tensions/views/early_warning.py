"""Early-warning pages: the dashboard, alerts, subscriptions and trigger events."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from commonground.accounts.types import SignedInRequest
from commonground.core.errors import DomainError, not_found
from commonground.core.form_actions import posted_to_from
from commonground.core.forms import apply_domain_error
from commonground.places.models import Area
from commonground.tensions import access, selectors
from commonground.tensions.forms import TriggerEventForm
from commonground.tensions.models import Alert, AlertSubscription, TriggerEvent
from commonground.tensions.services import response as response_services
from commonground.tensions.views.common import council_for


@login_required
def dashboard(request: SignedInRequest) -> HttpResponse:
    """Counts by category and week, a ward map, alerts, overdue timers, tension levels.

    Officers see their own council exactly; partners see councils that share with them,
    through disclosure control (small counts hidden, no points).
    """
    # The user's memberships and sharing agreements, read once for every question below.
    reach = access.reach_of(request.user)
    councils = selectors.dashboard_councils(request.user, reach=reach)
    if not councils:
        return render(request, "tensions/no_access.html")
    slug = request.GET.get("council", "")
    council = next((c for c in councils if c.slug == slug), councils[0])
    owner = council.pk in access.council_ids_for(request.user, reach=reach)
    # Only its wards' shapes are drawn: its own boundary is not decoded. The wards are
    # read once, for the map and the counts.
    area = Area.objects.filter(code=council.area_code).defer("boundary").first()
    wards = list(selectors.wards_of(area)) if area else None
    counts = selectors.counts_for(request.user, council, wards=wards, reach=reach)
    ward_counts = {x["code"]: x["count"] for x in counts.wards}
    chart = {
        "weeks": [date_format(w, "j M") for w in counts.weeks],
        "series": [{"label": label, "data": counts.table.cells[i]}
                   for i, (_code, label) in enumerate(counts.categories)],
    }
    ward_map = {
        "low": _("low"),
        "wards": {"type": "FeatureCollection", "features": [
            {"type": "Feature", "geometry": w.boundary,
             "properties": {"code": w.code, "name": w.display_name,
                            "count": ward_counts.get(w.code, 0)}}
            for w in wards or [] if w.boundary]},
    }
    return render(request, "tensions/dashboard.html", {
        "council": council, "councils": councils, "counts": counts, "owner": owner,
        "rows": list(zip(counts.categories, counts.table.cells, counts.table.row_totals,
                         strict=True)),
        "chart": chart, "ward_map": ward_map,
        "alerts": (Alert.objects.filter(council=council).select_related("area",
                                                                      "acknowledged_by")[:10]
                   if owner else []),
        "detector_ran": selectors.detector_ran(council) if owner else None,
        "overdue": selectors.overdue(request.user).filter(council=council) if owner else [],
        "levels": selectors.latest_levels(request.user, council, reach=reach),
    })


@login_required
def alerts(request: SignedInRequest) -> HttpResponse:
    council = council_for(request)
    user = request.user
    subscribed = AlertSubscription.objects.filter(user=user, council=council).exists()
    return render(request, "tensions/alerts.html", {
        "council": council, "subscribed": subscribed,
        "detector_ran": selectors.detector_ran(council),
        "alerts": Alert.objects.filter(council=council).select_related("area",
                                                                      "acknowledged_by")[:100],
    })


@login_required
@posted_to_from("tensions:alerts")
def acknowledge(request: SignedInRequest, alert_id: int) -> HttpResponse:
    alert = access.get_alert_for_user(request.user, alert_id, write=True)
    response_services.acknowledge_alert(actor=request.user, alert=alert)
    messages.success(request, _("The alert is marked as seen."))
    return redirect("tensions:alerts")


@login_required
@posted_to_from("tensions:alerts")
def subscribe(request: SignedInRequest) -> HttpResponse:
    council = council_for(request)
    on = request.POST.get("subscribe") == "yes"
    response_services.set_subscription(actor=request.user, council=council, subscribed=on)
    messages.success(request, _("You will get an email when a new alert is raised.") if on
                     else _("You will no longer get alert emails."))
    return redirect("tensions:alerts")


@login_required
def trigger_events(request: SignedInRequest) -> HttpResponse:
    council = council_for(request)
    can_write = council.pk in access.council_ids_for(request.user, write=True)
    form = TriggerEventForm(request.POST or None, initial={"watch_level": 5})
    if request.method == "POST":
        if not can_write:
            raise not_found(_("page"))
        if form.is_valid():
            try:
                response_services.create_trigger_event(actor=request.user, council=council,
                                                       **form.cleaned_data)
            except DomainError as error:
                apply_domain_error(form, error)
            else:
                messages.success(request, _("The trigger event is in the calendar. Alerts "
                                            "will fire more readily around it."))
                return redirect("tensions:trigger-events")
    return render(request, "tensions/trigger_events.html", {
        "council": council, "form": form, "can_write": can_write,
        "events": TriggerEvent.objects.filter(council=council)})


def alerts_help(request: HttpRequest) -> HttpResponse:
    """How early-warning alerts work: a page of the service, in English and Welsh."""
    return render(request, "tensions/alerts_help.html")
