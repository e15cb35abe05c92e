"""Django admin for platform admins: organisations, people and their memberships.

Every change made here goes through the accounts services, so it is checked and audited
like the same change made on the pages: an organisation's details
(``update_organisation``, ``create_organisation``) and a person's platform roles
(``set_platform_roles``). Memberships, invitations and API tokens are shown only: they
change on the organisation and account pages, where the rules about the last
administrator and the memberships kept per request hold.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import transaction
from django.http import HttpRequest

from commonground.accounts import services
from commonground.accounts.access import require_user
from commonground.accounts.models import ApiToken, Invitation, Membership, Organisation, User
from commonground.core.admin import ReadOnlyAdmin


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ["user", "role", "created_at"]
    readonly_fields = ["user", "role", "created_at"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "area_code"]
    list_filter = ["kind"]
    search_fields = ["name", "area_code"]
    fields = ["name", "slug", "kind", "area_code"]
    inlines = [MembershipInline]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return ["slug"] if obj is not None else []

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @transaction.atomic
    def save_model(self, request: HttpRequest, obj: Organisation, form: Any,
                   change: bool) -> None:
        actor = require_user(request.user)
        if change:
            services.update_organisation(
                actor=actor, organisation=Organisation.objects.get(pk=obj.pk),
                name=obj.name, kind=obj.kind, area_code=obj.area_code)
            return
        created = services.create_organisation(actor=actor, name=obj.name, kind=obj.kind,
                                               area_code=obj.area_code, slug=obj.slug)
        obj.pk, obj.slug = created.pk, created.slug
        obj._state.adding = False


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ["email", "full_name", "is_moderator", "is_superuser", "is_active"]
    list_filter = ["is_moderator", "is_superuser", "is_active"]
    search_fields = ["email", "full_name"]
    readonly_fields = ["email", "full_name", "language", "date_joined", "last_login"]
    fields = [*readonly_fields, *services.PLATFORM_ROLES]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # people join by invitation

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # close an account (is_active) instead: the log keeps its name

    @transaction.atomic
    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        services.set_platform_roles(
            actor=require_user(request.user), user=User.objects.get(pk=obj.pk),
            is_active=obj.is_active, is_moderator=obj.is_moderator, is_staff=obj.is_staff,
            is_superuser=obj.is_superuser)


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdmin):
    list_display = ["email", "organisation", "role", "created_at", "accepted_at", "revoked_at"]
    exclude = ["token_hash"]


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    list_display = ["name", "user", "prefix", "created_at", "revoked_at"]
    exclude = ["token_hash"]
