"""Forums over the API: groups, threads and posts, through the same access functions
and services as the pages (so private groups stay invisible to non-members here too)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from ninja import Query, Router, Schema
from ninja.responses import Status
from pydantic import ConfigDict, Field

from commonground.accounts.models import User
from commonground.accounts.types import SignedInRequest
from commonground.api.auth import token_or_session
from commonground.api.schemas import ErrorOut, Id, Paging
from commonground.core.errors import not_found
from commonground.core.markdown import render
from commonground.forums import access, selectors
from commonground.forums.models import Group, Post, Thread
from commonground.forums.services import groups as group_services
from commonground.forums.services import moderation, posts

router = Router(tags=["Forums"], auth=token_or_session)
ERRORS: dict[int, Any] = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut,
                          409: ErrorOut, 429: ErrorOut}


class GroupOut(Schema):
    slug: str
    name: str
    summary: str
    visibility: str
    region_code: str
    region_name: str
    membership: str | None = Field(description="member, manager, pending, or null")
    url: str


class GroupDetailOut(GroupOut):
    about: str
    about_html: str


class ThreadOut(Schema):
    id: int
    title: str
    author: str
    created_at: str
    last_post_at: str
    is_pinned: bool
    is_locked: bool
    is_hidden: bool
    url: str


class PostOut(Schema):
    id: int
    author: str
    created_at: str
    edited_at: str | None
    hidden: bool
    hidden_reason: str | None = Field(description="Only for the author and moderators")
    body: str | None = Field(description="Markdown; null when hidden from you")
    html: str | None = Field(description="The body as sanitised HTML")


class ThreadDetailOut(ThreadOut):
    group: str
    posts: list[PostOut]


class ThreadIn(Schema):
    model_config = ConfigDict(extra="forbid", strict=True)
    title: str = Field(max_length=150)
    body: str = Field(max_length=20_000)


class PostIn(Schema):
    model_config = ConfigDict(extra="forbid", strict=True)
    body: str = Field(max_length=20_000)


class ReportIn(Schema):
    model_config = ConfigDict(extra="forbid", strict=True)
    reason: str = Field(max_length=2_000)


class ReportOut(Schema):
    id: int


def _membership(user: User, group: Group) -> str | None:
    annotated: dict[str, Any] = vars(group)  # groups_visible_to reads it with the group
    if "my_status" in annotated:
        status, role = annotated["my_status"], annotated["my_role"]
    else:
        m = access.membership_of(user, group)
        status, role = (m.status, m.role) if m is not None else (None, None)
    if status is None:
        return None
    return "pending" if status == "pending" else role


def _group(user: User, group: Group, *, detail: bool = False) -> dict[str, Any]:
    out = {"slug": group.slug, "name": group.name, "summary": group.summary,
           "visibility": group.visibility, "region_code": group.region_code,
           "region_name": group.region_name, "membership": _membership(user, group),
           "url": reverse("forums:group", args=[group.slug])}
    if detail:
        out |= {"about": group.about, "about_html": str(render(group.about))}
    return out


def _thread(thread: Thread) -> dict[str, Any]:
    return {"id": thread.pk, "title": thread.title, "author": thread.author.full_name,
            "created_at": thread.created_at.isoformat(),
            "last_post_at": thread.last_post_at.isoformat(), "is_pinned": thread.is_pinned,
            "is_locked": thread.is_locked, "is_hidden": thread.is_hidden,
            "url": reverse("forums:thread", args=[thread.pk])}


def _post(user: User, post: Post) -> dict[str, Any]:
    visible = access.can_see_post(user, post)
    return {"id": post.pk, "author": post.author.full_name,
            "created_at": post.created_at.isoformat(),
            "edited_at": post.edited_at.isoformat() if post.edited_at else None,
            "hidden": post.is_hidden,
            "hidden_reason": post.hidden_reason if post.is_hidden and visible else None,
            "body": post.body if visible else None,
            "html": str(render(post.body)) if visible else None}


@router.get("/forums/groups", response={200: list[GroupOut], **ERRORS},
            summary="Groups I can see (regional forums first)")
def groups(request: SignedInRequest, paging: Query[Paging]) -> list[dict[str, Any]]:
    return [_group(request.user, g)
            for g in paging.window(selectors.groups_visible_to(request.user))]


@router.get("/forums/groups/{slug}", response={200: GroupDetailOut, **ERRORS},
            summary="One group and its information")
def group(request: SignedInRequest, slug: str) -> dict[str, Any]:
    return _group(request.user, access.get_group_for_user(request.user, slug), detail=True)


@router.post("/forums/groups/{slug}/join", response={200: GroupOut, **ERRORS},
             summary="Join an open group, or ask to join a closed one")
def join(request: SignedInRequest, slug: str) -> dict[str, Any]:
    group = access.get_group_for_user(request.user, slug)
    group_services.join_group(actor=request.user, group=group)
    return _group(request.user, group)


@router.get("/forums/groups/{slug}/threads", response={200: list[ThreadOut], **ERRORS},
            summary="Threads of a group (pinned first, then the most recent)")
def threads(request: SignedInRequest, slug: str, paging: Query[Paging]
            ) -> list[dict[str, Any]]:
    group = access.get_group_for_user(request.user, slug)
    if not access.can_read_threads(request.user, group):
        raise not_found("group")
    return [_thread(t) for t in paging.window(selectors.threads_of(group, request.user))]


@router.post("/forums/groups/{slug}/threads", response={201: ThreadDetailOut, **ERRORS},
             summary="Start a thread in a group I belong to")
def start_thread(request: SignedInRequest, slug: str, payload: ThreadIn
                 ) -> Status[dict[str, Any]]:
    group = access.get_group_for_user(request.user, slug)
    thread = posts.start_thread(actor=request.user, group=group, title=payload.title,
                                body=payload.body)
    return Status(201, _thread_detail(request.user, thread))


def _thread_detail(user: User, thread: Thread) -> dict[str, Any]:
    return {**_thread(thread), "group": thread.group.slug,
            "posts": [_post(user, p) for p in selectors.posts_of(thread)]}


@router.get("/forums/threads/{thread_id}", response={200: ThreadDetailOut, **ERRORS},
            summary="A thread with its posts")
def thread(request: SignedInRequest, thread_id: Id) -> dict[str, Any]:
    return _thread_detail(request.user, access.get_thread_for_user(request.user, thread_id))


@router.post("/forums/threads/{thread_id}/posts", response={201: PostOut, **ERRORS},
             summary="Reply to a thread")
def reply(request: SignedInRequest, thread_id: Id, payload: PostIn) -> Status[dict[str, Any]]:
    thread = access.get_thread_for_user(request.user, thread_id)
    post = posts.reply(actor=request.user, thread=thread, body=payload.body)
    return Status(201, _post(request.user, post))


@router.post("/forums/posts/{post_id}/report", response={201: ReportOut, **ERRORS},
             summary="Report a post to the group's moderators")
def report(request: SignedInRequest, post_id: Id, payload: ReportIn) -> Status[dict[str, Any]]:
    post = access.get_post_for_user(request.user, post_id)
    made = moderation.report_post(actor=request.user, post=post, reason=payload.reason)
    return Status(201, {"id": made.pk})
