"""Vision and strategy pages (the current version, every version kept, the consultation
record) and the cohesion partnership (members and their roles, the sharing agreements the
council has given, meetings with their decisions and the actions they created)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from commonground.accounts.models import Organisation, SharingAgreement
from commonground.accounts.types import SignedInRequest
from commonground.assessments import access
from commonground.assessments.forms import (
    DecisionForm,
    MeetingForm,
    MemberForm,
    StrategyConsultationForm,
    StrategyForm,
    VersionForm,
    set_choices,
)
from commonground.assessments.models import Meeting, PartnershipMember, Strategy, StrategyVersion
from commonground.assessments.services import strategy as services
from commonground.assessments.views.common import form_page, plan_choices
from commonground.core.errors import DomainError, not_found
from commonground.core.forms import apply_domain_error
from commonground.plans.models import ActionPlan, IssueStatus, LocalIssue
from commonground.plans.views.common import council_from, organisation_choices


def _version_form(council: Organisation, form_class: type[VersionForm], data: Any = None,
                  initial: dict[str, Any] | None = None) -> VersionForm:
    form = form_class(data, initial=initial)
    set_choices(form.fields["issues"], [(str(i.pk), i.title) for i in LocalIssue.objects.filter(
        council=council, status=IssueStatus.CONFIRMED).order_by("title")])
    set_choices(form.fields["plans"], plan_choices(council))
    return form


def _fields(data: dict[str, Any]) -> services.StrategyFields:
    return services.StrategyFields(
        vision=data["vision"], principles=data["principles"], priorities=data["priorities"],
        issues=list(LocalIssue.objects.filter(pk__in=[int(v) for v in data["issues"]])),
        plans=list(ActionPlan.objects.filter(pk__in=[int(v) for v in data["plans"]])),
        adopted_on=data["adopted_on"], adopted_by=data["adopted_by"],
        review_on=data["review_on"])


def strategies(request: HttpRequest) -> HttpResponse:
    """The user's councils' strategies; adopted strategies of every council."""
    own = [c.pk for c in access.councils_for(request.user)]
    found = [s for s in Strategy.objects.select_related("council").prefetch_related("versions")
             if s.council_id in own or _adopted(s)]
    return render(request, "assessments/strategy/list.html", {
        "strategies": found, "can_write": bool(access.councils_for(request.user, write=True))})


def _adopted(strategy: Strategy) -> bool:
    versions = sorted(strategy.versions.all(), key=lambda v: -v.number)
    return bool(versions) and versions[0].adopted_on is not None


@login_required
def new_strategy(request: SignedInRequest) -> HttpResponse:
    council = council_from(request, write=True)
    form = _version_form(council, StrategyForm, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            found = services.create_strategy(actor=request.user, council=council,
                                             title=form.cleaned_data["title"],
                                             fields=_fields(form.cleaned_data))
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("The strategy is saved as version 1."))
            return redirect("assessments:strategy", strategy_id=found.pk)
    return form_page(request, form, council=council, title=_("Record the vision and strategy"),
                     submit=_("Save the strategy"),
                     intro=_("The vision, the principles it rests on and its priorities, "
                             "linked to the confirmed issues and the plans that deliver it. "
                             "Each change is kept as a new version."))


def strategy(request: HttpRequest, strategy_id: int, number: int | None = None
             ) -> HttpResponse:
    found = access.get_strategy_for_user(request.user, strategy_id)
    insider = found.council_id in {c.pk for c in access.councils_for(request.user)}
    versions = list(found.versions.order_by("-number"))
    shown = versions[0] if number is None else next(
        (v for v in versions if v.number == number), None)
    if shown is None or (not insider and (shown.adopted_on is None or number is not None)):
        raise not_found(_("version"))
    return render(request, "assessments/strategy/detail.html", {
        "strategy": found, "council": found.council, "version": shown,
        "current": versions[0], "versions": versions if insider else [],
        "issues": shown.issues.all(), "plans": shown.plans.all(),
        "consultations": found.consultations.all() if insider else [],
        "insider": insider,
        "can_write": found.council in access.councils_for(request.user, write=True)})


@login_required
def new_version(request: SignedInRequest, strategy_id: int) -> HttpResponse:
    found = access.get_strategy_for_user(request.user, strategy_id, write=True)
    current: StrategyVersion | None = access.current_version(found)
    initial = {} if current is None else {
        "vision": current.vision, "principles": current.principles,
        "priorities": current.priorities, "adopted_on": current.adopted_on,
        "adopted_by": current.adopted_by, "review_on": current.review_on,
        "issues": [str(pk) for pk in current.issues.values_list("pk", flat=True)],
        "plans": [str(pk) for pk in current.plans.values_list("pk", flat=True)]}
    form = _version_form(found.council, VersionForm, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.save_version(actor=request.user, strategy=found,
                                            fields=_fields(form.cleaned_data))
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("Version %(n)d is saved; the earlier versions are "
                                        "kept.") % {"n": version.number})
            return redirect("assessments:strategy", strategy_id=found.pk)
    return form_page(request, form, council=found.council, caption=found.title,
                     title=_("Change the strategy"), submit=_("Save a new version"))


@login_required
def new_strategy_consultation(request: SignedInRequest, strategy_id: int) -> HttpResponse:
    found = access.get_strategy_for_user(request.user, strategy_id, write=True)
    form = StrategyConsultationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_strategy_consultation(actor=request.user, strategy=found,
                                               **form.cleaned_data)
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("The consultation is recorded."))
            return redirect("assessments:strategy", strategy_id=found.pk)
    return form_page(request, form, council=found.council, caption=found.title,
                     title=_("Record a consultation"), submit=_("Record the consultation"))


def _partnership_council(request: SignedInRequest, write: bool = False) -> Organisation:
    slug = request.GET.get("council") or request.POST.get("council", "")
    if not slug:
        councils = access.councils_for(request.user)
        if not councils:
            member = PartnershipMember.objects.filter(organisation__memberships__user=request.user
                                                      ).select_related("council").first()
            if member is None:
                raise not_found(_("partnership"))
            slug = member.council.slug
        else:
            slug = councils[0].slug
    return access.get_partnership_for_user(request.user, slug, write=write)


@login_required
def partnership(request: SignedInRequest) -> HttpResponse:
    """A council's partnership; someone in none is told whose partnerships these are."""
    if not request.GET.get("council") and not access.councils_for(request.user) and not \
            PartnershipMember.objects.filter(organisation__memberships__user=request.user
                                             ).exists():
        return render(request, "assessments/partnership/index.html", {"council": None})
    council = _partnership_council(request)
    return render(request, "assessments/partnership/index.html", {
        "council": council,
        "members": PartnershipMember.objects.filter(council=council).select_related(
            "organisation"),
        "agreements": SharingAgreement.objects.filter(owner=council, revoked_at__isnull=True)
        .select_related("partner").order_by("partner__name"),
        "meetings": Meeting.objects.filter(council=council).prefetch_related("decisions"),
        "can_write": council in access.councils_for(request.user, write=True)})


