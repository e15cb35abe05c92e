"""The sharing agreements page: council administrators agree and end them, members of
either side see them, and a partner's reach follows at once."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from commonground.accounts import services
from commonground.accounts.models import SharingAgreement
from commonground.core.models import AuditEvent
from commonground.tensions.access import reach_of
from tests.personas import PERSONAS, World

pytestmark = pytest.mark.django_db

FORM = {"partner": "police", "categories": ["hate_incident", "rumour"],
        "include_contact_details": "on", "starts_on": "2026-01-01", "ends_on": "",
        "purpose": "Victim support and joint patrols."}


def as_(persona: str, world: World) -> Client:
    client = Client()
    if world[persona].is_authenticated:
        client.force_login(world[persona])
    return client


def agreement(world: World) -> SharingAgreement:
    return services.create_sharing_agreement(
        actor=None, owner=world.council_a, partner=world.police, categories=["online"],
        starts_on=datetime.date(2026, 1, 1))


def test_who_sees_the_page_and_who_may_agree(world: World) -> None:
    agreement(world)
    url = reverse("accounts:sharing", args=["council-a"])
    pages = {p: as_(p, world).get(url) for p in PERSONAS}
    assert {p: r.status_code for p, r in pages.items()} == {
        "anonymous": 302, "resident": 404, "officer_a": 200, "org_admin_a": 200,
        "officer_b": 404, "partner": 404, "moderator": 404, "admin": 200}
    for persona in ("officer_a", "org_admin_a", "admin"):
        html = pages[persona].content.decode()
        assert "Greater Manchester Police" in html and "Online" in html and "Active" in html
        assert ("Agree to share" in html) is (persona == "org_admin_a")
        assert ("End now" in html) is (persona == "org_admin_a")
    # The partner sees what it receives on its own organisation's page.
    own = as_("partner", world).get(reverse("accounts:sharing", args=["police"]))
    html = own.content.decode()
    assert own.status_code == 200 and "Trafford Council" in html and "Agree to share" not in html


def test_only_the_councils_own_administrator_agrees(world: World) -> None:
    url = reverse("accounts:sharing", args=["council-a"])
    got = {p: as_(p, world).post(url, FORM).status_code for p in PERSONAS}
    assert got == {"anonymous": 302, "resident": 404, "officer_a": 403, "org_admin_a": 302,
                   "officer_b": 404, "partner": 404, "moderator": 404, "admin": 403}
    made = SharingAgreement.objects.get()
    assert (made.owner, made.partner) == (world.council_a, world.police)
    assert made.categories == ["hate_incident", "rumour"] and made.include_contact_details
    assert not made.include_assessments and made.ends_on is None
    assert made.created_by == world["org_admin_a"]
    assert AuditEvent.objects.filter(action="sharing_agreement.create",
                                     actor=world["org_admin_a"]).count() == 1
    # The partner's reach follows at once.
    reach = reach_of(world["partner"])
    assert reach.shared[world.council_a.pk] == ({"hate_incident", "rumour"}, True, False)


def test_a_bad_agreement_redisplays_the_form_with_errors(world: World) -> None:
    admin = as_("org_admin_a", world)
    url = reverse("accounts:sharing", args=["council-a"])
    response = admin.post(url, {**FORM, "categories": [], "ends_on": "2025-12-31"})
    html = response.content.decode()
    assert response.status_code == 200 and "<title>Error: " in html
    assert "Choose at least one kind of report." in html
    response = admin.post(url, {**FORM, "ends_on": "2025-12-31"})  # ends before it starts
    html = response.content.decode()
    assert "The agreement ends before it starts" in html or "after the start date" in html
    assert SharingAgreement.objects.count() == 0


def test_only_the_owners_administrator_ends_an_agreement(world: World) -> None:
    made = agreement(world)
    url = reverse("accounts:revoke-sharing", args=[made.pk])
    got = {p: as_(p, world).post(url).status_code for p in PERSONAS if p != "org_admin_a"}
    assert got == {"anonymous": 302, "resident": 404, "officer_a": 403, "officer_b": 404,
                   "partner": 403, "moderator": 404, "admin": 404}
    made.refresh_from_db()
    assert made.revoked_at is None and reach_of(world["partner"]).shared
    response = as_("org_admin_a", world).post(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:sharing", args=["council-a"])
    made.refresh_from_db()
    assert made.revoked_at is not None and not reach_of(world["partner"]).shared
    assert AuditEvent.objects.filter(action="sharing_agreement.revoke").count() == 1
    page = as_("org_admin_a", world).get(response["Location"]).content.decode()
    assert "Ended early" in page and "End now" not in page
    assert as_("org_admin_a", world).get(url).status_code == 405  # POST only


def test_the_organisation_page_links_to_sharing(world: World) -> None:
    html = as_("officer_a", world).get(
        reverse("accounts:organisation", args=["council-a"])).content.decode()
    assert reverse("accounts:sharing", args=["council-a"]) in html
