"""Who may see and change a contribution, for every persona, in each state."""

from __future__ import annotations

from commonground.core.errors import NotAuthenticated, NotFound, PermissionDenied
from commonground.library import access, services
from commonground.library.models import CaseStudy
from tests.personas import ALLOWED, World, assert_personas

AUTHOR_AND_MODERATORS = {
    "anonymous": NotFound, "resident": NotFound, "officer_a": ALLOWED, "org_admin_a": NotFound,
    "officer_b": NotFound, "partner": NotFound, "moderator": ALLOWED, "admin": ALLOWED,
}


def test_a_submission_is_seen_only_by_its_author_and_moderators(
        world: World, submission: CaseStudy) -> None:
    for write in (False, True):
        assert_personas(world, lambda u, write=write: access.get_case_study_for_user(
            u, submission.slug, write=write), AUTHOR_AND_MODERATORS)


def test_a_published_case_study_is_public_but_changed_only_by_author_and_moderators(
        world: World, submission: CaseStudy) -> None:
    services.publish(actor=world["moderator"], obj=submission)
    assert_personas(world, lambda u: access.get_case_study_for_user(u, submission.slug),
                    {p: ALLOWED for p in AUTHOR_AND_MODERATORS})
    assert_personas(world, lambda u: access.get_case_study_for_user(
        u, submission.slug, write=True), {
        "anonymous": NotAuthenticated, "resident": PermissionDenied, "officer_a": ALLOWED,
        "org_admin_a": PermissionDenied, "officer_b": PermissionDenied,
        "partner": PermissionDenied, "moderator": ALLOWED, "admin": ALLOWED})


def test_a_hidden_case_study_is_read_only_for_its_author(
        world: World, submission: CaseStudy) -> None:
    services.hide(actor=world["moderator"], obj=submission, reason="Names a resident.")
    assert_personas(world, lambda u: access.get_case_study_for_user(u, submission.slug),
                    AUTHOR_AND_MODERATORS)
    assert_personas(world, lambda u: access.get_case_study_for_user(
        u, submission.slug, write=True), {**AUTHOR_AND_MODERATORS,
                                          "officer_a": PermissionDenied})


def test_only_practitioners_contribute_and_only_moderators_moderate(world: World) -> None:
    assert_personas(world, access.require_practitioner, {
        "anonymous": NotAuthenticated, "resident": PermissionDenied, "officer_a": ALLOWED,
        "org_admin_a": ALLOWED, "officer_b": ALLOWED, "partner": ALLOWED, "moderator": ALLOWED,
        "admin": ALLOWED})
    assert_personas(world, access.require_moderator, {
        "anonymous": NotAuthenticated, "resident": PermissionDenied,
        "officer_a": PermissionDenied, "org_admin_a": PermissionDenied,
        "officer_b": PermissionDenied, "partner": PermissionDenied, "moderator": ALLOWED,
        "admin": ALLOWED})
