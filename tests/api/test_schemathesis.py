"""schemathesis against the API's own OpenAPI document (issue 14: no 500 from any input).

Every operation the document describes is called with inputs schemathesis generates from
it, valid and not, with an officer's token so the protected endpoints run their code
rather than stopping at 401. The checks: no answer is a server error, and every answer
the document describes (status and body) matches it. The examples are bounded and the
seed fixed, so a run is the same every time and takes well under a minute; it runs on
whichever engine the suite runs on (DATABASE_URL for PostgreSQL).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import response_schema_conformance

from commonground.accounts import services
from commonground.api.urls import api
from commonground.background.models import Heartbeat, ProcessKind
from tests.personas import World

SEED = 20261206
# Per operation: its examples, then this many generated cases of each kind (valid and
# invalid) and the boundary values of every parameter.
EXAMPLES = 12

CONFIG = SchemathesisConfig.from_dict({
    "seed": SEED,
    "suppress-health-check": ["all"],
    "generation": {"mode": "all", "max-examples": EXAMPLES, "deterministic": True},
    "phases": {"examples": {"enabled": True}, "coverage": {"enabled": True},
               "fuzzing": {"enabled": True}, "stateful": {"enabled": False}},
})


@pytest.fixture
def connection_kept() -> Iterator[None]:
    # The cases go through Django's WSGI handler, which closes the database connection
    # after each request; the test's transaction lives on it. Django's test client keeps
    # it open the same way.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def officer_token(world: World, connection_kept: None) -> str:
    # A worker heard from a moment ago, so /ready answers 200 rather than its 503 "no
    # worker" (tests/background/test_readiness.py tries both).
    now = timezone.now()
    Heartbeat.objects.create(process_id="worker-schemathesis", kind=ProcessKind.WORKER,
                             host="test", pid=1, started_at=now, seen_at=now)
    _, token = services.create_api_token(actor=world["officer_a"], name="schemathesis")
    return token


# The document /api/v1/openapi.json serves, built without a request (collection runs
# before any database exists); the cases are sent to the whole site in this process.
schema = schemathesis.openapi.from_dict(
    json.loads(json.dumps(api.get_openapi_schema(path_prefix="/api/v1/"))), config=CONFIG)
schema.app = get_wsgi_application()


@schema.parametrize()
@settings(deadline=None, suppress_health_check=list(HealthCheck), derandomize=True,
          max_examples=EXAMPLES, database=None)
def test_no_input_gets_a_server_error_or_an_answer_off_the_document(
        case: Any, officer_token: str) -> None:
    case.call_and_validate(headers={"Authorization": f"Bearer {officer_token}"},
                           checks=[not_a_server_error, response_schema_conformance])
