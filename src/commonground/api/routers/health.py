"""GET /health: is the web server up and can it reach its database? GET /ready: can the
service do all its work, background work included (a load balancer asks the first, a
deployment's monitoring the second: docs/deployment.md)?"""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.http import HttpRequest
from ninja import Router, Status

from commonground.api.schemas import ErrorOut, HealthOut, ReadyOut
from commonground.background.selectors import live_workers
from commonground.core.errors import DomainError, ErrorCode

router = Router(tags=["Service"])


def _database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any failure to reach the database means "not healthy"
        return False
    return True


@router.get("/health", response={200: HealthOut, 503: ErrorOut}, auth=None,
            summary="Check the service and its database")
def health(request: HttpRequest) -> dict[str, str]:
    if not _database_answers():
        raise DomainError("The database cannot be reached.", code=ErrorCode.SERVER_ERROR)
    return {"status": "ok", "database": "ok"}


@router.get("/ready", response={200: ReadyOut, 503: ReadyOut}, auth=None,
            summary="Check the database and that a background worker is running")
def ready(request: HttpRequest) -> Status[dict[str, Any]]:
    database = _database_answers()
    workers = len(live_workers()) if database else 0
    body = {"status": "ready" if database and workers else "not_ready",
            "database": "ok" if database else "unreachable",
            "worker": "ok" if workers else "none", "workers": workers}
    return Status(200 if body["status"] == "ready" else 503, body)
