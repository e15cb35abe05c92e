"""'Welsh required before publishing': on from the start for Welsh councils, changed by
the organisation's administrators on its page, audited."""

from __future__ import annotations

import pytest
from django.test import Client

from commonground.accounts import services
from commonground.accounts.models import Organisation, OrganisationKind
from commonground.core.errors import NotAuthenticated, PermissionDenied
from commonground.core.models import AuditEvent
from tests.personas import ALLOWED, World, assert_personas

pytestmark = pytest.mark.django_db


def test_welsh_councils_start_with_welsh_required_and_others_do_not(world: World) -> None:
    cardiff = Organisation.objects.create(name="Cardiff Council", slug="cardiff",
                                          kind=OrganisationKind.COUNCIL, area_code="W06000015")
    assert cardiff.welsh_required is True
    assert world.council_a.welsh_required is False  # Trafford, E08000009
    assert world.police.welsh_required is False
    # An administrator's later choice is kept when the record is saved again.
    cardiff.welsh_required = False
    cardiff.save()
    cardiff.refresh_from_db()
    assert cardiff.welsh_required is False


def test_only_the_organisations_administrators_change_the_setting(world: World) -> None:
    assert_personas(world, lambda u: services.set_welsh_required(
        actor=u, organisation=world.council_a, required=True), {
        "anonymous": NotAuthenticated, "resident": PermissionDenied,
        "officer_a": PermissionDenied, "org_admin_a": ALLOWED, "officer_b": PermissionDenied,
        "partner": PermissionDenied, "moderator": PermissionDenied, "admin": ALLOWED})
    world.council_a.refresh_from_db()
    assert world.council_a.welsh_required is True
    event = AuditEvent.objects.filter(action="organisation.update").latest("pk")
    assert event.new_values == {"welsh_required": True}


def test_the_organisation_page_shows_the_setting_to_its_admins_only(
        client: Client, world: World) -> None:
    client.force_login(world["org_admin_a"])
    page = client.get("/cy/account/organisations/council-a/").content.decode()
    assert "Angen Cymraeg cyn cyhoeddi" in page
    response = client.post("/cy/account/organisations/council-a/welsh/",
                           {"welsh_required": "on"})
    assert response.status_code == 302
    world.council_a.refresh_from_db()
    assert world.council_a.welsh_required is True
    client.force_login(world["officer_a"])
    page = client.get("/account/organisations/council-a/").content.decode()
    assert "Welsh required before publishing" not in page
    response = client.post("/account/organisations/council-a/welsh/", {})
    assert response.status_code == 403
    world.council_a.refresh_from_db()
    assert world.council_a.welsh_required is True
