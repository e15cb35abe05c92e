"""Writes to accounts: what changes, what is refused, what is audited."""

from __future__ import annotations

import pytest
from django.core import mail

from commonground.accounts import services
from commonground.accounts.models import ApiToken, Invitation, Membership, Role, User
from commonground.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from commonground.core.models import AuditEvent
from tests.personas import World

pytestmark = pytest.mark.django_db


def test_invitation_is_emailed_with_a_link_whose_token_is_not_stored(
    world: World, django_capture_on_commit_callbacks: object
) -> None:
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        invitation, token = services.invite_member(
            actor=world["org_admin_a"], organisation=world.council_a,
            email=" New.Person@Example.org ", role=Role.ANALYST)
    assert invitation.email == "new.person@example.org"
    assert token not in invitation.token_hash
    assert len(mail.outbox) == 1
    assert token in mail.outbox[0].body
    assert "Trafford Council" in mail.outbox[0].subject
    event = AuditEvent.objects.get(action="invitation.create")
    assert event.organisation_id == world.council_a.pk
    assert event.new_values == {"email": "new.person@example.org", "role": "analyst"}


def test_accepting_an_invitation_creates_the_account_and_membership(world: World) -> None:
    invitation, token = services.invite_member(
        actor=world["org_admin_a"], organisation=world.council_a,
        email="new@example.org", role=Role.OFFICER)
    user = services.accept_invitation(token=token, full_name="Nina New",
                                      password="a long unusual passphrase")
    assert user.check_password("a long unusual passphrase")
    assert Membership.objects.get(user=user).role == Role.OFFICER
    invitation.refresh_from_db()
    assert invitation.accepted_by == user
    with pytest.raises(NotFound):  # an invitation works once
        services.accept_invitation(token=token, full_name="Again", password="x" * 20)


def test_a_weak_password_is_refused_with_the_field_named(world: World) -> None:
    _, token = services.invite_member(actor=world["org_admin_a"], organisation=world.council_a,
                                      email="new@example.org", role=Role.MEMBER)
    with pytest.raises(InvalidInput) as refused:
        services.accept_invitation(token=token, full_name="", password="password")
    assert set(refused.value.fields) == {"full_name", "password"}
    assert not User.objects.filter(email="new@example.org").exists()


def test_an_officer_cannot_invite(world: World) -> None:
    with pytest.raises(PermissionDenied):
        services.invite_member(actor=world["officer_a"], organisation=world.council_a,
                               email="x@example.org", role=Role.ADMIN)
    assert not Invitation.objects.exists()


def test_a_bad_email_is_refused(world: World) -> None:
    with pytest.raises(InvalidInput) as refused:
        services.invite_member(actor=world["org_admin_a"], organisation=world.council_a,
                               email="not an email", role=Role.MEMBER)
    assert "email" in refused.value.fields


def test_the_last_administrator_cannot_step_down(world: World) -> None:
    membership = Membership.objects.get(user=world["org_admin_a"])
    with pytest.raises(Conflict):
        services.change_role(actor=world["org_admin_a"], membership=membership,
                             role=Role.MEMBER)
    membership.refresh_from_db()
    assert membership.role == Role.ADMIN


def test_changing_a_role_is_audited_with_old_and_new_values(world: World) -> None:
    membership = Membership.objects.get(user=world["officer_a"])
    services.change_role(actor=world["org_admin_a"], membership=membership, role=Role.ANALYST)
    event = AuditEvent.objects.get(action="membership.change_role")
    assert (event.old_values, event.new_values) == ({"role": "officer"}, {"role": "analyst"})
    assert event.actor == world["org_admin_a"]


def test_api_token_secret_is_shown_once_and_hashed(world: World) -> None:
    token, secret = services.create_api_token(actor=world["officer_a"], name="Dashboard")
    assert secret.startswith("cg_") and secret not in token.token_hash
    assert services.user_for_api_token(secret) == world["officer_a"]
    services.revoke_api_token(actor=world["officer_a"], token=token)
    assert services.user_for_api_token(secret) is None
    assert ApiToken.objects.get().revoked_at is not None


def test_a_council_needs_its_ons_code(world: World) -> None:
    with pytest.raises(InvalidInput) as refused:
        services.create_organisation(actor=world["admin"], name="Nowhere Council",
                                     kind="council", area_code="")
    assert "area_code" in refused.value.fields
    with pytest.raises(InvalidInput):
        services.create_organisation(actor=world["admin"], name="Nowhere Council",
                                     kind="council", area_code="X99")
    org = services.create_organisation(actor=world["admin"], name="Bolsover District Council",
                                       kind="council", area_code="e07000033")
    assert (org.slug, org.area_code) == ("bolsover-district-council", "E07000033")
