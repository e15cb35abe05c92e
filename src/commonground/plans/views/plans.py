"""Plan pages: the section's front page, a plan and its parts for the council and its
partners, sign-off and publication, the history, and the public accountability page."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from commonground.accounts.types import SignedInRequest
from commonground.core.errors import DomainError, not_found
from commonground.core.forms import apply_domain_error
from commonground.library.models import Action
from commonground.places.models import Area
from commonground.plans import access, measures, selectors
from commonground.plans.forms import PlanForm, ReadingForm, StatusForm, TargetForm, set_choices
from commonground.plans.models import (
    ActionPlan,
    IssueStatus,
    LocalIssue,
    MappingExercise,
    Origin,
    PlanAction,
    PlanStatus,
)
from commonground.plans.services import history
from commonground.plans.services import plans as plan_services
from commonground.plans.services.plans import TRANSITIONS, TargetFields
from commonground.plans.views.common import action_fields, action_form, council_from


def index(request: HttpRequest) -> HttpResponse:
    """Published plans for everyone; for a council's people, their own work too."""
    councils = access.councils_for(request.user)
    return render(request, "plans/index.html", {
        "plans": selectors.plans_index(request.user), "councils": councils,
        "can_write": bool(access.councils_for(request.user, write=True))})


def _plan_form(council_id: int, data: Any = None, initial: dict[str, Any] | None = None
               ) -> PlanForm:
    form = PlanForm(data, initial=initial)
    set_choices(form.fields["exercise"], [("", _("None"))] + [
        (str(e.pk), e.name) for e in MappingExercise.objects.filter(council_id=council_id)])
    return form


@login_required
def new_plan(request: SignedInRequest) -> HttpResponse:
    council = council_from(request, write=True)
    form = _plan_form(council.pk, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plan = plan_services.create_plan(
                actor=request.user, council=council, title=data["title"],
                period_start=data["period_start"], period_end=data["period_end"],
                vision=data["vision"], vision_url=data["vision_url"],
                title_cy=data["title_cy"], vision_cy=data["vision_cy"],
                exercise=MappingExercise.objects.filter(pk=data["exercise"] or 0).first())
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("The plan is started as a draft."))
            return redirect("plans:plan", plan_id=plan.pk)
    return render(request, "plans/form.html", {
        "form": form, "council": council, "caption": council.name,
        "title": _("Start an action plan"), "submit": _("Start the plan"),
        "intro": _("A plan for a period, linked to the local vision. It stays a draft, seen "
                   "only by the council and the organisations named on its actions, until it "
                   "is agreed and published.")})


def plan(request: HttpRequest, plan_id: int) -> HttpResponse:
    found = access.get_plan_for_user(request.user, plan_id)
    if not access.is_insider(request.user, found):
        return redirect("plans:public", plan_id=found.pk)
    today = timezone.localdate()
    # The actions are read only if the kept part of the page is out of date.
    return render(request, "plans/plans/plan.html", {
        "page": SimpleLazyObject(lambda: selectors.plan_actions(found, today)),
        "targets": SimpleLazyObject(lambda: selectors.plan_targets(found, today)),
        "plan": found, "fragment": selectors.fragment_key(found, today, "insider"),
        "targets_fragment": selectors.targets_key(found, today, "insider"),
        "can_write": selectors.is_council_writer(request.user, found),
        "council_reader": selectors.is_council_reader(request.user, found)})


@login_required
def edit_plan(request: SignedInRequest, plan_id: int) -> HttpResponse:
    found = access.get_plan_for_user(request.user, plan_id, write=True)
    form = _plan_form(found.council_id, request.POST or None, initial={
        "title": found.title, "period_start": found.period_start,
        "period_end": found.period_end, "vision": found.vision, "vision_url": found.vision_url,
        "title_cy": found.title_cy, "vision_cy": found.vision_cy,
        "exercise": found.exercise_id or ""})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plan_services.update_plan(
                actor=request.user, plan=found, title=data["title"],
                period_start=data["period_start"], period_end=data["period_end"],
                vision=data["vision"], vision_url=data["vision_url"],
                title_cy=data["title_cy"], vision_cy=data["vision_cy"],
                exercise=MappingExercise.objects.filter(pk=data["exercise"] or 0).first())
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("The plan is saved."))
            return redirect("plans:plan", plan_id=found.pk)
    return render(request, "plans/form.html", {
        "form": form, "caption": found.title, "title": _("Change the plan"),
        "submit": _("Save the plan"), "back": found})


