"""Issue pages: candidates from the rules with their evidence, confirmed and dismissed
issues, the council's own, and the actions suggested for a confirmed issue."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from commonground.accounts.types import SignedInRequest
from commonground.core.errors import DomainError, InvalidInput, not_found
from commonground.core.forms import apply_domain_error
from commonground.library.models import Action, CaseStudy, Issue
from commonground.plans import access, selectors
from commonground.plans.forms import (
    AdoptForm,
    ConfirmIssueForm,
    DismissIssueForm,
    OwnIssueForm,
    set_choices,
)
from commonground.plans.models import ActionPlan, IssueStatus, Origin
from commonground.plans.services import issues as issue_services
from commonground.plans.services import plans as plan_services
from commonground.plans.services.plans import ActionFields
from commonground.plans.views.common import council_from, ward_choices


@login_required
def issues(request: SignedInRequest) -> HttpResponse:
    if not access.councils_for(request.user):
        return render(request, "plans/no_council.html", status=404)
    council = council_from(request)
    return render(request, "plans/issues/list.html", {
        "council": council, "councils": access.councils_for(request.user),
        "grouped": selectors.issues_of([council.pk]),
        "outcomes": request.session.pop("plans_outcomes", None),
        "can_write": council in access.councils_for(request.user, write=True)})


@login_required
def issue(request: SignedInRequest, issue_id: int) -> HttpResponse:
    found = access.get_local_issue_for_user(request.user, issue_id)
    which = request.POST.get("form", "")
    confirm = ConfirmIssueForm(request.POST if which == "confirm" else None, initial={
        "priority": found.priority, "groups": found.groups,
        "wards": list(found.wards.values_list("code", flat=True))})
    set_choices(confirm.fields["wards"], ward_choices(found.council))
    dismiss = DismissIssueForm(request.POST if which == "dismiss" else None,
                               initial={"reason": found.dismissed_reason})
    if request.method == "POST":
        found = access.get_local_issue_for_user(request.user, issue_id, write=True)
        try:
            if which == "confirm" and confirm.is_valid():
                issue_services.confirm_issue(actor=request.user, issue=found,
                                             priority=confirm.cleaned_data["priority"],
                                             groups=confirm.cleaned_data["groups"],
                                             ward_codes=confirm.cleaned_data["wards"])
                messages.success(request, _("The issue is confirmed: now choose actions "
                                            "for it."))
                return redirect("plans:suggestions", issue_id=found.pk)
            if which == "dismiss" and dismiss.is_valid():
                issue_services.dismiss_issue(actor=request.user, issue=found,
                                             reason=dismiss.cleaned_data["reason"])
                messages.success(request, _("The issue is dismissed."))
                return redirect(f"{reverse('plans:issues')}?council={found.council.slug}")
        except DomainError as error:
            apply_domain_error(confirm if which == "confirm" else dismiss, error)
    return render(request, "plans/issues/detail.html", {
        "issue": found, "confirm": confirm, "dismiss": dismiss,
        "form": dismiss if dismiss.errors else confirm,
        "can_write": found.council in access.councils_for(request.user, write=True),
        "actions": found.actions.select_related("plan")})


@login_required
def new_issue(request: SignedInRequest) -> HttpResponse:
    council = council_from(request, write=True)
    form = OwnIssueForm(request.POST or None)
    set_choices(form.fields["framework_issue"], [("", _("None of these"))] + [
        (str(i.pk), i.title) for i in Issue.objects.order_by("number")])
    set_choices(form.fields["wards"], ward_choices(council))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            found = issue_services.add_own_issue(
                actor=request.user, council=council, title=data["title"],
                description=data["description"], priority=data["priority"],
                groups=data["groups"], ward_codes=data["wards"],
                framework_issue=Issue.objects.filter(pk=data["framework_issue"] or 0).first())
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("The issue is added and confirmed."))
            return redirect("plans:suggestions", issue_id=found.pk)
    return render(request, "plans/form.html", {
        "form": form, "council": council, "caption": council.name,
        "title": _("Add an issue of your own"), "submit": _("Add the issue"),
        "intro": _("An issue you know of from local intelligence, whether or not the "
                   "platform's data show it. It is confirmed as you add it.")})


@login_required
def suggestions(request: SignedInRequest, issue_id: int) -> HttpResponse:
    """Actions for a confirmed issue: Table D1's, then the universal ones, each with its
    guidance, pitfalls and case studies from councils like this one."""
    found = access.get_local_issue_for_user(request.user, issue_id)
    if found.status != IssueStatus.CONFIRMED:
        messages.info(request, _("Confirm the issue first; then its actions are suggested."))
        return redirect("plans:issue", issue_id=found.pk)
    plans = list(ActionPlan.objects.filter(council=found.council).order_by("-period_start"))
    offered = selectors.suggestions_for(found)
    forms = []
    for suggestion in offered.actions:
        form = AdoptForm(prefix=suggestion.action.slug)
        set_choices(form.fields["plan"], [(str(p.pk), p.title) for p in plans])
        set_choices(form.fields["case_studies"], [
            (str(c.pk), f"{c.title} ({c.council})")
            for c in suggestion.similar_cases + suggestion.other_cases])
        forms.append((suggestion, form))
    return render(request, "plans/issues/suggestions.html", {
        "issue": found, "offered": offered, "forms": forms, "plans": plans,
        "can_write": found.council in access.councils_for(request.user, write=True)})


@login_required
@require_POST
def adopt(request: SignedInRequest, issue_id: int, slug: str) -> HttpResponse:
    """Adopt a suggested action as it is: its title and summary go into the plan."""
    found = access.get_local_issue_for_user(request.user, issue_id, write=True)
    library = Action.objects.filter(slug=slug).first()
    if library is None:
        raise not_found(_("action"))
    form = AdoptForm(request.POST, prefix=slug)
    plans = ActionPlan.objects.filter(council=found.council)
    set_choices(form.fields["plan"], [(str(p.pk), p.title) for p in plans])
    set_choices(form.fields["case_studies"], [
        (str(c.pk), c.title) for c in CaseStudy.objects.filter(actions=library)])
    if not form.is_valid():
        raise InvalidInput(_("Choose a plan for the action."))
    plan = access.get_plan_for_user(request.user, int(form.cleaned_data["plan"]), write=True)
    action = plan_services.add_action(actor=request.user, plan=plan, fields=ActionFields(
        title=library.title, description=library.summary, library_action=library,
        origin=Origin.ADOPTED, issues=[found], lead_organisation=found.council,
        case_studies=list(CaseStudy.objects.filter(
            pk__in=[int(pk) for pk in form.cleaned_data["case_studies"]]))))
    messages.success(request, _("“%(title)s” is in the plan. Give it a lead, dates and "
                                "milestones.") % {"title": action.title})
    return redirect("plans:action", action_id=action.pk)
