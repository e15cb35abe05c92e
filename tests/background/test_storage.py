"""Many servers, one service: an upload received by a web server is read by a worker from
the shared file storage, here an S3 bucket (moto's in-process S3: no network)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from django.core.management import call_command
from django.test import override_settings
from moto import mock_aws

from commonground.places.models import JobStatus
from tests.background.conftest import DATABASE_TASKS, submit
from tests.personas import World

pytestmark = pytest.mark.django_db(transaction=True)
BUCKET = "commonground-uploads"
S3_STORAGE = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {
    "bucket_name": BUCKET, "region_name": "eu-west-2", "access_key": "test",
    "secret_key": "test", "location": "uploads", "default_acl": None,
    "file_overwrite": False, "querystring_auth": True}}


@pytest.fixture
def bucket(settings: Any) -> Iterator[Any]:
    with mock_aws():
        s3 = boto3.client("s3", region_name="eu-west-2", aws_access_key_id="test",
                          aws_secret_access_key="test")
        s3.create_bucket(Bucket=BUCKET,
                         CreateBucketConfiguration={"LocationConstraint": "eu-west-2"})
        with override_settings(STORAGES={**settings.STORAGES, "default": S3_STORAGE},
                               TASKS=DATABASE_TASKS):
            yield s3


def keys(s3: Any) -> list[str]:
    return [o["Key"] for o in s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])]


def test_a_worker_imports_the_file_a_web_server_put_in_the_bucket(
        world: World, wards: Any, bucket: Any, settings: Any) -> None:
    job = submit(world)
    stored = keys(bucket)
    assert stored == [f"uploads/{job.upload.name}"] and job.upload.name.startswith("imports/")
    assert not os.path.exists(os.path.join(settings.MEDIA_ROOT, job.upload.name))

    call_command("worker", "--batch")

    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.summary.startswith("Imported 2 row(s)")
    assert keys(bucket) == []  # deleted from the bucket once imported
