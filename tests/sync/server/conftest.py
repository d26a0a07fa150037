"""Server tests run twice: on a SQLite file and on PostgreSQL (``HITL_TEST_DATABASE_URL``).

``server`` is parametrised by backend; ``postgres_url`` gives a fresh, empty PostgreSQL
database for a test that needs one for itself (dropped afterwards). Without
``HITL_TEST_DATABASE_URL`` the PostgreSQL cases are skipped with that reason; CI sets it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.sync.conftest import RunningServer, drop_database, fresh_database


@pytest.fixture
def server(server_on_backend: RunningServer) -> RunningServer:
    """Here every server test runs on both backends (``tests/sync/conftest.py``)."""
    return server_on_backend


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """The URL of a new empty PostgreSQL database, dropped after the test."""
    admin, url = fresh_database()
    try:
        yield url
    finally:
        drop_database(admin, url)


@pytest.fixture
def database_url(tmp_path: Path, backend: str) -> Iterator[str]:
    """An empty database on ``backend``: a SQLite file in ``tmp_path``, or a fresh PostgreSQL one."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'shared.db'}"
        return
    admin, url = fresh_database()
    try:
        yield url
    finally:
        drop_database(admin, url)
