"""The Equality Framework self-assessment pages: the council's self-assessments, one
self-assessment by area, a criterion (level, evidence, improvement points), completion
and the peer-challenge document."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from commonground.accounts.models import Organisation
from commonground.accounts.types import SignedInRequest
from commonground.assessments import access, framework_document, questions, selectors
from commonground.assessments.forms import (
    EvidenceForm,
    ImprovementForm,
    RatingForm,
    SelfAssessmentForm,
    set_choices,
)
from commonground.assessments.models import EvidenceKind, SelfAssessment, SelfAssessmentStatus
from commonground.assessments.services import framework as services
from commonground.assessments.views.common import form_page, plan_choices
from commonground.core import audit
from commonground.core.documents import CONTENT_TYPE, to_docx
from commonground.core.errors import DomainError, not_found
from commonground.core.forms import apply_domain_error
from commonground.plans.models import ActionPlan
from commonground.plans.views.common import council_from, organisation_choices


@login_required
def self_assessments(request: SignedInRequest) -> HttpResponse:
    """The council's self-assessments; someone in no council is told whose they are."""
    if not access.councils_for(request.user):
        return render(request, "assessments/framework/list.html", {"council": None})
    council = council_from(request)
    return render(request, "assessments/framework/list.html", {
        "council": council, "can_write": council in access.councils_for(request.user,
                                                                           write=True),
        "self_assessments": SelfAssessment.objects.filter(council=council)})


@login_required
def new_self_assessment(request: SignedInRequest) -> HttpResponse:
    council = council_from(request, write=True)
    form = SelfAssessmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            found = services.start(actor=request.user, council=council,
                                   title=form.cleaned_data["title"])
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("The self-assessment is started."))
            return redirect("assessments:self-assessment", self_assessment_id=found.pk)
    return form_page(request, form, council=council,
                     title=_("Start an equality self-assessment"),
                     submit=_("Start the self-assessment"),
                     intro=_("Rate each criterion of the Equality Framework's five areas at "
                             "Developing, Achieving or Excellent, with the evidence the "
                             "platform holds. The last completed self-assessment is shown "
                             "beside it, so you can see what moved."))


@login_required
def self_assessment(request: SignedInRequest, self_assessment_id: int) -> HttpResponse:
    found = access.get_self_assessment_for_user(request.user, self_assessment_id)
    return render(request, "assessments/framework/detail.html", {
        "found": found, "council": found.council,
        "areas": selectors.self_assessment_page(found),
        "can_write": found.status == SelfAssessmentStatus.IN_PROGRESS
        and found.council in access.councils_for(request.user, write=True)})


def _improvement_form(council: Organisation, data: object = None) -> ImprovementForm:
    form = ImprovementForm(data, initial={"lead_organisation": council.pk})
    set_choices(form.fields["plan"], plan_choices(council))
    set_choices(form.fields["lead_organisation"], organisation_choices(council))
    return form


@login_required
def criterion(request: SignedInRequest, self_assessment_id: int, criterion_id: str
              ) -> HttpResponse:
    """One criterion: its level, evidence and improvement points, each a form of its own
    (``form`` in the POST says which)."""
    found = access.get_self_assessment_for_user(request.user, self_assessment_id)
    framework = questions.equality_framework()
    item = framework.criterion(criterion_id)
    if item is None:
        raise not_found(_("criterion"))
    row = next(r for a in selectors.self_assessment_page(found) for r in a.rows
               if r.criterion.id == criterion_id)
    which = request.POST.get("form", "")
    rating = RatingForm(request.POST if which == "rating" else None, initial={
        "level": row.rating.level if row.rating else "",
        "notes": row.rating.notes if row.rating else ""})
    evidence = EvidenceForm(request.POST if which == "evidence" else None)
    set_choices(evidence.fields["choice"], [("", _("None: a web address"))] + [
        (c.value, f"{EvidenceKind(c.kind).label}: {c.label}") for c in
        selectors.evidence_choices(found.council)])
    improvement = _improvement_form(found.council, request.POST if which == "improvement"
                                    else None)
    if request.method == "POST":
        access.get_self_assessment_for_user(request.user, self_assessment_id, write=True)
        try:
            if which == "rating" and rating.is_valid():
                services.rate(actor=request.user, self_assessment=found,
                              criterion=criterion_id, **rating.cleaned_data)
                messages.success(request, _("The level is saved."))
                return redirect("assessments:self-assessment", self_assessment_id=found.pk)
            if which == "evidence" and evidence.is_valid():
                services.add_evidence(actor=request.user, self_assessment=found,
                                      criterion=criterion_id, **evidence.cleaned_data)
                messages.success(request, _("The evidence is linked."))
                return redirect(request.path)
            if which == "improvement" and improvement.is_valid():
                data = improvement.cleaned_data
                services.add_improvement(
                    actor=request.user, self_assessment=found, criterion=criterion_id,
                    title=data["title"],
                    plan=ActionPlan.objects.filter(pk=data["plan"] or 0).first(),
                    lead_organisation=Organisation.objects.filter(
                        pk=data["lead_organisation"] or 0).first(), ends_on=data["ends_on"])
                messages.success(request, _("The improvement point is added to the plan as "
                                            "an action."))
                return redirect(request.path)
        except DomainError as error:
            apply_domain_error({"rating": rating, "evidence": evidence}.get(
                which, improvement), error)
    area = framework.area(item.area)
    return render(request, "assessments/framework/criterion.html", {
        "found": found, "council": found.council, "row": row, "area": area,
        "rating_form": rating, "evidence_form": evidence, "improvement_form": improvement,
        "form": next((f for f in (rating, evidence, improvement) if f.errors), rating),
        "can_write": found.status == SelfAssessmentStatus.IN_PROGRESS
        and found.council in access.councils_for(request.user, write=True)})


@login_required
@require_POST
def remove_evidence(request: SignedInRequest, evidence_id: int) -> HttpResponse:
    link = access.get_evidence_for_user(request.user, evidence_id, write=True)
    services.remove_evidence(actor=request.user, link=link)
    messages.success(request, _("The evidence is removed."))
    return redirect("assessments:criterion", self_assessment_id=link.self_assessment_id,
                    criterion_id=link.criterion)


@login_required
@require_POST
def complete(request: SignedInRequest, self_assessment_id: int) -> HttpResponse:
    found = access.get_self_assessment_for_user(request.user, self_assessment_id, write=True)
    services.complete(actor=request.user, self_assessment=found)
    messages.success(request, _("The self-assessment is completed."))
    return redirect("assessments:self-assessment", self_assessment_id=found.pk)


@login_required
def peer_challenge_docx(request: SignedInRequest, self_assessment_id: int) -> HttpResponse:
    found = access.get_self_assessment_for_user(request.user, self_assessment_id)
    response = HttpResponse(to_docx(framework_document.build(found)),
                            content_type=CONTENT_TYPE)
    response["Content-Disposition"] = (f'attachment; filename="{slugify(found.title)}.docx"')
    audit.record(actor=request.user, action=audit.Action.ASSESSMENTS_SELF_EXPORT, obj=found,
                 organisation_id=found.council_id, new={"file": "docx"})
    return response