@login_required
def plan_status(request: SignedInRequest, plan_id: int) -> HttpResponse:
    found = access.get_plan_for_user(request.user, plan_id, write=True)
    labels = {PlanStatus.DRAFT: _("Reopen it as a draft"),
              PlanStatus.AGREED: _("Agreed: it has been signed off")
              if found.status == PlanStatus.DRAFT else _("Withdraw it from publication"),
              PlanStatus.PUBLISHED: _("Publish it: everyone can read it")}
    form = StatusForm(request.POST or None)
    set_choices(form.fields["status"], [(s.value, labels[s]) for s in
                                        sorted(TRANSITIONS[PlanStatus(found.status)])])
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plan_services.set_plan_status(actor=request.user, plan=found,
                                          status=data["status"],
                                          signed_off_by=data["signed_off_by"],
                                          signed_off_on=data["signed_off_on"])
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("The plan is now %(status)s.") % {
                "status": found.get_status_display().lower()})
            return redirect("plans:plan", plan_id=found.pk)
    return render(request, "plans/form.html", {
        "form": form, "caption": found.title, "back": found,
        "title": _("Sign off or publish the plan"), "submit": _("Save"),
        "intro": _("The plan is %(status)s. A plan is agreed (signed off) before it is "
                   "published; once published, everyone can read its progress on the public "
                   "page, without anyone's personal details.")
        % {"status": found.get_status_display().lower()}})


@login_required
def plan_history(request: SignedInRequest, plan_id: int) -> HttpResponse:
    found = access.get_plan_for_user(request.user, plan_id)
    if not access.is_insider(request.user, found):
        raise not_found(_("plan"))
    page = Paginator(history.of(found), 50).get_page(request.GET.get("page"))
    return render(request, "plans/plans/history.html", {
        "plan": found, "page": page,
        "council_reader": selectors.is_council_reader(request.user, found)})


@login_required
def new_action(request: SignedInRequest, plan_id: int) -> HttpResponse:
    """An action of the council's own, or one adapted from the Framework
    (``?library=<slug>&issue=<id>`` fills the form from it)."""
    found = access.get_plan_for_user(request.user, plan_id, write=True)
    initial: dict[str, Any] = {"lead_organisation": found.council.pk}
    library = Action.objects.filter(slug=request.GET.get("library", "")).first()
    if library is not None:
        initial.update({"title": library.title, "description": library.summary,
                        "library_action": library.pk, "origin": Origin.ADAPTED})
    issue = LocalIssue.objects.filter(pk=request.GET.get("issue") or 0, council=found.council,
                                      status=IssueStatus.CONFIRMED).first()
    if issue is not None:
        initial["issues"] = [str(issue.pk)]
    parent = PlanAction.objects.filter(plan=found, pk=request.GET.get("parent") or 0).first()
    if parent is not None:
        initial["parent"] = parent.pk
    form = action_form(found, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            action = plan_services.add_action(actor=request.user, plan=found,
                                              fields=action_fields(found, form.cleaned_data))
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("The action is added to the plan."))
            return redirect("plans:action", action_id=action.pk)
    return render(request, "plans/form.html", {
        "form": form, "caption": found.title, "back": found,
        "title": _("Add an action"), "submit": _("Add the action")})


def target_form(plan: ActionPlan, data: Any = None, initial: dict[str, Any] | None = None
                ) -> TargetForm:
    form = TargetForm(data, initial=initial)
    scope = selectors.scope_for(plan, None)
    set_choices(form.fields["measure"], [(code, label) for code, label in
                                         measures.options(scope)])
    set_choices(form.fields["area"], [("", _("The whole council area"))] + [
        (str(w.pk), w.name) for w in selectors.wards_of(plan.council)])
    set_choices(form.fields["action"], [("", _("The plan as a whole"))] + [
        (str(a.pk), f"{ref} {a.title}") for a, ref, _depth in
        selectors.tree(list(PlanAction.objects.filter(plan=plan)))])
    return form


