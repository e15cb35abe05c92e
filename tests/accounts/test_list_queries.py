"""The account pages that list things (the profile's organisations and tokens, an
organisation's members and invitations, its sharing agreements) read a fixed number of
queries however long the lists (issue 14, finding 10). The audit log and its export are
pinned in test_audit_log_page.py."""

from __future__ import annotations

import datetime

import pytest

from commonground.accounts import services
from commonground.accounts.models import Organisation, OrganisationKind, Role, User
from tests.api.conftest import ApiClient
from tests.personas import PASSWORD, World
from tests.query_counts import api_counts, page_counts, pinned

pytestmark = pytest.mark.django_db

PAGES = {
    "/account/": ("org_admin_a", 4),
    "/account/organisations/council-a/": ("org_admin_a", 5),
    "/account/organisations/council-a/sharing/": ("org_admin_a", 6),
    "/account/organisations/police/sharing/": ("partner", 6),
}
API = {
    "/organisations": ("org_admin_a", 2),
    "/organisations/council-a/members": ("org_admin_a", 4),
}


def grow(world: World, n: int, start: int) -> None:
    """``n`` more members, invitations, tokens, organisations the admin belongs to and
    sharing agreements given by council A (and received by the police)."""
    admin = world["org_admin_a"]
    for i in range(start, start + n):
        member = User.objects.create_user(f"member{i}@example.org", PASSWORD,
                                          full_name=f"Member {i}")
        services.add_member(actor=world["admin"], organisation=world.council_a, user=member,
                            role=Role.OFFICER)
        services.invite_member(actor=admin, organisation=world.council_a,
                               email=f"invited{i}@example.org", role=Role.OFFICER)
        services.create_api_token(actor=admin, name=f"Script {i}")
        partner = Organisation.objects.create(name=f"Charity {i}", slug=f"charity-{i}",
                                              kind=OrganisationKind.VCF)
        services.add_member(actor=world["admin"], organisation=partner, user=admin,
                            role=Role.MEMBER)
        services.create_sharing_agreement(
            actor=admin, owner=world.council_a, partner=partner if i % 2 else world.police,
            categories=["hate_incident"], starts_on=datetime.date(2026, 1, 1),
            purpose="Joint work.")


def test_the_account_lists_read_a_fixed_number_of_queries(world: World) -> None:
    api = ApiClient(world)
    grow(world, 2, 0)
    few = page_counts(world, PAGES), api_counts(api, API)
    grow(world, 10, 2)
    many = page_counts(world, PAGES), api_counts(api, API)
    assert world.council_a.memberships.count() == 14
    assert few == many, (few, many)
    assert many == (pinned(PAGES), pinned(API)), many
