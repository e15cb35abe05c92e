"""Counting a page's queries, for the tests that pin them (issue 14, finding 10: every list
page, export and API list reads a fixed number of queries, whatever the number of rows)."""

from __future__ import annotations

from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.api.conftest import ApiClient
from tests.personas import World


def signed_in(world: World, persona: str) -> Client:
    client = Client()
    if persona != "anonymous":
        client.force_login(world[persona])
    return client


def query_count(client: Client, path: str, *, fresh: bool = False) -> int:
    """The queries of a second request for ``path`` (the first warms the values kept per
    process); ``fresh`` empties the cache in between, so cached pages and fragments are
    rendered again from every row."""
    client.get(path)
    if fresh:
        cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return len(captured)


def page_counts(world: World, pages: dict[str, tuple[str, int]], *, fresh: bool = False
                ) -> dict[str, int]:
    """Each page's queries, read by its persona: ``pages`` maps address -> (persona, the
    count pinned)."""
    return {path: query_count(signed_in(world, persona), path, fresh=fresh)
            for path, (persona, _) in pages.items()}


def api_counts(api: ApiClient, paths: dict[str, tuple[str, int]]) -> dict[str, int]:
    """Each API path's queries, called with its persona's token (``/api/v1`` left off)."""
    found = {}
    for path, (persona, _) in paths.items():
        api.get(persona, path)
        with CaptureQueriesContext(connection) as captured:
            response = api.get(persona, path)
        assert response.status_code == 200, (path, response.status_code)
        found[path] = len(captured)
    return found


def pinned(pages: dict[str, tuple[str, int]]) -> dict[str, int]:
    return {path: n for path, (_, n) in pages.items()}
