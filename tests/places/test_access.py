"""Every persona against every places access function, in the pages and the API."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from commonground.accounts.models import Membership, Role, User
from commonground.core.errors import NotAuthenticated, NotFound, PermissionDenied
from commonground.core.models import AuditEvent
from commonground.places import access, services
from commonground.places.access import get_council_area
from commonground.places.models import CustomArea, FamilyGroupJudgement, ImportJob
from tests.personas import ALLOWED, PASSWORD, World, assert_personas

pytestmark = pytest.mark.django_db
TRAFFORD = "E08000009"
WARDS = ["E05015239", "E05015240"]


def signed_in(user: object) -> Client:
    client = Client()
    if getattr(user, "is_authenticated", False):
        client.force_login(user)  # type: ignore[arg-type]
    return client


def analyst_of(world: World) -> User:
    user = User.objects.create_user("analyst_a@example.org", PASSWORD, full_name="Ann Analyst")
    Membership.objects.create(user=user, organisation=world.council_a, role=Role.ANALYST)
    return user


@pytest.fixture
def custom(demo_data: Path, world: World) -> CustomArea:
    return services.create_custom_area(actor=world["officer_a"], organisation=world.council_a,
                                       council=get_council_area(TRAFFORD), name="Town centre",
                                       member_codes=WARDS)


def test_custom_areas_are_private_to_their_council(world: World, custom: CustomArea) -> None:
    expected = {"anonymous": NotAuthenticated, "resident": NotFound, "officer_a": ALLOWED,
                "org_admin_a": ALLOWED, "officer_b": NotFound, "partner": NotFound,
                "moderator": NotFound, "admin": NotFound}
    assert_personas(world, lambda u: access.get_custom_area_for_user(u, custom.pk), expected)
    assert_personas(world, lambda u: access.get_custom_area_for_user(u, custom.pk, write=True),
                    expected)


def test_custom_area_pages_and_api_follow_the_access_function(world: World,
                                                              custom: CustomArea) -> None:
    from tests.api.conftest import ApiClient

    api = ApiClient(world)
    for persona, status in [("anonymous", 302), ("officer_b", 404), ("admin", 404),
                            ("officer_a", 200)]:
        assert signed_in(world[persona]).get(f"/areas/custom/{custom.pk}/").status_code == status
    for persona, status in [("anonymous", 401), ("officer_b", 404), ("admin", 404),
                            ("org_admin_a", 200)]:
        assert api.get(persona, f"/areas/custom/{custom.pk}").status_code == status
    body = api.get("officer_a", f"/areas/custom/{custom.pk}").json()
    assert body["members"] == WARDS and body["population"] > 20_000
    assert 0 < body["dissimilarity"] < 1


def test_officers_make_custom_areas_and_others_cannot(world: World, demo_data: Path) -> None:
    page = signed_in(world["officer_a"]).post(f"/areas/{TRAFFORD}/custom/", {
        "level": "ward", "name": "North", "members": WARDS})
    custom = CustomArea.objects.get(name="North")
    assert page.status_code == 302 and custom.organisation == world.council_a
    assert AuditEvent.objects.filter(action="custom_area.create").exists()
    assert signed_in(world["officer_b"]).post(f"/areas/{TRAFFORD}/custom/", {
        "level": "ward", "name": "Sneaky", "members": WARDS}).status_code == 404
    member = User.objects.create_user("member_a@example.org", PASSWORD, full_name="M A")
    Membership.objects.create(user=member, organisation=world.council_a, role=Role.MEMBER)
    assert signed_in(member).post(f"/areas/{TRAFFORD}/custom/", {
        "level": "ward", "name": "No", "members": WARDS}).status_code == 403
    from tests.api.conftest import ApiClient

    api = ApiClient(world)
    made = api.post("org_admin_a", "/areas/custom", {"council_code": TRAFFORD, "name": "API",
                                                     "members": ["E05015241"]})
    assert made.status_code == 201 and made.json()["members"] == ["E05015241"]
    refused = api.post("officer_b", "/areas/custom", {"council_code": TRAFFORD, "name": "X",
                                                      "members": ["E05015241"]})
    assert refused.status_code == 404


def test_only_the_councils_staff_judge_its_family_group(world: World, demo_data: Path) -> None:
    assert_personas(world, lambda u: access.get_family_judgement_for_user(u, TRAFFORD),
                    dict.fromkeys(["anonymous", "resident", "officer_a", "org_admin_a",
                                   "officer_b", "partner", "moderator", "admin"], ALLOWED))
    assert_personas(
        world, lambda u: access.get_family_judgement_for_user(u, TRAFFORD, write=True), {
            "anonymous": NotAuthenticated, "resident": PermissionDenied, "officer_a": ALLOWED,
            "org_admin_a": ALLOWED, "officer_b": PermissionDenied, "partner": PermissionDenied,
            "moderator": PermissionDenied, "admin": PermissionDenied})


def test_an_override_needs_a_reason_shows_on_the_profile_and_is_audited(
        world: World, demo_data: Path) -> None:
    officer = signed_in(world["officer_a"])
    url = f"/areas/{TRAFFORD}/family-group/"
    refused = officer.post(url, {"industrial_decline": "no", "override_group": "6"})
    assert "Say why the council places itself in another group" in refused.content.decode()
    assert "<title>Error: " in refused.content.decode()
    assert not FamilyGroupJudgement.objects.filter(override_group=6).exists()
    officer.post(url, {"industrial_decline": "no", "override_group": "6",
                       "reason": "Migration has fallen since the census."})
    page = officer.get(f"/areas/{TRAFFORD}/").content.decode()
    assert "Group 6: Stable affluent urban areas" in page
    assert "the data say group 7" in page and "Migration has fallen since the census." in page
    event = AuditEvent.objects.get(action="family_group.judge")
    assert event.new_values["override_group"] == 6 and event.actor == world["officer_a"]
    assert signed_in(world["officer_b"]).post(url, {"industrial_decline": "yes"}
                                              ).status_code == 403
    from tests.api.conftest import ApiClient

    api = ApiClient(world)
    assert Client().put(f"/api/v1/areas/{TRAFFORD}/family-group", data={},
                        content_type="application/json").status_code == 401
    put = Client().put(f"/api/v1/areas/{TRAFFORD}/family-group",
                       data={"industrial_decline": True}, content_type="application/json",
                       HTTP_AUTHORIZATION=f"Bearer {api.tokens['partner']}")
    assert put.status_code == 403 and put.json()["error"]["code"] == "permission_denied"


def test_uploads_are_for_analysts_and_admins(world: World) -> None:
    assert_personas(world, lambda u: access.get_upload_organisation_for_user(u, "council-a"), {
        "anonymous": NotAuthenticated, "resident": NotFound, "officer_a": PermissionDenied,
        "org_admin_a": ALLOWED, "officer_b": NotFound, "partner": NotFound,
        "moderator": NotFound, "admin": NotFound})
    analyst = analyst_of(world)
    assert access.get_upload_organisation_for_user(analyst, "council-a") == world.council_a
    assert signed_in(world["officer_a"]).get("/areas/upload/").status_code == 403
    assert signed_in(analyst).get("/areas/upload/").status_code == 200


def test_import_jobs_are_seen_by_their_uploader_and_the_orgs_data_people(
        world: World, django_capture_on_commit_callbacks: Any) -> None:
    analyst = analyst_of(world)
    with django_capture_on_commit_callbacks() as import_task:
        job = services.submit_import(actor=analyst, organisation=world.council_a,
                                     file_name="x.csv", content=b"a,b\n",
                                     options={"kind": "wide", "level": "lsoa", "code_col": "a",
                                              "groups": ["b", "c"], "title": "X"})
    assert_personas(world, lambda u: access.get_import_job_for_user(u, job.pk), {
        "anonymous": NotAuthenticated, "resident": NotFound, "officer_a": NotFound,
        "org_admin_a": ALLOWED, "officer_b": NotFound, "partner": NotFound,
        "moderator": NotFound, "admin": NotFound})
    assert access.get_import_job_for_user(analyst, job.pk) == job
    for run in import_task:  # the task, enqueued once the upload commits
        run()
    from tests.api.conftest import ApiClient

    api = ApiClient(world)
    assert api.get("officer_b", f"/areas/imports/{job.pk}").status_code == 404
    body = api.get("org_admin_a", f"/areas/imports/{job.pk}").json()
    assert body["status"] == "failed" and body["problems"][0]["line"] == 1
    assert ImportJob.objects.get(pk=job.pk).status == "failed"
