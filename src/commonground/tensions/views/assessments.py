"""Weekly tension assessments, and the weekly partner return (CSV and printable page)."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from commonground.accounts.models import Organisation
from commonground.accounts.types import SignedInRequest
from commonground.core import audit, csvfile, disclosure
from commonground.core.errors import DomainError, EditConflict, not_found
from commonground.core.forms import apply_domain_error
from commonground.tensions import access, selectors
from commonground.tensions.forms import AssessmentForm
from commonground.tensions.models import Assessment
from commonground.tensions.services.assessments import save_assessment, week_start
from commonground.tensions.views.common import council_area, council_for


def _week(request: HttpRequest) -> datetime.date:
    day = parse_date(request.GET.get("week", "") or "") or timezone.localdate()
    return week_start(day)


@login_required
def index(request: SignedInRequest) -> HttpResponse:
    visible = access.visible_assessments(request.user)
    council_ids = access.assessment_council_ids(access.reach_of(request.user))
    if not council_ids:
        raise not_found(_("page"))
    councils = Organisation.objects.filter(pk__in=council_ids).order_by("name")
    levels = {c: selectors.latest_levels(request.user, c) for c in councils}
    return render(request, "tensions/assessments/index.html", {
        "levels": levels, "week": _week(request),
        "writable": access.council_ids_for(request.user, write=True),
        "recent": visible.select_related("area", "council")[:50],
    })


@login_required
def edit(request: SignedInRequest) -> HttpResponse:
    council = council_for(request, write=True)
    area = council_area(council)
    areas = [area, *selectors.wards_of(area)]
    initial: dict[str, object] = {"area": request.GET.get("area", area.code),
               "week_of": _week(request).isoformat()}
    existing = Assessment.objects.filter(council=council, area__code=initial["area"],
                                         week_start=_week(request)).first()
    initial["revision"] = existing.revision if existing else 0
    if existing is not None:
        initial.update({"level": existing.level, "evidenced": existing.evidenced,
                        "experienced": existing.experienced, "potential": existing.potential,
                        "reasons": existing.reasons,
                        "reports": ", ".join(r.reference or "" for r in existing.reports.all())})
    form = AssessmentForm(request.POST or None, areas=areas, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        chosen = next(a for a in areas if a.code == data["area"])
        try:
            assessment = save_assessment(
                actor=request.user, council=council, area=chosen, week_of=data["week_of"],
                level=data["level"], reasons=data["reasons"], evidenced=data["evidenced"],
                experienced=data["experienced"], potential=data["potential"],
                report_references=form.references(), revision=data["revision"])
        except EditConflict as error:
            # The officer's assessment stays on the form at the revision now saved, so
            # saving again adds it as a revision knowing what the colleague said.
            resubmitted = request.POST.copy()
            current = Assessment.objects.get(area=chosen, week_start=week_start(
                data["week_of"]))
            resubmitted["revision"] = str(current.revision)
            form = AssessmentForm(resubmitted, areas=areas, initial=initial)
            form.is_valid()
            apply_domain_error(form, error)
            existing = current
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("The assessment of %(area)s is saved.")
                             % {"area": chosen.display_name})
            return redirect("tensions:assessment", assessment_id=assessment.pk)
    return render(request, "tensions/assessments/edit.html",
                  {"form": form, "council": council, "existing": existing})


@login_required
def detail(request: SignedInRequest, assessment_id: int) -> HttpResponse:
    assessment = access.get_assessment_for_user(request.user, assessment_id)
    audit.record(actor=request.user, action=audit.Action.ASSESSMENT_VIEW, obj=assessment,
                 organisation_id=assessment.council_id)
    owner = assessment.council_id in access.council_ids_for(request.user)
    linked = access.visible_reports(request.user).filter(assessments=assessment)
    return render(request, "tensions/assessments/detail.html", {
        "assessment": assessment, "trend": selectors.trend_of(assessment),
        "reports": linked, "owner": owner,
        "earlier": selectors.earlier_revisions(assessment),
        "can_write": assessment.council_id in access.council_ids_for(request.user, write=True),
    })


def _return_rows(request: HttpRequest) -> tuple[list[Any], datetime.date]:
    """The week's assessments the user may see, each with ``n_reports`` linked and
    ``previous_level`` (for its trend)."""
    week = _week(request)
    week_rows = access.visible_assessments(request.user).filter(week_start=week)
    rows = list(selectors.with_previous_level(week_rows)
                .select_related("council", "area").defer("area__boundary")
                .annotate(n_reports=Count("reports")).order_by("council__name", "area__name"))
    audit.record(actor=request.user, action=audit.Action.ASSESSMENT_EXPORT,
                 object_type="tensions.assessment",
                 object_id=week.isoformat(), object_label=f"weekly return {week}",
                 new={"assessments": [a.pk for a in rows]})
    return rows, week


@login_required
def partner_return(request: SignedInRequest) -> HttpResponse:
    """The weekly partner return as a printable page."""
    if not access.assessment_council_ids(access.reach_of(request.user)):
        raise not_found(_("page"))
    rows, week = _return_rows(request)
    return render(request, "tensions/assessments/return.html", {
        "rows": [(a, selectors.trend_between(a.level, a.previous_level)) for a in rows],
        "week": week,
        "previous": week - datetime.timedelta(weeks=1),
        "next": week + datetime.timedelta(weeks=1)})


@login_required
def partner_return_csv(request: SignedInRequest) -> HttpResponse:
    if not access.assessment_council_ids(access.reach_of(request.user)):
        raise not_found(_("page"))
    rows, week = _return_rows(request)
    own = access.council_ids_for(request.user)
    return csvfile.response(f"tension-return-{week}.csv", [
        "week_start", "council", "area_code", "area", "level", "level_label", "trend",
        "evidenced", "experienced", "potential", "reasons", "linked_reports"], (
        [a.week_start, a.council.name, a.area.code, a.area.name, a.level, a.short_label,
         selectors.trend_between(a.level, a.previous_level), a.evidenced, a.experienced,
         a.potential, a.reasons,
         _linked_count(a.n_reports, owner=a.council_id in own)] for a in rows))


def _linked_count(n: int, *, owner: bool) -> int | str:
    """The number of linked reports: exact for the council, through disclosure control
    for a partner (a small count of incidents can identify the people involved)."""
    if owner:
        return n
    shown = disclosure.safe_count(n)
    return shown if shown is not None else disclosure.SUPPRESSED_TEXT.format(
        n=disclosure.min_count())
