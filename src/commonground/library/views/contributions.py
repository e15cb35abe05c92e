"""Case study and resource pages, and contributing: submit, edit, my submissions."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from commonground.accounts.types import SignedInRequest
from commonground.core.errors import DomainError
from commonground.core.forms import apply_domain_error
from commonground.library import access, selectors, services
from commonground.library.forms import CaseStudyForm, HideForm, ResourceForm, ReturnForm
from commonground.library.models import CaseStudy, Resource

KINDS: dict[str, dict[str, Any]] = {
    "case-study": {"model": CaseStudy, "form": CaseStudyForm, "get": access.get_case_study_for_user,
                   "type": "case_study", "url": "library:case-study"},
    "resource": {"model": Resource, "form": ResourceForm, "get": access.get_resource_for_user,
                 "type": "resource", "url": "library:resource"},
}


def _detail_context(request: HttpRequest, kind: str, obj: Any) -> dict[str, Any]:
    user = request.user
    can_see_history = access.is_moderator(user) or access.is_author(user, obj)
    return {
        "object": obj, "kind": kind,
        "is_moderator": access.is_moderator(user),
        "can_edit": access.is_moderator(user) or (access.is_author(user, obj)
                                                  and obj.status != "hidden"),
        "revisions": selectors.revisions(KINDS[kind]["type"], obj.pk) if can_see_history else [],
        "return_form": ReturnForm(), "hide_form": HideForm(),
    }


def case_study(request: HttpRequest, slug: str) -> HttpResponse:
    obj = selectors.case_study_detail(access.get_case_study_for_user(request.user, slug))
    context = _detail_context(request, "case-study", obj)
    context["similar"] = selectors.similar_case_studies(obj)
    context["family_group"], context["family_group_from_area"] = selectors.family_group_of(obj)
    return render(request, "library/case_study.html", context)


def resource(request: HttpRequest, slug: str) -> HttpResponse:
    obj = selectors.resource_detail(access.get_resource_for_user(request.user, slug))
    return render(request, "library/resource.html", _detail_context(request, "resource", obj))


@login_required
def submit(request: SignedInRequest, kind: str) -> HttpResponse:
    spec = KINDS[kind]
    access.require_practitioner(request.user)
    form = spec["form"](request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            obj = services.submit(actor=request.user, model=spec["model"],
                                  values=form.cleaned_data)
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            thanks = (_("Thank you. Your case study ‘%(title)s’ is waiting for a moderator.")
                      if kind == "case-study" else
                      _("Thank you. Your resource ‘%(title)s’ is waiting for a moderator."))
            messages.success(request, thanks % {"title": obj.title})
            return redirect("library:my-submissions")
    return render(request, "library/contribute.html",
                  {"form": form, "kind": kind, "editing": None})


@login_required
def edit(request: SignedInRequest, kind: str, slug: str) -> HttpResponse:
    spec = KINDS[kind]
    obj = spec["get"](request.user, slug, write=True)
    form = spec["form"](request.POST if request.method == "POST" else None, instance=obj)
    if request.method == "POST" and form.is_valid():
        try:
            services.edit(actor=request.user, obj=obj, values=form.cleaned_data)
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("Your changes to ‘%(title)s’ have been saved.")
                             % {"title": obj.title})
            return redirect(spec["url"], slug=obj.slug)
    return render(request, "library/contribute.html",
                  {"form": form, "kind": kind, "editing": obj})


@login_required
def my_submissions(request: SignedInRequest) -> HttpResponse:
    return render(request, "library/my_submissions.html",
                  selectors.submissions_of(request.user))
