"""Console fixtures: a browser (``tests/browser.py``) on a seeded server."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from sync.server import storage as db
from tests.browser import Browser
from tests.sync.conftest import RunningServer, fake_proposal, fake_submission


@pytest.fixture(params=("sqlite",))
def backend(request: pytest.FixtureRequest) -> str:
    """Browser tests run on SQLite only (the queries behind them run on PostgreSQL in
    ``test_console_storage.py``): a browser pass per backend would double CI time."""
    return request.param


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
                region={"type": "box", "label": "proposed", "points": [[100, 80], [300, 260]]},
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
