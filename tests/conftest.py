"""Fixtures shared by the whole suite: the persona world, a clean cache, fresh mail."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from commonground.core import catalogues, stamped
from tests.personas import World, build_world


def pytest_sessionstart(session: Any) -> None:
    # The Welsh catalogues as they are now, even when pytest runs without make.
    catalogues.compile_all()


@pytest.fixture(autouse=True)
def _clean_cache() -> Iterator[None]:
    # Rate limits live in the cache; each test starts with none counted. Values kept
    # per process go too: a test's fresh database can repeat an earlier data version.
    cache.clear()
    stamped.clear_all()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _english_first() -> Iterator[None]:
    # A request to a /cy/ page leaves Welsh active in the test's thread (LocaleMiddleware
    # activates it and nothing deactivates it), so a later test would read its messages in
    # Welsh depending on the order the tests ran. Each test starts in the default language.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def world(db: Any) -> World:
    return build_world()


def pytest_terminal_summary(terminalreporter: Any) -> None:
    skipped = terminalreporter.stats.get("skipped", [])
    if any("CHROMIUM NOT INSTALLED" in str(getattr(r, "longrepr", "")) for r in skipped):
        terminalreporter.write_sep(
            "!", "BROWSER TESTS SKIPPED: Chromium is not installed (apt-get install -y chromium)",
            red=True, bold=True)
