from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from commonground.accounts import services
from tests.personas import PERSONAS, World


class ApiClient:
    """Calls the API as a persona, with that persona's own token."""

    def __init__(self, world: World) -> None:
        self.tokens: dict[str, str] = {}
        for persona in PERSONAS:
            user = world[persona]
            if user.is_authenticated:
                _, self.tokens[persona] = services.create_api_token(actor=user, name="tests")

    def _headers(self, persona: str) -> dict[str, str]:
        token = self.tokens.get(persona)
        return {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}

    def get(self, persona: str, path: str) -> Any:
        return Client().get(f"/api/v1{path}", **self._headers(persona))

    def post(self, persona: str, path: str, data: dict[str, Any]) -> Any:
        return Client().post(f"/api/v1{path}", data=data, content_type="application/json",
                             **self._headers(persona))


@pytest.fixture
def api(world: World) -> ApiClient:
    return ApiClient(world)
