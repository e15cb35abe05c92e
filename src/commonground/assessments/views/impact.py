"""Impact assessment pages for the council: start one, screen it, the full assessment
(effects, consultations, mitigations that become plan actions, the commissioning
checklist), sign-off, publication, and the council's settings of which parts to include."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from commonground.accounts.models import Organisation
from commonground.accounts.types import SignedInRequest
from commonground.assessments import access, picture, questions, selectors
from commonground.assessments.forms import (
    ChecklistForm,
    ConsultationForm,
    EffectForm,
    MitigationForm,
    ProposalForm,
    ScreeningForm,
    SettingsForm,
    SignOffForm,
    set_choices,
)
from commonground.assessments.models import (
    AssessmentSettings,
    ChecklistAnswer,
    Effect,
    Part,
    ProposalKind,
)
from commonground.assessments.services import impact as services
from commonground.assessments.views.common import custom_area_choices, form_page, plan_choices
from commonground.core.errors import DomainError
from commonground.core.forms import apply_domain_error
from commonground.places.models import Area, CustomArea
from commonground.plans.models import ActionPlan
from commonground.plans.views.common import council_from, organisation_choices, ward_choices


def index(request: HttpRequest) -> HttpResponse:
    """Published summaries for everyone; for a council's people, their drafts too."""
    return render(request, "assessments/index.html", {
        **selectors.index(request.user), "councils": access.councils_for(request.user),
        "can_write": bool(access.councils_for(request.user, write=True))})


def _proposal_form(council: Organisation, data: Any = None,
                   initial: dict[str, Any] | None = None) -> ProposalForm:
    form = ProposalForm(data, initial=initial)
    set_choices(form.fields["custom_area"], custom_area_choices(council))
    set_choices(form.fields["wards"], ward_choices(council))
    set_choices(form.fields["plan"], plan_choices(council, blank=_("Choose later")))
    return form


def _proposal_fields(data: dict[str, Any]) -> services.ProposalFields:
    return services.ProposalFields(
        title=data["title"], kind=data["kind"], description=data["description"],
        title_cy=data["title_cy"], description_cy=data["description_cy"],
        decided_by=data["decided_by"], reach=data["reach"],
        custom_area=CustomArea.objects.filter(pk=data["custom_area"] or 0).first(),
        ward_codes=list(data["wards"] or []),
        plan=ActionPlan.objects.filter(pk=data["plan"] or 0).first())


@login_required
def new_assessment(request: SignedInRequest) -> HttpResponse:
    council = council_from(request, write=True)
    form = _proposal_form(council, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            found = services.start_assessment(actor=request.user, council=council,
                                              fields=_proposal_fields(form.cleaned_data))
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("The assessment is started. Screen the proposal "
                                        "next."))
            return redirect("assessments:assessment", assessment_id=found.pk)
    parts = [str(Part(p).label) for p in selectors.parts_for(council)]
    return form_page(request, form, council=council, title=_("Assess a proposal"),
                     submit=_("Start the assessment"),
                     intro=_("One assessment covers: %(parts)s. It stays a draft, seen only "
                             "by the council, until it is signed off and its summary "
                             "published.") % {"parts": ", ".join(parts)})


@login_required
def edit_assessment(request: SignedInRequest, assessment_id: int) -> HttpResponse:
    found = access.get_assessment_for_user(request.user, assessment_id, write=True)
    form = _proposal_form(found.council, request.POST or None, initial={
        "title": found.title, "kind": found.kind, "description": found.description,
        "title_cy": found.title_cy, "description_cy": found.description_cy,
        "decided_by": found.decided_by, "reach": found.reach,
        "custom_area": found.custom_area_id or "", "plan": found.plan_id or "",
        "wards": list(found.wards.values_list("code", flat=True))})
    if request.method == "POST" and form.is_valid():
        try:
            services.update_assessment(actor=request.user, assessment=found,
                                       fields=_proposal_fields(form.cleaned_data))
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("The proposal is saved."))
            return redirect("assessments:assessment", assessment_id=found.pk)
    return form_page(request, form, assessment=found, title=_("Change the proposal"),
                     submit=_("Save the proposal"))


def assessment(request: HttpRequest, assessment_id: int) -> HttpResponse:
    """The council's working page; everyone else is shown the published summary."""
    found = access.get_assessment_for_user(request.user, assessment_id)
    if not access.is_council_member(request.user, found):
        return redirect("assessments:summary", assessment_id=found.pk)
    today = timezone.localdate()
    checks = {c.item: c for c in ChecklistAnswer.objects.filter(assessment=found)}
    return render(request, "assessments/assessment.html", {
        "assessment": found, "council": found.council,
        "parts": [str(Part(p).label) for p in found.parts if p in Part.values],
        "picture": picture.labelled(picture.read(found, today) if found.is_draft
                                    else found.evidence),
        "screening": selectors.screening(found), "concerns": selectors.concerns(found),
        "screened": selectors.is_screened(found),
        "effects": found.effects.select_related("area"),
        "consultations": found.consultations.all(),
        "mitigations": found.mitigations.select_related("action", "action__plan", "effect"),
        "wards": list(found.wards.order_by("name")),
        "checklist": [(stage, [(item, checks.get(item.id)) for item in stage.items])
                      for stage in questions.commissioning()]
        if found.kind == ProposalKind.COMMISSIONED else [],
        "can_write": access.may_write(request.user, found)})


