"""Reading the signed-in user back on each request (accounts/backends.py): the user and
every membership in one query, the same answers as before, and sessions signed in
through Django's ModelBackend still read back."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY, authenticate
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

from commonground.accounts import access
from commonground.accounts.backends import MembershipBackend
from commonground.accounts.models import Membership, Organisation, OrganisationKind, Role
from tests.personas import PASSWORD, World

pytestmark = pytest.mark.django_db


def read_back(world: World, persona: str) -> tuple[Any, int]:
    """The user as a request reads them, and the queries that took (memberships asked for
    too)."""
    with CaptureQueriesContext(connection) as captured:
        user = MembershipBackend().get_user(world[persona].pk)
        if user is not None:
            access.memberships(user)
    return user, len(captured)


def test_a_member_is_read_with_every_membership_in_one_query(world: World) -> None:
    admin = world["org_admin_a"]
    Membership.objects.create(user=admin, organisation=world.police, role=Role.MEMBER)
    user, queries = read_back(world, "org_admin_a")
    assert queries == 1
    assert user == admin and user.email == admin.email and user.check_password(PASSWORD)
    found = access.memberships(user)
    expected = list(Membership.objects.filter(user=admin).order_by("pk"))
    assert [(m.pk, m.role, m.organisation_id) for m in found] == [
        (m.pk, m.role, m.organisation_id) for m in expected]
    assert [m.organisation.name for m in found] == ["Trafford Council",
                                                   "Greater Manchester Police"]
    assert all(m.user is user for m in found)
    assert access.role_in(user, world.council_a) == Role.ADMIN
    assert access.administered_organisation_ids(user) == [world.council_a.pk]


def test_someone_without_memberships_is_read_in_one_query_too(world: World) -> None:
    for persona in ("resident", "moderator", "admin"):
        user, queries = read_back(world, persona)
        assert (user, queries, access.memberships(user)) == (world[persona], 1, [])


def test_an_inactive_or_missing_user_is_signed_out(world: World) -> None:
    officer = world["officer_a"]
    officer.is_active = False
    officer.save()
    assert MembershipBackend().get_user(officer.pk) is None
    assert MembershipBackend().get_user(10_000) is None


def test_each_request_reads_the_roles_again(world: World) -> None:
    client = Client()
    client.force_login(world["officer_a"])
    assert client.session[BACKEND_SESSION_KEY] == (
        "commonground.accounts.backends.MembershipBackend")
    assert client.get("/tensions/reports/").status_code == 200
    Membership.objects.filter(user=world["officer_a"]).delete()
    assert client.get("/tensions/reports/").status_code in (403, 404)
    charity = Organisation.objects.create(name="Charity", slug="charity",
                                          kind=OrganisationKind.VCF)
    Membership.objects.create(user=world["officer_a"], organisation=charity,
                              role=Role.MEMBER)
    Membership.objects.create(user=world["officer_a"], organisation=world.council_a,
                              role=Role.OFFICER)
    assert client.get("/tensions/reports/").status_code == 200


def test_a_session_signed_in_through_modelbackend_still_reads_back(world: World) -> None:
    client = Client()
    client.force_login(world["officer_a"], backend="django.contrib.auth.backends.ModelBackend")
    assert client.get("/tensions/reports/").status_code == 200
    assert client.get("/account/").context["user"] == world["officer_a"]


def test_a_wrong_password_is_refused_once_and_counted_once(world: World) -> None:
    failed: list[Any] = []
    sign_in = RequestFactory().post("/account/sign-in/")

    def note(**kwargs: Any) -> None:
        failed.append(kwargs["credentials"])

    user_login_failed.connect(note)
    try:
        assert authenticate(sign_in, username="officer_a@example.org", password="guess") is None
    finally:
        user_login_failed.disconnect(note)
    assert len(failed) == 1
    # Refused here, so Django asks no later backend to check the same password again.
    with pytest.raises(PermissionDenied):
        MembershipBackend().authenticate(sign_in, username="officer_a@example.org",
                                         password="guess")
    user = authenticate(sign_in, username="officer_a@example.org", password=PASSWORD)
    assert user == world["officer_a"]
    assert user.backend == "commonground.accounts.backends.MembershipBackend"
