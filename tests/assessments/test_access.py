"""Who sees what in assessments, tried with every persona against every access function:
drafts are their council's alone; a published summary is everyone's, its working is not."""

from __future__ import annotations

import datetime

import pytest

from commonground.assessments import access
from commonground.assessments.models import ImpactAssessment
from commonground.assessments.services import impact
from commonground.core.errors import NotAuthenticated, NotFound, PermissionDenied
from tests.assessments.conftest import sign_off
from tests.personas import ALLOWED, World, assert_personas

pytestmark = pytest.mark.django_db

COUNCIL_ONLY = {"officer_a": ALLOWED, "org_admin_a": ALLOWED, "anonymous": NotFound,
                "resident": NotFound, "officer_b": NotFound, "partner": NotFound,
                "moderator": NotFound, "admin": NotFound}
COUNCIL_WRITE = {**COUNCIL_ONLY, "anonymous": NotAuthenticated}
EVERYONE = dict.fromkeys(COUNCIL_ONLY, ALLOWED)
PUBLISHED_WRITE = {"officer_a": ALLOWED, "org_admin_a": ALLOWED,
                   "anonymous": NotAuthenticated, "resident": PermissionDenied,
                   "officer_b": PermissionDenied, "partner": PermissionDenied,
                   "moderator": PermissionDenied, "admin": PermissionDenied}


def listed(user: object, assessment: ImpactAssessment) -> None:
    """The assessment is in the user's list, or NotFound (so assert_personas can tell)."""
    if assessment not in access.visible_assessments(user):  # type: ignore[arg-type]
        raise NotFound("not listed")


def publish(world: World, assessment: ImpactAssessment) -> None:
    sign_off(world, assessment)
    impact.publish(actor=world["officer_a"], assessment=assessment)


def test_a_draft_is_its_councils_alone(world: World, draft: ImpactAssessment) -> None:
    assert_personas(world, lambda u: access.get_assessment_for_user(u, draft.pk), COUNCIL_ONLY)
    assert_personas(world, lambda u: access.get_assessment_for_user(u, draft.pk, write=True),
                    COUNCIL_WRITE)
    assert_personas(world, lambda u: listed(u, draft), COUNCIL_ONLY)


def test_a_published_summary_is_everyones_and_its_working_the_councils(
        world: World, draft: ImpactAssessment) -> None:
    effect = impact.add_effect(actor=world["officer_a"], assessment=draft,
                               fields=impact.EffectFields(
        group="Young people", direction="negative", likelihood="likely", severity="high",
        evidence="Users' postcodes."))
    consultation = impact.add_consultation(actor=world["officer_a"], assessment=draft,
                                           who="Youth forum", held_on=datetime.date.today(),
                                           how="Meeting")
    publish(world, draft)
    assert_personas(world, lambda u: access.get_assessment_for_user(u, draft.pk), EVERYONE)
    assert_personas(world, lambda u: access.get_assessment_for_user(u, draft.pk, write=True),
                    PUBLISHED_WRITE)
    assert_personas(world, lambda u: access.get_effect_for_user(u, effect.pk), COUNCIL_ONLY)
    assert_personas(world, lambda u: access.get_consultation_for_user(u, consultation.pk),
                    COUNCIL_ONLY)


def test_only_the_councils_officers_change_its_settings(world: World, draft: ImpactAssessment
                                                        ) -> None:
    expected = {**COUNCIL_WRITE, "org_admin_a": ALLOWED}
    assert_personas(world, lambda u: impact.save_settings(
        actor=u, council=world.council_a, equality=True, socio_economic=True, welsh=True),
        expected)


def test_the_audit_log_shows_the_councils_rows_to_its_administrator_only(
        world: World, draft: ImpactAssessment) -> None:
    from django.test import Client
    from django.urls import reverse

    def seen(persona: str) -> int | bool:
        client = Client()
        client.force_login(world[persona])
        page = client.get(reverse("accounts:audit-log"))
        if page.status_code != 200:
            return page.status_code
        return "<code>assessments.assessment.create</code>" in page.content.decode()

    assert {p: seen(p) for p in ("org_admin_a", "admin", "officer_a", "officer_b", "resident",
                                 "partner", "moderator")} == {
        "org_admin_a": True, "admin": False, "officer_a": 403, "officer_b": 403,
        "resident": 403, "partner": 403, "moderator": 403}
