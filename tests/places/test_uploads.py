"""Browser uploads run as background jobs: progress page, problems by line, all or nothing."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client

from commonground.places.models import AreaValues, Dataset, ImportJob
from tests.personas import World

pytestmark = pytest.mark.django_db
FORM = {"organisation": "council-a", "kind": "wide", "title": "Trafford wards",
        "level": "ward", "code_col": "code", "groups": "a,b", "total_col": "total"}


def upload(client: Client, text: str, capture: Any) -> tuple[ImportJob, list[Callable[[], Any]]]:
    """Post the file; returns the job and its import task, enqueued when the upload
    commits (the test runs it when it chooses)."""
    with capture() as on_commit:
        response = client.post("/areas/upload/", {
            **FORM, "file": SimpleUploadedFile("wards.csv", text.encode(), "text/csv")})
    assert response.status_code == 302, response.content.decode()[:3000]
    job = ImportJob.objects.get(pk=int(response["Location"].rstrip("/").rsplit("/", 1)[1]))
    return job, on_commit


def test_a_broken_upload_lists_its_problems_and_imports_nothing(
        demo_data: Path, world: World, django_capture_on_commit_callbacks: Any) -> None:
    client = Client()
    client.force_login(world["org_admin_a"])
    job, import_task = upload(client, "code,total,a,b\nE05015239,10,4,-1\nE05999999,10,4,4\n",
                              django_capture_on_commit_callbacks)
    waiting = client.get(f"/areas/upload/{job.pk}/").content.decode()
    assert '<meta http-equiv="refresh" content="2">' in waiting and "<progress" in waiting
    assert job.upload.storage.exists(job.upload.name)
    assert len(import_task) == 1
    import_task[0]()
    page = client.get(f"/areas/upload/{job.pk}/").content.decode()
    assert "Nothing was imported" in page and "http-equiv" not in page
    assert "&#x27;-1&#x27; is negative; counts cannot be below 0" in page
    assert "unknown area code &#x27;E05999999&#x27;" in page
    stored = job.upload.name
    job.refresh_from_db()
    assert [(p["line"], p["field"]) for p in job.problems] == [(2, "b"), (3, "code")]
    assert not Dataset.objects.filter(organisation=world.council_a).exists()
    # The uploaded file is deleted from the storage once the import has finished.
    assert not job.upload and not job.upload.storage.exists(stored)


def test_a_good_upload_is_imported_for_the_organisation_only(
        demo_data: Path, world: World, django_capture_on_commit_callbacks: Any) -> None:
    client = Client()
    client.force_login(world["org_admin_a"])
    job, import_task = upload(client, "code,total,a,b\nE05015239,10,4,5\nE05015240,8,4,4\n",
                              django_capture_on_commit_callbacks)
    import_task[0]()
    job.refresh_from_db()
    assert job.status == "done" and job.summary.startswith("Imported 2 row(s)")
    dataset = Dataset.objects.get(organisation=world.council_a)
    assert dataset.slug == "council-a-trafford-wards"
    assert AreaValues.objects.get(dataset=dataset, area__code="E05015240").values == [4, 4]
    # Uploaded data never change the open-data pages.
    assert "Trafford wards" not in client.get("/areas/E05015239/").content.decode()


def test_the_cli_reports_bad_files_like_imports(tmp_path: Path) -> None:
    path = tmp_path / "mine.csv"
    path.write_text("ward,council,a,b\nW1,C1,3,x\nW2,C1,2,2\n", encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 problem"):
        call_command("indicators", str(path), "--region-col=council", "--groups=a,b",
                     stdout=io.StringIO(), stderr=err)
    assert err.getvalue().strip() == "mine.csv, line 2, field 'b': 'x' is not a number"


def test_the_cli_writes_one_row_per_region(tmp_path: Path) -> None:
    path = tmp_path / "mine.csv"
    path.write_text("ward,council,a,b\nW1,C1,10,0\nW2,C1,0,10\nW3,C2,5,5\nW4,C2,5,5\n",
                    encoding="utf-8")
    out = io.StringIO()
    call_command("indicators", str(path), "--region-col=council", "--groups=a,b",
                 "--focal=a", stdout=out)
    lines = out.getvalue().splitlines()
    header = lines[0].split(",")
    c1, c2 = (dict(zip(header, line.split(","), strict=True)) for line in lines[1:])
    # Complete separation in C1, none in C2.
    assert c1["dissimilarity"] == "1" and c2["dissimilarity"] == "0"