def target_fields(data: dict[str, Any]) -> TargetFields:
    return TargetFields(
        title=data["title"], measure=data["measure"], baseline_on=data["baseline_on"],
        target_value=data["target_value"], target_on=data["target_on"],
        baseline_value=data["baseline_value"], baseline_low=data["baseline_low"],
        baseline_high=data["baseline_high"],
        area=Area.objects.defer("boundary").filter(pk=data["area"] or 0).first(),
        action=PlanAction.objects.filter(pk=data["action"] or 0).first(),
        notes=data["notes"], title_cy=data.get("title_cy", ""))


@login_required
def new_target(request: SignedInRequest, plan_id: int) -> HttpResponse:
    found = access.get_plan_for_user(request.user, plan_id, write=True)
    form = target_form(found, request.POST or None,
                       initial={"baseline_on": timezone.localdate(),
                                "action": request.GET.get("action", "")})
    if request.method == "POST" and form.is_valid():
        try:
            plan_services.add_target(actor=request.user, plan=found,
                                     fields=target_fields(form.cleaned_data))
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("The target is added."))
            return redirect("plans:plan", plan_id=found.pk)
    return render(request, "plans/form.html", {
        "form": form, "caption": found.title, "back": found, "title": _("Add a target"),
        "submit": _("Add the target"),
        "intro": _("The platform reads the latest value of the measure itself (or you enter "
                   "figures for a measure of your own) and says whether the target is on "
                   "track. Survey figures and counts carry a 95% interval: while it includes "
                   "the baseline, the change cannot be told from chance.")})


@login_required
def edit_target(request: SignedInRequest, target_id: int) -> HttpResponse:
    """Change a target; for a measure of the council's own, enter its figures here."""
    target = access.get_target_for_user(request.user, target_id, write=True)
    found = target.plan
    which = request.POST.get("form", "target")
    form = target_form(found, request.POST if which == "target" else None, initial={
        "title": target.title, "title_cy": target.title_cy, "measure": target.measure,
        "area": target.area_id or "",
        "action": target.action_id or "", "baseline_value": target.baseline_value,
        "baseline_low": target.baseline_low, "baseline_high": target.baseline_high,
        "baseline_on": target.baseline_on, "target_value": target.target_value,
        "target_on": target.target_on, "notes": target.notes})
    reading = ReadingForm(request.POST if which == "reading" else None,
                          initial={"on": timezone.localdate()})
    if request.method == "POST":
        try:
            if which == "target" and form.is_valid():
                plan_services.update_target(actor=request.user, target=target,
                                            fields=target_fields(form.cleaned_data))
                messages.success(request, _("The target is saved."))
                return redirect("plans:plan", plan_id=found.pk)
            if which == "reading" and reading.is_valid():
                data = reading.cleaned_data
                plan_services.add_target_reading(actor=request.user, target=target,
                                                 value=data["value"], on=data["on"],
                                                 low=data["low"], high=data["high"],
                                                 note=data["note"])
                messages.success(request, _("The figure is added."))
                return redirect("plans:edit-target", target_id=target.pk)
        except DomainError as error:
            apply_domain_error(form if which == "target" else reading, error)
    return render(request, "plans/plans/target.html", {
        "form": reading if reading.errors else form, "target_form": form,
        "reading_form": reading, "plan": found, "target": target,
        "manual": target.measure.startswith("manual:"),
        "readings": target.readings.order_by("-on", "-pk")})


def public_plan(request: HttpRequest, plan_id: int) -> HttpResponse:
    """The accountability page of a published plan: progress, milestones and targets, with
    organisations but no people, and only updates marked as holding no personal data."""
    found = access.get_plan_for_user(request.user, plan_id)
    if not found.is_published and not access.is_insider(request.user, found):
        raise not_found(_("plan"))
    today = timezone.localdate()
    page = SimpleLazyObject(lambda: selectors.plan_actions(found, today))
    return render(request, "plans/plans/public.html", {
        "page": page, "plan": found,
        "news": SimpleLazyObject(lambda: selectors.public_news(
            cast(selectors.PlanActions, page))),
        "preview": not found.is_published,
        "fragment": selectors.fragment_key(found, today, "public"),
        "targets_fragment": selectors.targets_key(found, today, "public"),
        "targets": SimpleLazyObject(
            lambda: selectors.public_targets(selectors.plan_targets(found, today)))})
