"""Every persona against every accounts access function."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commonground.accounts import access, services
from commonground.accounts.models import Membership, Organisation, Role, User
from commonground.core.errors import NotAuthenticated, NotFound, PermissionDenied
from tests.personas import ALLOWED, World, assert_personas

pytestmark = pytest.mark.django_db


def test_reading_council_a(world: World) -> None:
    assert_personas(world, lambda u: access.get_organisation_for_user(u, "council-a"), {
        "anonymous": NotAuthenticated, "resident": NotFound, "officer_a": ALLOWED,
        "org_admin_a": ALLOWED, "officer_b": NotFound, "partner": NotFound,
        "moderator": NotFound, "admin": ALLOWED,
    })


def test_changing_council_a(world: World) -> None:
    assert_personas(
        world, lambda u: access.get_organisation_for_user(u, "council-a", write=True), {
            "anonymous": NotAuthenticated, "resident": NotFound, "officer_a": PermissionDenied,
            "org_admin_a": ALLOWED, "officer_b": NotFound, "partner": NotFound,
            "moderator": NotFound, "admin": ALLOWED,
        })


def test_council_b_is_closed_to_council_a_admin(world: World) -> None:
    assert_personas(
        world, lambda u: access.get_organisation_for_user(u, "council-b", write=True), {
            "anonymous": NotAuthenticated, "resident": NotFound, "officer_a": NotFound,
            "org_admin_a": NotFound, "officer_b": PermissionDenied, "partner": NotFound,
            "moderator": NotFound, "admin": ALLOWED,
        })


def test_memberships_of_council_b(world: World) -> None:
    membership = Membership.objects.get(user=world["officer_b"])
    assert_personas(
        world, lambda u: access.get_membership_for_user(u, membership.pk, write=True), {
            "anonymous": NotAuthenticated, "resident": NotFound, "officer_a": NotFound,
            "org_admin_a": NotFound, "officer_b": PermissionDenied, "partner": NotFound,
            "moderator": NotFound, "admin": ALLOWED,
        })


def test_invitations_are_for_their_organisations_admins(world: World) -> None:
    invitation, _ = services.invite_member(actor=world["org_admin_a"],
                                           organisation=world.council_a,
                                           email="new@example.org", role="officer")
    assert_personas(world, lambda u: access.get_invitation_for_user(u, invitation.pk), {
        "anonymous": NotAuthenticated, "resident": NotFound, "officer_a": NotFound,
        "org_admin_a": ALLOWED, "officer_b": NotFound, "partner": NotFound,
        "moderator": NotFound, "admin": ALLOWED,
    })


def test_api_tokens_belong_to_their_owner_alone(world: World) -> None:
    token, _ = services.create_api_token(actor=world["officer_a"], name="script")
    assert_personas(world, lambda u: access.get_api_token_for_user(u, token.pk, write=True), {
        "anonymous": NotAuthenticated, "resident": NotFound, "officer_a": ALLOWED,
        "org_admin_a": NotFound, "officer_b": NotFound, "partner": NotFound,
        "moderator": NotFound, "admin": NotFound,
    })


def test_unknown_ids_look_the_same_as_forbidden_ones(world: World) -> None:
    with pytest.raises(NotFound) as unknown:
        access.get_organisation_for_user(world["officer_a"], "no-such-council")
    with pytest.raises(NotFound) as forbidden:
        access.get_organisation_for_user(world["officer_a"], "council-b")
    assert unknown.value.message == forbidden.value.message


def test_a_users_memberships_are_read_once_per_user_object(world: World) -> None:
    from commonground.places.access import (
        council_membership,
        get_council_workspace_for_user,
        upload_organisations,
    )

    admin = User.objects.get(pk=world["org_admin_a"].pk)  # as a request would load it
    with CaptureQueriesContext(connection) as captured:
        assert access.role_in(admin, world.council_a) == Role.ADMIN
        assert access.role_in(admin, world.council_b) is None
        assert access.administered_organisation_ids(admin) == [world.council_a.pk]
        access.get_organisation_for_user(admin, "council-a", write=True)
        membership = council_membership(admin, "E08000009")
        assert membership is not None and membership.organisation == world.council_a
        assert council_membership(admin, "E08000003") is None
        assert get_council_workspace_for_user(admin, "E08000009") == world.council_a
        assert upload_organisations(admin) == [world.council_a]
    assert sum("accounts_membership" in q["sql"] for q in captured.captured_queries) == 1
    fresh = User.objects.get(pk=admin.pk)  # the next request's user object reads again
    with CaptureQueriesContext(connection) as captured:
        assert access.role_in(fresh, world.council_a) == Role.ADMIN
    assert len(captured.captured_queries) == 1


def test_a_membership_changed_in_the_same_request_is_read_again(world: World) -> None:
    admin = world["org_admin_a"]
    assert access.role_in(admin, world.council_a) == Role.ADMIN
    # Council B keeps its own administrator, so this one may leave it later.
    services.add_member(actor=world["admin"], organisation=world.council_b, user=admin,
                        role=Role.ADMIN)
    assert access.role_in(admin, world.council_b) == Role.ADMIN
    services.add_member(actor=admin, organisation=world.council_a, user=world["officer_a"],
                        role=Role.ADMIN)

    def own(organisation: Organisation) -> Membership:
        return access.get_membership_for_user(admin, Membership.objects.get(
            user=admin, organisation=organisation).pk, write=True)

    services.change_role(actor=admin, membership=own(world.council_a), role=Role.OFFICER)
    assert access.role_in(admin, world.council_a) == Role.OFFICER
    assert access.administered_organisation_ids(admin) == [world.council_b.pk]
    services.remove_member(actor=admin, membership=own(world.council_b))
    assert access.role_in(admin, world.council_b) is None
    assert access.administered_organisation_ids(admin) == []
