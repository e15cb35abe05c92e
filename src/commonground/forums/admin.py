"""Read-mostly admin views of the forums; changes go through the pages (audited)."""

from django.contrib import admin

from commonground.forums.models import Group, GroupMembership, Post, Report, Thread


@admin.register(Group)
class GroupAdmin(admin.ModelAdmin):
    list_display = ["name", "visibility", "region_name", "created_at"]
    list_filter = ["visibility"]
    search_fields = ["name", "slug"]
    readonly_fields = ["created_by", "created_at"]


@admin.register(GroupMembership)
class GroupMembershipAdmin(admin.ModelAdmin):
    list_display = ["group", "user", "role", "status", "created_at"]
    list_filter = ["role", "status"]
    search_fields = ["group__name", "user__email"]
    raw_id_fields = ["user", "group"]


@admin.register(Thread)
class ThreadAdmin(admin.ModelAdmin):
    list_display = ["title", "group", "author", "last_post_at", "is_pinned", "is_locked",
                    "is_hidden"]
    list_filter = ["is_hidden", "is_locked"]
    search_fields = ["title"]
    raw_id_fields = ["author", "group"]
    readonly_fields = ["is_hidden"]


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ["pk", "thread", "author", "created_at", "hidden_at"]
    search_fields = ["body"]
    raw_id_fields = ["thread", "author", "hidden_by"]
    readonly_fields = ["body", "hidden_at", "hidden_by", "hidden_reason"]


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["post", "reporter", "outcome", "created_at"]
    list_filter = ["outcome"]
    raw_id_fields = ["post", "reporter", "resolved_by"]
