"""GET /api/v1/ready: the database and a live background worker, or 503 saying which."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from commonground.background.heartbeats import STALE_SECONDS
from commonground.background.models import Heartbeat, ProcessKind

pytestmark = pytest.mark.django_db


def beat(seconds_ago: float, kind: str = ProcessKind.WORKER) -> Heartbeat:
    seen = timezone.now() - datetime.timedelta(seconds=seconds_ago)
    return Heartbeat.objects.create(process_id=f"{kind}-{seconds_ago}", kind=kind,
                                    host="worker-host-1", pid=10, started_at=seen,
                                    seen_at=seen)


def test_not_ready_without_a_worker_even_with_a_scheduler(client: Client) -> None:
    beat(1, ProcessKind.SCHEDULER)
    beat(STALE_SECONDS + 5)  # a worker silent for too long
    response = client.get("/api/v1/ready")
    assert response.status_code == 503
    assert response.json() == {"status": "not_ready", "database": "ok", "worker": "none",
                               "workers": 0}


def test_ready_when_a_worker_has_been_heard_from(client: Client) -> None:
    beat(3)
    response = client.get("/api/v1/ready")
    assert response.status_code == 200
    assert response.json() == {"status": "ready", "database": "ok", "worker": "ok",
                               "workers": 1}
    assert "/api/v1/ready" in client.get("/api/v1/openapi.json").json()["paths"]
