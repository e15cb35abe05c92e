"""Running places: the admin for platform admins, and an organisation's list of its
uploaded data (every persona). Jobs left running by a stopped worker: tests/background."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone

from commonground.accounts.models import Membership, Role, User
from commonground.core.errors import NotAuthenticated, NotFound, PermissionDenied
from commonground.core.models import AuditEvent
from commonground.places import access
from commonground.places.models import Dataset, ImportJob, JobStatus
from tests.personas import ALLOWED, PASSWORD, World, assert_personas

pytestmark = pytest.mark.django_db


def job_of(world: World, status: str, started_minutes_ago: float | None,
           organisation: str = "council-a") -> ImportJob:
    org = world.council_a if organisation == "council-a" else world.council_b
    started = (None if started_minutes_ago is None
               else timezone.now() - timedelta(minutes=started_minutes_ago))
    return ImportJob.objects.create(organisation=org, created_by=world["org_admin_a"],
                                    file_name=f"{status}.csv", status=status,
                                    started_at=started, options={"kind": "wide"})


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_admin_lists_datasets_and_jobs_and_edits_only_descriptions(demo_data: Path,
                                                                   world: World) -> None:
    admin = signed_in(world["admin"])
    job = job_of(world, JobStatus.RUNNING, 1)
    for url in ("/admin/places/dataset/", "/admin/places/importjob/", "/admin/places/area/",
                "/admin/places/familygroupjudgement/", f"/admin/places/importjob/{job.pk}/change/"):
        assert admin.get(url).status_code == 200, url
    assert signed_in(world["officer_a"]).get("/admin/places/dataset/").status_code == 302
    dataset = Dataset.objects.get(slug="council-indicators")
    url = f"/admin/places/dataset/{dataset.pk}/change/"
    form = {"title": "Council indicators (corrected)", "period": dataset.period,
            "source": dataset.source, "publisher_url": dataset.publisher_url,
            "licence": dataset.licence, "attribution": dataset.attribution,
            "slug": "hijacked", "row_count": 0}
    assert admin.post(url, form).status_code == 302
    dataset.refresh_from_db()
    assert dataset.title == "Council indicators (corrected)"
    assert dataset.slug == "council-indicators" and dataset.row_count > 0
    event = AuditEvent.objects.get(action="dataset.describe")
    assert event.new_values == {"title": "Council indicators (corrected)"}
    assert admin.get("/admin/places/dataset/add/").status_code == 403
    assert admin.post(f"/admin/places/importjob/{job.pk}/change/", {}).status_code == 403


def test_admin_fails_only_running_jobs_and_audits_it(world: World) -> None:
    running = job_of(world, JobStatus.RUNNING, 1)
    done = job_of(world, JobStatus.DONE, 5)
    response = signed_in(world["admin"]).post("/admin/places/importjob/", {
        "action": "fail_stopped_jobs", "_selected_action": [running.pk, done.pk]})
    assert response.status_code == 302
    running.refresh_from_db()
    done.refresh_from_db()
    assert running.status == JobStatus.FAILED and done.status == JobStatus.DONE
    event = AuditEvent.objects.get(action="import.fail_stopped")
    assert event.object_id == str(running.pk) and event.actor == world["admin"]


def test_uploaded_data_are_listed_for_the_organisations_analysts_and_admins(
        world: World) -> None:
    assert_personas(world, lambda u: access.get_organisation_datasets_for_user(u, "council-a"), {
        "anonymous": NotAuthenticated, "resident": NotFound, "officer_a": PermissionDenied,
        "org_admin_a": ALLOWED, "officer_b": NotFound, "partner": NotFound,
        "moderator": NotFound, "admin": NotFound})
    analyst = User.objects.create_user("analyst_a@example.org", PASSWORD, full_name="Ann")
    Membership.objects.create(user=analyst, organisation=world.council_a, role=Role.ANALYST)
    Dataset.objects.create(slug="council-a-wards", title="Ward survey A", kind="counts",
                           level="ward", organisation=world.council_a, row_count=21,
                           columns=[{"key": "a", "label": "Group A"}])
    Dataset.objects.create(slug="council-b-wards", title="Ward survey B", kind="counts",
                           level="ward", organisation=world.council_b)
    job_of(world, JobStatus.DONE, 3)
    job_of(world, JobStatus.FAILED, 3, organisation="council-b")
    url = "/areas/uploaded/council-a/"
    page = signed_in(analyst).get(url).content.decode()
    assert "Ward survey A" in page and "Group A" in page and "done.csv" in page
    assert "Ward survey B" not in page and "failed.csv" not in page
    assert "Org Admin A" in page  # who uploaded the job
    assert signed_in(world["officer_a"]).get(url).status_code == 403
    assert signed_in(world["officer_b"]).get(url).status_code == 404
    assert Client().get(url).status_code == 302  # to sign in
    upload_page = signed_in(analyst).get("/areas/upload/").content.decode()
    assert 'href="/areas/uploaded/council-a/"' in upload_page
