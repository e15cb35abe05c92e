"""Every persona against a surveys page: the status code each one gets."""

from __future__ import annotations

from typing import Any

from django.test import Client

from tests.personas import PERSONAS, World


def client_for(world: World, persona: str) -> Client:
    client = Client()
    if persona != "anonymous":
        client.force_login(world[persona])
    return client


def assert_statuses(world: World, url: str, expected: dict[str, int], *,
                    data: dict[str, Any] | None = None) -> None:
    """GET (or POST ``data`` to) ``url`` as every persona; ``expected`` names them all."""
    missing = set(PERSONAS) - set(expected)
    assert not missing, f"say what these personas get: {sorted(missing)}"
    got = {}
    for persona in PERSONAS:
        client = client_for(world, persona)
        response = client.post(url, data) if data is not None else client.get(url)
        got[persona] = response.status_code
    assert got == expected
