"""Action pages: an action with its milestones, sub-actions, targets and updates; the
council changes it, the lead keeps its milestones and rating current, the lead and its
partners report progress with evidence."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from commonground.accounts.types import SignedInRequest
from commonground.core.errors import DomainError, not_found
from commonground.core.forms import apply_domain_error
from commonground.plans import access, selectors
from commonground.plans.forms import MilestoneForm, RatingForm, UpdateForm
from commonground.plans.models import Milestone
from commonground.plans.services import plans as plan_services
from commonground.plans.services import progress as progress_services
from commonground.plans.views.common import action_fields, action_form, action_initial


def action(request: HttpRequest, action_id: int) -> HttpResponse:
    found = access.get_action_for_user(request.user, action_id)
    insider = access.is_insider(request.user, found.plan)
    if not insider:
        return redirect(reverse("plans:public", args=[found.plan_id]) + f"#action-{found.pk}")
    may_lead = request.user.is_authenticated and access.may_lead(request.user, found)
    may_report = request.user.is_authenticated and access.may_report(request.user, found)
    return render(request, "plans/actions/action.html", {
        "action": selectors.action_details(found), "plan": found.plan,
        "page": selectors.action_page(found, timezone.localdate(), insider=True),
        "can_write": selectors.is_council_writer(request.user, found.plan),
        "council_reader": selectors.is_council_reader(request.user, found.plan),
        "may_lead": may_lead, "may_report": may_report,
        "rating": RatingForm(initial={"rag": found.rag, "rag_reason": found.rag_reason,
                                      "status": found.status}),
        "milestone_form": MilestoneForm(), "update_form": UpdateForm(),
        "today": timezone.localdate()})


@login_required
def edit_action(request: SignedInRequest, action_id: int) -> HttpResponse:
    found = access.get_action_for_user(request.user, action_id, write=True)
    form = action_form(found.plan, request.POST or None, action=found,
                       initial=action_initial(found))
    if request.method == "POST" and form.is_valid():
        try:
            plan_services.update_action(
                actor=request.user, action=found,
                fields=action_fields(found.plan, form.cleaned_data, rag=found.rag,
                                     rag_reason=found.rag_reason))
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("The action is saved."))
            return redirect("plans:action", action_id=found.pk)
    return render(request, "plans/form.html", {
        "form": form, "caption": found.plan.title, "back_action": found,
        "nav_council": found.plan.council,
        "council_reader": selectors.is_council_reader(request.user, found.plan),
        "title": _("Change the action"), "submit": _("Save the action")})


@login_required
@require_POST
def delete_action(request: SignedInRequest, action_id: int) -> HttpResponse:
    found = access.get_action_for_user(request.user, action_id, write=True)
    plan_id = found.plan_id
    plan_services.delete_action(actor=request.user, action=found)
    messages.success(request, _("The action is deleted."))
    return redirect("plans:plan", plan_id=plan_id)


@login_required
@require_POST
def rate(request: SignedInRequest, action_id: int) -> HttpResponse:
    found = access.get_action_for_user(request.user, action_id, lead=True)
    form = RatingForm(request.POST)
    if form.is_valid():
        try:
            plan_services.set_rating(actor=request.user, action=found,
                                     rag=form.cleaned_data["rag"],
                                     reason=form.cleaned_data["rag_reason"],
                                     status=form.cleaned_data["status"])
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("The rating is saved."))
            return redirect("plans:action", action_id=found.pk)
    return _again(request, found.pk, rating=form)


def _again(request: SignedInRequest, action_id: int, **forms: object) -> HttpResponse:
    """The action's page again, with the form that failed and its errors."""
    found = access.get_action_for_user(request.user, action_id)
    context = {
        "action": selectors.action_details(found), "plan": found.plan,
        "page": selectors.action_page(found, timezone.localdate(), insider=True),
        "can_write": selectors.is_council_writer(request.user, found.plan),
        "council_reader": selectors.is_council_reader(request.user, found.plan),
        "may_lead": access.may_lead(request.user, found),
        "may_report": access.may_report(request.user, found),
        "rating": RatingForm(initial={"rag": found.rag, "rag_reason": found.rag_reason,
                                      "status": found.status}),
        "milestone_form": MilestoneForm(), "update_form": UpdateForm(),
        "today": timezone.localdate(), **forms}
    context["form"] = next(iter(forms.values()))
    return render(request, "plans/actions/action.html", context, status=400)


@login_required
@require_POST
def add_milestone(request: SignedInRequest, action_id: int) -> HttpResponse:
    found = access.get_action_for_user(request.user, action_id, lead=True)
    form = MilestoneForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            plan_services.add_milestone(actor=request.user, action=found, title=data["title"],
                                        due_on=data["due_on"], weight=data["weight"],
                                        status=data["status"],
                                        completed_on=data["completed_on"],
                                        title_cy=data["title_cy"])
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("The milestone is added."))
            return redirect("plans:action", action_id=found.pk)
    return _again(request, found.pk, milestone_form=form)


@login_required
def edit_milestone(request: SignedInRequest, milestone_id: int) -> HttpResponse:
    milestone: Milestone = access.get_milestone_for_user(request.user, milestone_id, write=True)
    form = MilestoneForm(request.POST or None, initial={
        "title": milestone.title, "title_cy": milestone.title_cy, "due_on": milestone.due_on,
        "status": milestone.status,
        "completed_on": milestone.completed_on, "weight": milestone.weight})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plan_services.update_milestone(
                actor=request.user, milestone=milestone, title=data["title"],
                due_on=data["due_on"], status=data["status"], weight=data["weight"],
                completed_on=data["completed_on"], title_cy=data["title_cy"])
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("The milestone is saved."))
            return redirect("plans:action", action_id=milestone.action_id)
    return render(request, "plans/form.html", {
        "form": form, "caption": milestone.action.title, "back_action": milestone.action,
        "nav_council": milestone.action.plan.council,
        "council_reader": selectors.is_council_reader(request.user, milestone.action.plan),
        "title": _("Update the milestone"), "submit": _("Save the milestone")})


@login_required
@require_POST
def post_update(request: SignedInRequest, action_id: int) -> HttpResponse:
    found = access.get_action_for_user(request.user, action_id, report=True)
    form = UpdateForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            progress_services.post_update(actor=request.user, action=found, text=data["text"],
                                          link=data["link"], file=data["file"],
                                          public=data["public"])
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("Your update is added to the timeline."))
            return redirect("plans:action", action_id=found.pk)
    return _again(request, found.pk, update_form=form)


def update_file(request: HttpRequest, update_id: int) -> FileResponse:
    update = access.get_update_for_user(request.user, update_id)
    if not update.file:
        raise not_found(_("file"))
    return FileResponse(update.file.open("rb"), as_attachment=True,
                        filename=update.file_name or "evidence")

