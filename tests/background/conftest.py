"""Helpers for the background work tests: the database task backend, a small upload."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.test import override_settings

from commonground.places import services
from commonground.places.models import Area, AreaLevel, ImportJob
from tests.personas import World

# The production configuration: tasks wait in the database until a worker takes them.
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend",
                              "QUEUES": settings.TASK_QUEUES}}
WARDS_CSV = b"code,total,a,b\nE05000819,10,4,5\nE05000820,8,4,4\n"


@pytest.fixture
def database_tasks() -> Any:
    with override_settings(TASKS=DATABASE_TASKS):
        yield


@pytest.fixture
def wards(world: World) -> list[Area]:
    council = Area.objects.create(code="E08000009", name="Trafford", level=AreaLevel.COUNCIL)
    return [Area.objects.create(code=code, name=name, level=AreaLevel.WARD, parent=council)
            for code, name in (("E05000819", "Altrincham"), ("E05000820", "Ashton upon Mersey"))]


def submit(world: World, content: bytes = WARDS_CSV) -> ImportJob:
    return services.submit_import(
        actor=world["org_admin_a"], organisation=world.council_a, file_name="wards.csv",
        content=content, options={"kind": "wide", "level": "ward", "code_col": "code",
                                  "groups": ["a", "b"], "total_col": "total",
                                  "title": "Trafford wards"})
