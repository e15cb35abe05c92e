"""Reporting posts, and the moderators' side: the queue, hide, restore, pin and lock."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from commonground.accounts.types import SignedInRequest
from commonground.core.errors import DomainError, PermissionDenied
from commonground.core.forms import apply_domain_error
from commonground.forums import access, selectors
from commonground.forums.forms import HideForm, ReportForm
from commonground.forums.services import moderation as services


def _post_url(post_id: int, thread_id: int) -> str:
    return reverse("forums:thread", args=[thread_id]) + f"#post-{post_id}"


@login_required
def queue(request: SignedInRequest) -> HttpResponse:
    if not selectors.moderates_anything(request.user):
        raise PermissionDenied(_("The moderation queue is for moderators and group managers."))
    return render(request, "forums/moderation.html",
                  {"reports": selectors.open_reports_for(request.user)})


@login_required
def report(request: SignedInRequest, post_id: int) -> HttpResponse:
    post = access.get_post_for_user(request.user, post_id)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_post(actor=request.user, post=post,
                                 reason=form.cleaned_data["reason"])
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("Thank you. The group's moderators will look at the post."))
            return redirect(_post_url(post.pk, post.thread_id))
    return render(request, "forums/post_report.html", {"post": post, "form": form})


@login_required
def hide(request: SignedInRequest, post_id: int) -> HttpResponse:
    post = access.get_post_for_user(request.user, post_id)
    access.get_thread_for_user(request.user, post.thread_id, write=True)
    form = HideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.hide_post(actor=request.user, post=post, reason=form.cleaned_data["reason"])
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("The post is hidden, and its author has been told why."))
            return redirect(_post_url(post.pk, post.thread_id))
    return render(request, "forums/post_hide.html", {"post": post, "form": form})


@login_required
@require_POST
def restore(request: SignedInRequest, post_id: int) -> HttpResponse:
    post = access.get_post_for_user(request.user, post_id)
    access.get_thread_for_user(request.user, post.thread_id, write=True)
    services.restore_post(actor=request.user, post=post)
    messages.success(request, _("The post is visible again, and its author has been told."))
    return redirect(_post_url(post.pk, post.thread_id))


@login_required
@require_POST
def dismiss(request: SignedInRequest, report_id: int) -> HttpResponse:
    report_ = access.get_report_for_user(request.user, report_id, write=True)
    services.dismiss_report(actor=request.user, report=report_)
    messages.success(request, _("The report has been closed and the post left as it is."))
    return redirect("forums:moderation")


THREAD_ACTIONS = {
    "pin": ({"pinned": True}, "The thread is pinned to the top of the group."),
    "unpin": ({"pinned": False}, "The thread is no longer pinned."),
    "lock": ({"locked": True}, "The thread is locked: it takes no new replies."),
    "unlock": ({"locked": False}, "The thread is open for replies again."),
}


@login_required
@require_POST
def thread_state(request: SignedInRequest, thread_id: int) -> HttpResponse:
    thread = access.get_thread_for_user(request.user, thread_id, write=True)
    action = THREAD_ACTIONS.get(request.POST.get("action", ""))
    if action is None:
        messages.error(request, _("Choose pin, unpin, lock or unlock."))
    else:
        services.set_thread_state(actor=request.user, thread=thread, **action[0])
        messages.success(request, action[1])
    return redirect("forums:thread", thread_id=thread.pk)
