"""Admin views of the library, read-mostly: changes to contributions go through the
moderation pages so they are audited and keep their history."""

from django.contrib import admin

from commonground.library.models import (
    Action,
    CaseStudy,
    FamilyGroup,
    Guidance,
    Issue,
    Resource,
    Revision,
    Theme,
)


@admin.register(Action, Issue, Guidance, Theme, FamilyGroup)
class KnowledgeAdmin(admin.ModelAdmin):
    search_fields = ["slug"]


@admin.register(CaseStudy, Resource)
class ContributionAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "author", "updated_at"]
    list_filter = ["status", "from_fixture"]
    search_fields = ["title", "slug"]
    readonly_fields = ["status", "author", "moderation_comment", "status_before_hidden"]


@admin.register(Revision)
class RevisionAdmin(admin.ModelAdmin):
    list_display = ["object_type", "object_id", "action", "actor", "created_at"]
    list_filter = ["object_type", "action"]

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False
