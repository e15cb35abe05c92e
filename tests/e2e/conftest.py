"""End-to-end tests in headless Chromium (Debian's package), driven by Playwright.

Never downloads a browser: Playwright launches /usr/bin/chromium. When it is missing
the tests are skipped and the run says so loudly (Makefile and the summary below).
Every page a test visits is checked with axe-core (from npm) for WCAG 2.2 AA.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

# Playwright's sync API runs an event loop in this thread; the Django code it reaches
# (fixtures creating rows) is synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)
            if not CHROMIUM.exists():
                item.add_marker(pytest.mark.skip(
                    reason=f"CHROMIUM NOT INSTALLED at {CHROMIUM}: apt-get install -y chromium"))


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Any]:
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    errors: list[str] = []

    def on_console(msg: Any) -> None:
        # Failed loads are reported below with their address; a 404 *page* is fine.
        if msg.type == "error" and not msg.text.startswith("Failed to load resource"):
            errors.append(msg.text)

    def on_response(response: Any) -> None:
        if response.status >= 400 and response.request.resource_type != "document":
            errors.append(f"{response.status} for {response.url}")

    page.on("console", on_console)
    page.on("response", on_response)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    # A CSP violation, a script error or a missing asset: the page is broken.
    assert not errors, f"browser errors: {errors}"


class Axe:
    def __init__(self) -> None:
        self.source = AXE.read_text(encoding="utf-8")
        self.checked: list[str] = []

    def check(self, page: Any) -> None:
        """Run axe on the page as it is now; fail with every violation listed."""
        # Evaluated through the DevTools protocol, so the page's CSP does not block it.
        page.evaluate(self.source)
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
        violations = [
            f"{v['id']} ({v['impact']}): {v['help']} at "
            + "; ".join(n["target"][0] for n in v["nodes"][:3])
            for v in result["violations"]
        ]
        self.checked.append(page.url)
        assert not violations, f"axe found problems on {page.url}:\n" + "\n".join(violations)


@pytest.fixture
def axe() -> Axe:
    return Axe()
