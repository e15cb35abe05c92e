"""What the assessments pages share: the generic form page and the form choices that
name the council's wards, custom areas, plans and partners."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from commonground.accounts.models import Organisation
from commonground.assessments.models import ImpactAssessment
from commonground.places.models import CustomArea
from commonground.plans.models import ActionPlan


def form_page(request: HttpRequest, form: Any, *, title: str, submit: str,
              assessment: ImpactAssessment | None = None, council: Organisation | None = None,
              intro: str = "", caption: str = "") -> HttpResponse:
    return render(request, "assessments/form.html", {
        "form": form, "title": title, "submit": submit, "assessment": assessment,
        "council": council, "intro": intro,
        "caption": caption or (assessment.title if assessment else
                               council.name if council else "")})


def custom_area_choices(council: Organisation) -> list[tuple[str, str]]:
    return [("", "–"), *[(str(c.pk), c.name) for c in
                         CustomArea.objects.filter(organisation=council).order_by("name")]]


def plan_choices(council: Organisation, blank: str = "") -> list[tuple[str, str]]:
    plans = [(str(p.pk), p.title) for p in
             ActionPlan.objects.filter(council=council).order_by("-period_start", "title")]
    return [("", blank), *plans] if blank else plans
