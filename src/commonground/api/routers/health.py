"""GET /health: is the service up and can it reach its database?"""

from __future__ import annotations

from django.db import connection
from django.http import HttpRequest
from ninja import Router

from commonground.api.schemas import ErrorOut, HealthOut
from commonground.core.errors import DomainError, ErrorCode

router = Router(tags=["Service"])


@router.get("/health", response={200: HealthOut, 503: ErrorOut}, auth=None,
            summary="Check the service and its database")
def health(request: HttpRequest) -> dict[str, str]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any failure to reach the database means "not healthy"
        error = DomainError("The database cannot be reached.", code=ErrorCode.SERVER_ERROR)
        raise error from exc
    return {"status": "ok", "database": "ok"}
