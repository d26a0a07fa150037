"""A real browser for tests: Debian's Chromium driven by Playwright.

Playwright's own browser download cannot work on a closed network, so it is pointed at
``/usr/bin/chromium`` with the flags that keep Chromium from calling out (background
networking, component updates, sync). ``Browser`` refuses and records every page request
that leaves the server under test, so a test notices any asset that would come from a CDN.
One Playwright instance per test module at a time (``chromium``, shared through
tests/conftest.py: two at once in one process cannot run).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Browser:
    """One browser context (its own cookies) and page, with off-host requests blocked."""

    def __init__(self, chromium: Any, base: str, locale: str = "en-GB") -> None:
        self.base = base
        self.context = chromium.new_context(
            locale=locale, viewport={"width": 1366, "height": 768}, accept_downloads=True
        )
        self.page = self.context.new_page()
        self.page.set_default_timeout(15_000)
        self.outside: list[str] = []
        self.page.route("**/*", self._only_local)

    def _only_local(self, route: Any) -> None:
        url = route.request.url
        if url.startswith(self.base) or url.startswith("data:"):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def go(self, path: str) -> Any:
        return self.page.goto(self.base + path)

    def sign_in(self, token: str, path: str = "/admin/progress") -> None:
        self.go(path)
        self.page.fill("#token", token)
        self.page.click("button[type=submit].primary")
        self.page.wait_for_load_state()

    def cookie(self, name: str) -> dict[str, Any] | None:
        return next((c for c in self.context.cookies() if c["name"] == name), None)

    def close(self) -> None:
        self.context.close()
