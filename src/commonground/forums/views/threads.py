"""A thread and its posts; starting a thread, replying, editing; subscriptions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from commonground.accounts.types import SignedInRequest
from commonground.core.errors import DomainError, not_found
from commonground.core.forms import apply_domain_error
from commonground.forums import access, rules, selectors
from commonground.forums.forms import EditPostForm, ReplyForm, ThreadForm
from commonground.forums.models import Post
from commonground.forums.services import posts as services
from commonground.forums.services import subscriptions


@dataclass(frozen=True)
class PostRow:
    """A post as this reader sees it: whether its text shows, whether they may edit it."""

    post: Post
    visible: bool
    editable: bool


def _post_url(post: Any) -> str:
    return reverse("forums:thread", args=[post.thread_id]) + f"#post-{post.pk}"


def _thread_page(request: SignedInRequest, thread_id: int, **extra: Any) -> HttpResponse:
    thread = access.get_thread_for_user(request.user, thread_id)
    group = thread.group
    can_moderate = access.can_moderate(request.user, group)
    posts = [
        PostRow(post=post, visible=access.can_see_post(request.user, post),
                editable=(post.author_id == request.user.pk and not post.is_hidden
                          and rules.can_still_edit(post)))
        for post in selectors.posts_of(thread)
    ]
    return render(request, "forums/thread.html", {
        "thread": thread, "group": group, "posts": posts,
        "can_moderate": can_moderate,
        "can_post": access.can_post(request.user, group),
        "subscription": selectors.subscription_of(request.user, thread=thread),
        "form": extra.pop("form", None) or ReplyForm(),
        **extra,
    })


@login_required
def thread_detail(request: SignedInRequest, thread_id: int) -> HttpResponse:
    return _thread_page(request, thread_id)


@login_required
def new_thread(request: SignedInRequest, slug: str) -> HttpResponse:
    group = access.get_group_for_user(request.user, slug)
    if not access.can_read_threads(request.user, group):
        raise not_found(_("group"))
    form = ThreadForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            thread = services.start_thread(actor=request.user, group=group, **form.cleaned_data)
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("Your thread has been posted."))
            return redirect("forums:thread", thread_id=thread.pk)
    return render(request, "forums/thread_form.html", {"group": group, "form": form})


@login_required
@require_POST
def reply(request: SignedInRequest, thread_id: int) -> HttpResponse:
    thread = access.get_thread_for_user(request.user, thread_id)
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            post = services.reply(actor=request.user, thread=thread, body=form.cleaned_data["body"])
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("Your reply has been posted."))
            return redirect(_post_url(post))
    return _thread_page(request, thread_id, form=form)


@login_required
def edit_post(request: SignedInRequest, post_id: int) -> HttpResponse:
    post = access.get_post_for_user(request.user, post_id, write=True)
    initial = {"body": post.body, "title": post.thread.title}
    form = EditPostForm(request.POST or None, initial=initial, with_title=post.is_opening)
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_post(actor=request.user, post=post, body=form.cleaned_data["body"],
                               title=form.cleaned_data.get("title"))
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("Your post has been changed."))
            return redirect(_post_url(post))
    minutes = int(rules.edit_window().total_seconds() // 60)
    return render(request, "forums/post_edit.html",
                  {"post": post, "form": form, "minutes": minutes})


@login_required
def post_history(request: SignedInRequest, post_id: int) -> HttpResponse:
    """Earlier versions of a post: for its author and the group's moderators."""
    post = access.get_post_for_user(request.user, post_id)
    if post.author_id != request.user.pk and not access.can_moderate(request.user,
                                                                     post.thread.group):
        raise not_found(_("post history"))
    return render(request, "forums/post_history.html",
                  {"post": post, "revisions": post.revisions.all()})


@login_required
@require_POST
def subscribe_thread(request: SignedInRequest, thread_id: int) -> HttpResponse:
    thread = access.get_thread_for_user(request.user, thread_id)
    subscriptions.subscribe(actor=request.user, thread=thread)
    messages.success(request, _("You will get an email about each new reply to this thread."))
    return redirect("forums:thread", thread_id=thread.pk)


@login_required
@require_POST
def unsubscribe(request: SignedInRequest, subscription_id: int) -> HttpResponse:
    subscription = access.get_subscription_for_user(request.user, subscription_id, write=True)
    target = subscription.thread or subscription.group
    subscriptions.unsubscribe(actor=request.user, subscription=subscription)
    messages.success(request, _("You will no longer get emails about ‘%(name)s’.")
                     % {"name": target})
    back = request.POST.get("next", "")
    return redirect(back if back.startswith("/forums/") else reverse("forums:subscriptions"))


@login_required
def my_subscriptions(request: SignedInRequest) -> HttpResponse:
    return render(request, "forums/subscriptions.html",
                  {"subscriptions": selectors.subscriptions_of(request.user)})