@login_required
def screening(request: SignedInRequest, assessment_id: int) -> HttpResponse:
    found = access.get_assessment_for_user(request.user, assessment_id, write=True)
    rows = selectors.screening(found)
    initial: dict[str, Any] = {}
    for row in rows:
        if row.answer is not None:
            initial[row.question.id] = row.answer.answer
            initial[f"{row.question.id}_note"] = row.answer.note
    asked = [row.question for row in rows]
    form = ScreeningForm([(row.question, row.tests) for row in rows], request.POST or None,
                         initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.save_screening(actor=request.user, assessment=found, answers={
                q.id: (data[q.id], data[f"{q.id}_note"]) for q in asked})
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            if selectors.concerns(found):
                messages.warning(request, _("Screening raised concerns: complete the full "
                                            "assessment below."))
            else:
                messages.success(request, _("Screening raised no concerns. You can sign the "
                                            "assessment off."))
            return redirect("assessments:assessment", assessment_id=found.pk)
    return form_page(request, form, assessment=found, title=_("Screening"),
                     submit=_("Save the screening"),
                     intro=_("Answer each question from what you know now. A possible "
                             "negative effect, or not being sure, leads to the full "
                             "assessment: say in a few words what the concern is."))


@login_required
def new_effect(request: SignedInRequest, assessment_id: int) -> HttpResponse:
    found = access.get_assessment_for_user(request.user, assessment_id, write=True)
    form = EffectForm(request.POST or None)
    set_choices(form.fields["part"], [(p, str(Part(p).label)) for p in found.parts])
    set_choices(form.fields["area"], [("", _("Every area it touches"))] + [
        (str(a.pk), a.name) for a in picture.parts_of(found)])
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.add_effect(actor=request.user, assessment=found, fields=services.EffectFields(
                group=data["group"], direction=data["direction"],
                likelihood=data["likelihood"], severity=data["severity"],
                evidence=data["evidence"], part=data["part"],
                characteristic=data["characteristic"],
                area=Area.objects.defer("boundary").filter(pk=data["area"] or 0).first()))
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("The effect is recorded."))
            return redirect("assessments:assessment", assessment_id=found.pk)
    return form_page(request, form, assessment=found, title=_("Record an effect"),
                     submit=_("Record the effect"))


@login_required
def new_consultation(request: SignedInRequest, assessment_id: int) -> HttpResponse:
    found = access.get_assessment_for_user(request.user, assessment_id, write=True)
    form = ConsultationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_consultation(actor=request.user, assessment=found,
                                      **form.cleaned_data)
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("The consultation is recorded."))
            return redirect("assessments:assessment", assessment_id=found.pk)
    return form_page(request, form, assessment=found, title=_("Record a consultation"),
                     submit=_("Record the consultation"),
                     intro=_("Include the groups that are hard to reach and people who have "
                             "arrived recently: they are the most often missed."))


@login_required
def new_mitigation(request: SignedInRequest, assessment_id: int) -> HttpResponse:
    found = access.get_assessment_for_user(request.user, assessment_id, write=True)
    form = MitigationForm(request.POST or None, initial={
        "plan": found.plan_id or "", "lead_organisation": found.council_id,
        "effect": request.GET.get("effect", "")})
    set_choices(form.fields["effect"], [("", _("None in particular"))] + [
        (str(e.pk), e.group) for e in found.effects.all()])
    set_choices(form.fields["plan"], plan_choices(found.council))
    set_choices(form.fields["lead_organisation"], organisation_choices(found.council))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            mitigation = services.add_mitigation(
                actor=request.user, assessment=found, title=data["title"],
                description=data["description"],
                effect=Effect.objects.filter(pk=data["effect"] or 0).first(),
                plan=ActionPlan.objects.filter(pk=data["plan"] or 0).first(),
                lead_organisation=Organisation.objects.filter(
                    pk=data["lead_organisation"] or 0).first(),
                ends_on=data["ends_on"])
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            plan = mitigation.action.plan if mitigation.action else None
            messages.success(request, _("The mitigation is recorded and added to the plan "
                                        "“%(plan)s” as an action.")
                             % {"plan": plan.title if plan else ""})
            return redirect("assessments:assessment", assessment_id=found.pk)
    if not form.fields["plan"].choices:  # type: ignore[attr-defined]
        form.add_error(None, _("The council has no plan yet: start one in Plans first."))
    return form_page(request, form, assessment=found, title=_("Add a mitigation"),
                     submit=_("Add the mitigation and its plan action"),
                     intro=_("A mitigation is carried out as an action of one of the "
                             "council's plans: saving it adds the action to the plan, where "
                             "its progress is tracked."))


