"""The moderation queue and moderators' decisions (publish, return, hide, restore)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from commonground.accounts.types import SignedInRequest
from commonground.core.errors import DomainError, InvalidInput
from commonground.library import access, selectors, services
from commonground.library.forms import HideForm, ReturnForm
from commonground.library.views.contributions import KINDS, _detail_context

DONE = {"publish": _("‘%(title)s’ has been published."),
        "return": _("‘%(title)s’ has been returned to the author."),
        "hide": _("‘%(title)s’ has been hidden."), "restore": _("‘%(title)s’ has been restored.")}


@login_required
def queue(request: SignedInRequest) -> HttpResponse:
    access.require_moderator(request.user)
    return render(request, "library/moderation.html", selectors.moderation_queue())


@login_required
@require_POST
def decide(request: SignedInRequest, kind: str, slug: str, decision: str) -> HttpResponse:
    if decision not in DONE:
        raise Http404
    access.require_moderator(request.user)
    spec = KINDS[kind]
    obj = spec["get"](request.user, slug, write=True)
    form = {"return": ReturnForm, "hide": HideForm}.get(decision)
    bound = form(request.POST) if form else None
    try:
        if bound is not None and not bound.is_valid():
            first = next(iter(bound.errors.values()))[0]
            raise InvalidInput(str(first))
        comment = bound.cleaned_data["comment"] if bound is not None else ""
        if decision == "publish":
            services.publish(actor=request.user, obj=obj)
        elif decision == "return":
            services.return_to_author(actor=request.user, obj=obj, comment=comment)
        elif decision == "hide":
            services.hide(actor=request.user, obj=obj, reason=comment)
        else:
            services.restore(actor=request.user, obj=obj)
    except DomainError as error:
        context = _detail_context(request, kind, obj)
        if bound is not None:
            context[f"{decision}_form"] = bound
            context["form"] = bound
        messages.error(request, error.message)
        template = "library/case_study.html" if kind == "case-study" else "library/resource.html"
        return render(request, template, context, status=error.status)
    messages.success(request, str(DONE[decision]) % {"title": obj.title})
    return redirect(spec["url"], slug=obj.slug)