@login_required
def new_member(request: SignedInRequest) -> HttpResponse:
    council = _partnership_council(request, write=True)
    form = MemberForm(request.POST or None)
    set_choices(form.fields["organisation"], [(str(o.pk), o.name) for o in
                                              Organisation.objects.exclude(pk=council.pk)
                                              .order_by("name")])
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.add_member(actor=request.user, council=council,
                                organisation=Organisation.objects.filter(
                                    pk=data["organisation"] or 0).first(),
                                role=data["role"], joined_on=data["joined_on"])
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("The organisation is added to the partnership."))
            return redirect(f"{reverse('assessments:partnership')}?council={council.slug}")
    return form_page(request, form, council=council, title=_("Add a partner organisation"),
                     submit=_("Add the organisation"))


@login_required
@require_POST
def remove_member(request: SignedInRequest, member_id: int) -> HttpResponse:
    member = PartnershipMember.objects.select_related("council").filter(pk=member_id).first()
    if member is None:
        raise not_found(_("member"))
    services.remove_member(actor=request.user, member=member)
    messages.success(request, _("The organisation is removed from the partnership."))
    return redirect(f"{reverse('assessments:partnership')}?council={member.council.slug}")


@login_required
def new_meeting(request: SignedInRequest) -> HttpResponse:
    council = _partnership_council(request, write=True)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.record_meeting(actor=request.user, council=council,
                                              **form.cleaned_data)
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("The meeting is recorded. Add its decisions."))
            return redirect("assessments:meeting", meeting_id=meeting.pk)
    return form_page(request, form, council=council, title=_("Record a partnership meeting"),
                     submit=_("Record the meeting"))


@login_required
def meeting(request: SignedInRequest, meeting_id: int) -> HttpResponse:
    found = access.get_meeting_for_user(request.user, meeting_id)
    can_write = found.council in access.councils_for(request.user, write=True)
    form = DecisionForm(request.POST or None, initial={"lead_organisation": found.council.pk})
    set_choices(form.fields["plan"], plan_choices(found.council,
                                                  blank=_("None: no action needed")))
    set_choices(form.fields["lead_organisation"], organisation_choices(found.council))
    if request.method == "POST":
        access.get_meeting_for_user(request.user, meeting_id, write=True)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.add_decision(
                    actor=request.user, meeting=found, text=data["text"],
                    plan=ActionPlan.objects.filter(pk=data["plan"] or 0).first(),
                    action_title=data["action_title"],
                    lead_organisation=Organisation.objects.filter(
                        pk=data["lead_organisation"] or 0).first())
            except DomainError as error:
                apply_domain_error(form, error)
            else:
                messages.success(request, _("The decision is recorded."))
                return redirect("assessments:meeting", meeting_id=found.pk)
    return render(request, "assessments/partnership/meeting.html", {
        "meeting": found, "council": found.council, "form": form, "can_write": can_write,
        "decisions": found.decisions.select_related("action", "action__plan",
                                                    "action__lead_organisation")})

