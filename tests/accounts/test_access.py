"""Every persona against every accounts access function."""

from __future__ import annotations

import pytest

from commonground.accounts import access, services
from commonground.accounts.models import Membership
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
