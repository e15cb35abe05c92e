"""Who sees what in tensions, tried with every persona against every access function."""

from __future__ import annotations

import datetime

import pytest

from commonground.accounts import services as account_services
from commonground.core.errors import NotAuthenticated, NotFound, PermissionDenied
from commonground.tensions import access
from commonground.tensions.services import response as response_services
from commonground.tensions.services.assessments import save_assessment
from tests.personas import ALLOWED, World, assert_personas
from tests.tensions.conftest import Places, public_report

pytestmark = pytest.mark.django_db

NOBODY_ELSE = {"anonymous": NotAuthenticated, "resident": NotFound, "officer_b": NotFound,
               "partner": NotFound, "moderator": NotFound, "admin": NotFound}


def share(world: World, categories: list[str], *, contact: bool = False,
          assessments: bool = False) -> None:
    account_services.create_sharing_agreement(
        actor=world["org_admin_a"], owner=world.council_a, partner=world.police,
        categories=categories, include_contact_details=contact,
        include_assessments=assessments, starts_on=datetime.date(2026, 1, 1))


def test_a_report_is_its_councils_alone_without_an_agreement(world: World,
                                                             places: Places) -> None:
    report, _ = public_report(world, places)
    ref = report.reference or ""
    assert_personas(world, lambda u: access.get_report_for_user(u, ref),
                    {"officer_a": ALLOWED, "org_admin_a": ALLOWED, **NOBODY_ELSE})
    assert_personas(world, lambda u: access.get_report_for_user(u, ref, write=True),
                    {"officer_a": ALLOWED, "org_admin_a": ALLOWED, **NOBODY_ELSE})


def test_a_partner_reads_only_the_categories_shared(world: World, places: Places) -> None:
    share(world, ["hate_incident"])
    hate, _ = public_report(world, places)
    rumour, _ = public_report(world, places, category="rumour")
    shared = {**NOBODY_ELSE, "officer_a": ALLOWED, "org_admin_a": ALLOWED, "partner": ALLOWED}
    assert_personas(world, lambda u: access.get_report_for_user(u, hate.reference or ""),
                    shared)
    assert_personas(world, lambda u: access.get_report_for_user(u, rumour.reference or ""),
                    {"officer_a": ALLOWED, "org_admin_a": ALLOWED, **NOBODY_ELSE})
    # Shared means read: a partner cannot triage.
    assert_personas(world, lambda u: access.get_report_for_user(u, hate.reference or "",
                                                                write=True),
                    {**shared, "partner": PermissionDenied})
    assert list(access.visible_reports(world["partner"])) == [hate]
    assert set(access.visible_reports(world["officer_a"])) == {hate, rumour}
    assert list(access.visible_reports(world["officer_b"])) == []


def test_contact_details_only_with_an_agreement_that_includes_them(world: World,
                                                                   places: Places) -> None:
    report, _ = public_report(world, places)
    share(world, ["hate_incident"])
    assert not access.can_see_contact(world["partner"], report)
    assert access.can_see_contact(world["officer_a"], report)
    assert not access.can_see_contact(world["officer_b"], report)
    share(world, ["hate_incident"], contact=True)
    assert access.can_see_contact(world["partner"], report)


def test_an_ended_or_revoked_agreement_gives_nothing(world: World, places: Places) -> None:
    report, _ = public_report(world, places)
    agreement = account_services.create_sharing_agreement(
        actor=None, owner=world.council_a, partner=world.police,
        categories=["hate_incident"], starts_on=datetime.date(2025, 1, 1),
        ends_on=datetime.date(2025, 12, 31))
    assert list(access.visible_reports(world["partner"])) == []
    agreement.ends_on = None
    agreement.save()
    assert list(access.visible_reports(world["partner"])) == [report]
    account_services.revoke_sharing_agreement(actor=world["org_admin_a"], agreement=agreement)
    assert list(access.visible_reports(world["partner"])) == []


def test_only_the_owners_admin_makes_an_agreement(world: World) -> None:
    for persona in ["officer_a", "officer_b", "partner", "moderator"]:
        with pytest.raises(PermissionDenied):
            account_services.create_sharing_agreement(
                actor=world[persona], owner=world.council_a, partner=world.police,
                categories=["rumour"], starts_on=datetime.date(2026, 1, 1))


def test_the_private_link_finds_only_its_own_report(world: World, places: Places) -> None:
    report, token = public_report(world, places)
    other, _ = public_report(world, places)
    assert access.report_by_link(token) == report
    with pytest.raises(NotFound):
        access.report_by_link(token + "x")
    assert access.report_by_link(token) != other


def test_assessments_follow_the_council_and_agreements(world: World, places: Places) -> None:
    assessment = save_assessment(actor=world["officer_a"], council=world.council_a,
                                 area=places.a_west, week_of=datetime.date(2026, 11, 18),
                                 level=3, reasons="Three incidents near the school.")
    pk = assessment.pk
    assert_personas(world, lambda u: access.get_assessment_for_user(u, pk),
                    {"officer_a": ALLOWED, "org_admin_a": ALLOWED, **NOBODY_ELSE})
    share(world, [], assessments=True)
    assert_personas(world, lambda u: access.get_assessment_for_user(u, pk),
                    {"officer_a": ALLOWED, "org_admin_a": ALLOWED, **NOBODY_ELSE,
                     "partner": ALLOWED})
    assert_personas(world, lambda u: access.get_assessment_for_user(u, pk, write=True),
                    {"officer_a": ALLOWED, "org_admin_a": ALLOWED, **NOBODY_ELSE,
                     "partner": PermissionDenied})


def test_community_contacts_responses_and_rumours_stay_with_the_council(
    world: World, places: Places
) -> None:
    officer = world["officer_a"]
    contact = response_services.save_community_contact(
        actor=officer, council=world.council_a, name="Imam Yusuf", community="Sale mosque",
        phone="0161 000 0000")
    response = response_services.open_response(actor=officer, council=world.council_a,
                                               title="After the verdict")
    rumour = response_services.save_rumour(actor=officer, council=world.council_a,
                                           what_is_said="The school is closing.")
    share(world, ["hate_incident", "rumour"], contact=True, assessments=True)
    council_only = {"officer_a": ALLOWED, "org_admin_a": ALLOWED, **NOBODY_ELSE}
    for get, pk in [(access.get_community_contact_for_user, contact.pk),
                    (access.get_response_for_user, response.pk),
                    (access.get_rumour_for_user, rumour.pk)]:
        assert_personas(world, lambda u, get=get, pk=pk: get(u, pk), council_only)
        assert_personas(world, lambda u, get=get, pk=pk: get(u, pk, write=True), council_only)


def test_platform_roles_give_no_access_to_a_councils_reports(world: World,
                                                             places: Places) -> None:
    public_report(world, places)
    assert list(access.visible_reports(world["admin"])) == []
    assert list(access.visible_reports(world["moderator"])) == []
