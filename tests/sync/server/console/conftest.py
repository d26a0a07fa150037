"""Browser fixtures: Debian's Chromium driven by Playwright, and a seeded server.

Playwright's own browser download cannot work on a closed network, so it is pointed at
``/usr/bin/chromium`` with the flags that keep Chromium from calling out (background
networking, component updates, sync). Every page request that leaves 127.0.0.1 is refused
and recorded, so a test notices any asset that would come from a CDN.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from sync.server import storage as db
from tests.sync.conftest import RunningServer, fake_proposal, fake_submission

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


@pytest.fixture(params=("sqlite",))
def backend(request: pytest.FixtureRequest) -> str:
    """Browser tests run on SQLite only (the queries behind them run on PostgreSQL in
    ``test_console_storage.py``): a browser pass per backend would double CI time."""
    return request.param


@pytest.fixture(scope="session")
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


@pytest.fixture
def browser(chromium: Any, seeded: Seeded) -> Iterator[Browser]:
    b = Browser(chromium, seeded.server.url)
    yield b
    b.close()


def days_ago(n: int) -> str:
    moment = datetime.now(UTC) - timedelta(days=n)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


class Seeded:
    """A project with two centres, three PCs (one stale), work over several days, and
    two workers who proposed the same missing label ("Bullock cart")."""

    def __init__(self, server: RunningServer) -> None:
        self.server = server
        self.project = server.create_project("Forest")
        self.pcs = {
            "a1": server.enroll_device(self.project.id, "Village A"),
            "a2": server.enroll_device(self.project.id, "Village A"),
            "b1": server.enroll_device(self.project.id, "Village B"),
        }
        subs_a1 = [fake_submission(i, submitted_at=days_ago(i % 3)) for i in range(6)]
        subs_b1 = [fake_submission(100 + i, submitted_at=days_ago(i % 2)) for i in range(4)]
        self.proposals = [
            fake_proposal(
                1,
                name="Bullock cart",
                reason="carts pulled by oxen, not in the list",
                worker="asha",
                created_at=days_ago(2),
                region={"type": "box", "label": "", "points": [[100, 80], [300, 260]]},
            ),
            fake_proposal(
                101,
                name="bullock-cart",
                reason="an ox cart",
                worker="meena",
                created_at=days_ago(1),
            ),
        ]
        for key, subs, props in (
            ("a1", subs_a1, [self.proposals[0]]),
            ("b1", subs_b1, [self.proposals[1]]),
        ):
            e = self.pcs[key]
            r = server.upload(
                server.bundle_for(e, 1, subs, proposals=props), server.device_headers(e)
            )
            assert r.status_code == 200, r.text
        with server.storage.write() as conn:  # a2 was last seen ten days ago: stale
            conn.execute(
                db.devices.update()
                .where(db.devices.c.id == self.pcs["a2"]["device_id"])
                .values(last_seen_at=days_ago(10), created_at=days_ago(20))
            )


@pytest.fixture
def seeded(server: RunningServer) -> Seeded:
    return Seeded(server)