@login_required
@require_POST
def delete_effect(request: SignedInRequest, effect_id: int) -> HttpResponse:
    effect = access.get_effect_for_user(request.user, effect_id, write=True)
    services.delete_effect(actor=request.user, effect=effect)
    messages.success(request, _("The effect is removed."))
    return redirect("assessments:assessment", assessment_id=effect.assessment_id)


@login_required
@require_POST
def delete_consultation(request: SignedInRequest, consultation_id: int) -> HttpResponse:
    consultation = access.get_consultation_for_user(request.user, consultation_id, write=True)
    services.delete_consultation(actor=request.user, consultation=consultation)
    messages.success(request, _("The consultation is removed."))
    return redirect("assessments:assessment", assessment_id=consultation.assessment_id)


@login_required
def checklist(request: SignedInRequest, assessment_id: int) -> HttpResponse:
    found = access.get_assessment_for_user(request.user, assessment_id, write=True)
    initial: dict[str, Any] = {}
    for check in ChecklistAnswer.objects.filter(assessment=found):
        initial[check.item], initial[f"{check.item}_note"] = check.done, check.note
    form = ChecklistForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.save_checklist(actor=request.user, assessment=found, answers={
                item: (data[item], data[f"{item}_note"]) for item in questions.checklist_ids()})
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("The checklist is saved."))
            return redirect("assessments:assessment", assessment_id=found.pk)
    return form_page(request, form, assessment=found,
                     title=_("Cohesion in the commissioning cycle"), submit=_("Save the checklist"),
                     intro=_("Tick what has been done at each stage: analyse, plan, do and "
                             "review."))


@login_required
def sign_off(request: SignedInRequest, assessment_id: int) -> HttpResponse:
    found = access.get_assessment_for_user(request.user, assessment_id, write=True)
    form = SignOffForm(request.POST or None, initial={"signed_off_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.sign_off(actor=request.user, assessment=found, decision=data["decision"],
                              reasons=data["reasons"], signed_off_by=data["signed_off_by"],
                              signed_off_on=data["signed_off_on"], review_on=data["review_on"],
                              summary=data["summary"], summary_cy=data["summary_cy"])
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("The assessment is signed off."))
            return redirect("assessments:assessment", assessment_id=found.pk)
    return form_page(request, form, assessment=found, title=_("Decision and sign-off"),
                     submit=_("Sign the assessment off"),
                     intro=_("What the platform knows of the areas today is kept with the "
                             "sign-off, so the summary shows what the decision rested on."))


@login_required
@require_POST
def publish(request: SignedInRequest, assessment_id: int) -> HttpResponse:
    found = access.get_assessment_for_user(request.user, assessment_id, write=True)
    services.publish(actor=request.user, assessment=found)
    messages.success(request, _("The summary is published: everyone can read it."))
    return redirect("assessments:summary", assessment_id=found.pk)


@login_required
@require_POST
def reopen(request: SignedInRequest, assessment_id: int) -> HttpResponse:
    found = access.get_assessment_for_user(request.user, assessment_id, write=True)
    services.reopen(actor=request.user, assessment=found)
    messages.success(request, _("The assessment is a draft again."))
    return redirect("assessments:assessment", assessment_id=found.pk)


@login_required
def settings_page(request: SignedInRequest) -> HttpResponse:
    council = council_from(request, write=True)
    found = AssessmentSettings.objects.filter(organisation=council).first()
    form = SettingsForm(request.POST or None, initial={
        "equality": found.equality if found else True,
        "socio_economic": found.socio_economic if found else True,
        "welsh": found.welsh if found else True})
    if not selectors.is_welsh(council):
        del form.fields["welsh"]
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.save_settings(actor=request.user, council=council,
                               equality=data["equality"],
                               socio_economic=data["socio_economic"],
                               welsh=data.get("welsh", True))
        messages.success(request, _("The settings are saved. They apply to assessments "
                                    "started from now on."))
        return redirect("assessments:index")
    return form_page(request, form, council=council,
                     title=_("What the council's assessments include"),
                     submit=_("Save the settings"),
                     intro=_("Community cohesion is always assessed. Each council chooses "
                             "whether the same assessment also covers the equality duty, "
                             "the socio-economic duty and, in Wales, the Welsh language."))


def summary(request: HttpRequest, assessment_id: int) -> HttpResponse:
    """The published summary: the proposal, the decision and what it rested on, the
    effects found and the mitigations, for everyone. The council previews it before."""
    found = access.get_assessment_for_user(request.user, assessment_id)
    return render(request, "assessments/summary.html", {
        "assessment": found, "council": found.council, "preview": not found.is_published,
        "picture": picture.labelled(found.evidence if not found.is_draft else picture.read(
            found, timezone.localdate())),
        "effects": found.effects.select_related("area"),
        "mitigations": found.mitigations.select_related("action", "action__plan"),
        "consulted": found.consultations.count(),
        "seldom_heard": found.consultations.filter(hard_to_reach=True).count(),
        "new_arrivals": found.consultations.filter(new_arrivals=True).count()})
