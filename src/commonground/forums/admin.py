"""The forums in the Django admin: reading only, and only what the forums' access rules
let the administrator open (forums/access.py), so a private group's discussions and
members stay its own. Every change goes through the pages and their audited services,
which also keep the search index's access keys right (a group's visibility or members
changed here would leave them stale). Reports of posts are for the group's moderators,
on the moderation pages."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Q, QuerySet
from django.http import HttpRequest

from commonground.core.admin import ReadOnlyAdmin
from commonground.forums.access import (
    groups_read_by,
    groups_seen_by,
    posts_read_by,
    threads_read_by,
)
from commonground.forums.models import Group, GroupMembership, Post, Thread


@admin.register(Group)
class GroupAdmin(ReadOnlyAdmin):
    list_display = ["name", "visibility", "region_name", "created_at"]
    list_filter = ["visibility"]
    search_fields = ["name", "slug"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Group]:
        return groups_seen_by(request.user)


@admin.register(GroupMembership)
class GroupMembershipAdmin(ReadOnlyAdmin):
    list_display = ["group", "user", "role", "status", "created_at"]
    list_filter = ["role", "status"]
    search_fields = ["group__name", "user__email"]
    list_select_related = ["group", "user"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[GroupMembership]:
        return super().get_queryset(request).filter(
            group__in=groups_read_by(request.user).values("pk"))


@admin.register(Thread)
class ThreadAdmin(ReadOnlyAdmin):
    list_display = ["title", "group", "author", "last_post_at", "is_pinned", "is_locked"]
    list_filter = ["is_locked", "is_pinned"]
    search_fields = ["title"]
    list_select_related = ["group", "author"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Thread]:
        # Hidden threads are for their authors and the group's moderators.
        return threads_read_by(request.user).filter(
            Q(is_hidden=False) | Q(author_id=request.user.pk)).select_related("group", "author")


@admin.register(Post)
class PostAdmin(ReadOnlyAdmin):
    list_display = ["pk", "thread", "author", "created_at"]
    list_select_related = ["thread", "author"]
    exclude = ["hidden_reason", "hidden_by", "hidden_at"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Post]:
        return posts_read_by(request.user).filter(
            Q(hidden_at__isnull=True) | Q(author_id=request.user.pk),
            thread__is_hidden=False).select_related("thread", "author")
