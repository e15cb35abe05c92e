"""The list of groups, a group's page and information, joining, leaving and members."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from commonground.accounts.types import SignedInRequest
from commonground.core.errors import DomainError, not_found
from commonground.core.forms import apply_domain_error
from commonground.forums import access, selectors
from commonground.forums.forms import AboutForm, AddMemberForm, GroupForm, SearchForm
from commonground.forums.models import MemberRole, MemberStatus
from commonground.forums.services import groups as services
from commonground.forums.services import subscriptions

THREADS_PER_PAGE = 30


@login_required
def index(request: SignedInRequest) -> HttpResponse:
    groups = list(selectors.groups_visible_to(request.user))
    return render(request, "forums/index.html", {
        "regional": [g for g in groups if g.is_regional],
        "others": [g for g in groups if not g.is_regional],
        "can_create": access.can_create_groups(request.user),
        "moderates": selectors.moderates_anything(request.user),
        "search_form": SearchForm(),
    })


def _group_page(request: SignedInRequest, slug: str, **extra: Any) -> HttpResponse:
    group = access.get_group_for_user(request.user, slug)
    readable = access.can_read_threads(request.user, group)
    page = (Paginator(selectors.threads_of(group, request.user), THREADS_PER_PAGE)
            .get_page(request.GET.get("page")) if readable else None)
    return render(request, "forums/group.html", {
        "group": group,
        "membership": access.membership_of(request.user, group),
        "is_member": access.is_member(request.user, group),
        "can_moderate": access.can_moderate(request.user, group),
        "readable": readable,
        "page": page,
        "subscription": selectors.subscription_of(request.user, group=group),
        **extra,
    })


@login_required
def group_detail(request: SignedInRequest, slug: str) -> HttpResponse:
    return _group_page(request, slug)


@login_required
def new_group(request: SignedInRequest) -> HttpResponse:
    form = GroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            group = services.create_group(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("You have started %(group)s. You are its manager.")
                             % {"group": group})
            return redirect("forums:group", slug=group.slug)
    return render(request, "forums/group_form.html", {"form": form})


@login_required
def edit_group(request: SignedInRequest, slug: str) -> HttpResponse:
    group = access.get_group_for_user(request.user, slug, write=True)
    form = AboutForm(request.POST or None,
                     initial={"summary": group.summary, "about": group.about,
                              "summary_cy": group.summary_cy, "about_cy": group.about_cy})
    if request.method == "POST" and form.is_valid():
        try:
            services.update_group(actor=request.user, group=group, **form.cleaned_data)
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("The group's information has been saved."))
            return redirect("forums:group", slug=group.slug)
    return render(request, "forums/group_edit.html", {"group": group, "form": form})


@login_required
@require_POST
def join(request: SignedInRequest, slug: str) -> HttpResponse:
    group = access.get_group_for_user(request.user, slug)
    membership = services.join_group(actor=request.user, group=group)
    if membership.status == MemberStatus.ACTIVE:
        messages.success(request, _("You have joined %(group)s.") % {"group": group})
    else:
        messages.success(request, _("You have asked to join %(group)s. Its managers will "
                                    "decide, and you will get an email when they approve.")
                         % {"group": group})
    return redirect("forums:group", slug=slug)


@login_required
@require_POST
def leave(request: SignedInRequest, slug: str) -> HttpResponse:
    group = access.get_group_for_user(request.user, slug)
    membership = access.membership_of(request.user, group)
    if membership is None:
        return redirect("forums:group", slug=slug)
    try:
        services.remove_membership(actor=request.user, membership=membership)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("forums:group", slug=slug)
    if membership.status == MemberStatus.PENDING:
        done = _("You have withdrawn your request to join %(group)s.")
    else:
        done = _("You have left %(group)s.")
    messages.success(request, done % {"group": group})
    return redirect("forums:index")


def _members_page(request: HttpRequest, slug: str, **extra: Any) -> HttpResponse:
    group = access.get_group_for_user(request.user, slug)
    if not access.can_read_threads(request.user, group):
        raise not_found(_("list of members"))
    can_manage = access.can_moderate(request.user, group)
    return render(request, "forums/members.html", {
        "group": group, "can_manage": can_manage,
        "members": selectors.members_of(group),
        "requests": selectors.requests_of(group) if can_manage else [],
        "add_form": AddMemberForm(), "roles": MemberRole.choices, **extra,
    })


@login_required
def members(request: SignedInRequest, slug: str) -> HttpResponse:
    return _members_page(request, slug)


@login_required
@require_POST
def add_member(request: SignedInRequest, slug: str) -> HttpResponse:
    group = access.get_group_for_user(request.user, slug, write=True)
    form = AddMemberForm(request.POST)
    if form.is_valid():
        try:
            membership = services.add_member(actor=request.user, group=group,
                                             email=form.cleaned_data["email"])
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("%(person)s is now a member.")
                             % {"person": membership.user})
            return redirect("forums:members", slug=slug)
    return _members_page(request, slug, add_form=form)


@login_required
@require_POST
def decide(request: SignedInRequest, membership_id: int) -> HttpResponse:
    membership = access.get_membership_for_user(request.user, membership_id, write=True)
    approve = request.POST.get("decision") == "approve"
    services.decide_request(actor=request.user, membership=membership, approve=approve)
    messages.success(request, (_("%(person)s is now a member.") if approve
                               else _("You have declined the request of %(person)s."))
                     % {"person": membership.user})
    return redirect("forums:members", slug=membership.group.slug)


@login_required
@require_POST
def set_role(request: SignedInRequest, membership_id: int) -> HttpResponse:
    membership = access.get_membership_for_user(request.user, membership_id, write=True)
    try:
        services.set_role(actor=request.user, membership=membership,
                          role=request.POST.get("role", ""))
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("%(person)s is now %(role)s.") % {
            "person": membership.user, "role": membership.get_role_display()})
    return redirect("forums:members", slug=membership.group.slug)


@login_required
@require_POST
def remove_member(request: SignedInRequest, membership_id: int) -> HttpResponse:
    membership = access.get_membership_for_user(request.user, membership_id, write=True)
    try:
        services.remove_membership(actor=request.user, membership=membership)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("%(person)s has been removed from the group.")
                         % {"person": membership.user})
    return redirect("forums:members", slug=membership.group.slug)


@login_required
@require_POST
def subscribe_group(request: SignedInRequest, slug: str) -> HttpResponse:
    group = access.get_group_for_user(request.user, slug)
    subscriptions.subscribe(actor=request.user, group=group)
    messages.success(request, _("You will get an email about each new post in %(group)s.")
                     % {"group": group})
    return redirect("forums:group", slug=slug)
