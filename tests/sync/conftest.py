"""Sync fixtures: a REAL central server (uvicorn on 127.0.0.1, a free port) over a temp data folder.

Use the ``server`` fixture in any sync test (client, outbox, USB relay)::

    def test_something(server):
        project = server.create_project("Forest")            # taxonomy: tests/conftest.py
        enrollment = server.enroll_device(project.id, "Village A")  # a real enrollment dict
        # enrollment["server_url"] == server.url; write it to a file for `labeler enroll`
        requests.get(server.url + "/v1/health", headers=server.device_headers(enrollment))
        server.stop(); server.start()    # cut the link and bring it back (same port, same data)
        server.storage / server.registry  # look at what was stored

``server.admin_headers``, ``server.relay_headers(relay)`` give the other credentials;
``server.bundle_for(enrollment, seq, submissions, prev_sha256)`` builds real bundle bytes;
``fake_submission(i)`` makes a valid ``Submission.to_dict()``-shaped record.
The server stops cleanly at the end of the test. ``centre`` (or ``open_centre`` for other
numbers) adds a project with a worker's PC and a supervisor's station enrolled on it.

The database is a SQLite file in the data folder. The server tests (``tests/sync/server``)
run on PostgreSQL as well when ``HITL_TEST_DATABASE_URL=postgresql+psycopg://user@host:port/postgres``
is set (CI sets it): each such test gets a fresh database there (``fresh_database``), dropped
afterwards. Tests never read ``HITL_SERVER_*`` variables (``tests/conftest.py`` clears them).
"""

from __future__ import annotations

import os
import socket
import threading
import time
import uuid as uuid_mod
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import requests
import uvicorn
from sqlalchemy import create_engine

from labeler import taxonomy
from labeler.project import Project
from sync.bundle import decode_secret, encode_bundle
from sync.server.app import create_app
from sync.server.bootstrap import initialise, open_state
from sync.server.config import Settings
from sync.server.deps import AppState
from sync.server.registry import ProjectInfo
from tests.conftest import TAXONOMY_TEXT
from tests.sync.support import make_pc


def fake_submission(i: int, *, label: str = "tree", revision: int = 1, **fields: Any) -> dict:
    """A record shaped like ``Submission.to_dict()`` for image number ``i``."""
    rec = {
        "uuid": str(uuid_mod.uuid4()),
        "image_sha256": f"{i:064x}",
        "image_path": f"images/img_{i:05d}.jpg",
        "width": 640,
        "height": 480,
        "shapes": [
            {"type": "box", "label": label, "points": [[10.0, 20.0], [110.5, 220.25]]},
        ],
        "taxonomy_version": 1,
        "worker": "asha",
        "device_id": "pc-local",
        "started_at": "2026-01-05T10:00:00.000Z",
        "submitted_at": "2026-01-05T10:00:07.500Z",
        "duration_ms": 7500,
        "revision": revision,
        "supersedes": None,
        "source": "labeled",
    }
    rec.update(fields)
    return rec


def fake_proposal(i: int, **fields: Any) -> dict:
    rec = {
        "uuid": str(uuid_mod.uuid4()),
        "image_sha256": f"{i:064x}",
        "image_path": f"images/img_{i:05d}.jpg",
        "name": "bullock cart",
        "reason": "carts are not in the list",
        "region": None,
        "taxonomy_version": 1,
        "worker": "asha",
        "device_id": "pc-local",
        "created_at": "2026-01-05T10:01:00.000Z",
    }
    rec.update(fields)
    return rec


class RunningServer:
    """A uvicorn server in a thread, on 127.0.0.1, over one data folder."""

    def __init__(self, data_dir: Path, *, postgresql: bool = False, **settings: Any) -> None:
        self.data_dir = data_dir
        data_dir.mkdir(parents=True, exist_ok=True)
        self._test_db = fresh_database() if postgresql else None
        if self._test_db:
            settings["database_url"] = self._test_db[1]
        self.settings = Settings(data_dir=data_dir, **settings)
        self.admin_token = initialise(self.settings).admin_token
        self.state: AppState = open_state(self.settings)
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.settings = self.settings.with_(public_url=self.url)
        self.app = create_app(self.settings, self.state)
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def storage(self):  # type: ignore[no-untyped-def]
        return self.state.storage

    @property
    def registry(self):  # type: ignore[no-untyped-def]
        return self.state.registry

    # ---- lifecycle
    def start(self, timeout: float = 10.0) -> None:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", self.port))
        config = uvicorn.Config(self.app, log_level="warning", lifespan="off", access_log=False)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [sock]}, daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._server.started:
                return
            if not self._thread.is_alive():
                break
            time.sleep(0.01)
        raise RuntimeError(f"the test server did not start on {self.url}")

    def stop(self, timeout: float = 10.0) -> None:
        if self._server is None or self._thread is None:
            return
        self._server.should_exit = True
        self._thread.join(timeout)
        if self._thread.is_alive():
            raise RuntimeError("the test server did not stop")
        self._server = self._thread = None

    # ---- set-up shortcuts (what `labeler-server` commands do)
    def create_project(
        self, name: str = "Forest", kind: str = "boxes+multilabel", text: str = TAXONOMY_TEXT
    ) -> ProjectInfo:
        return self.registry.create_project(name, taxonomy.parse(text), kind, "Label every tree.")

    def enroll_device(self, project: str, centre: str = "Village A") -> dict[str, Any]:
        return self.registry.enroll_device(project, centre, self.url)

    def enroll_relay(self, project: str) -> dict[str, Any]:
        return self.registry.enroll_relay(project, "supervisor", self.url)

    # ---- credentials
    @property
    def admin_headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.admin_token}"}

    @staticmethod
    def device_headers(enrollment: dict[str, Any]) -> dict[str, str]:
        return {"Authorization": f"Bearer {enrollment['device_id']}.{enrollment['device_secret']}"}

    @staticmethod
    def relay_headers(relay: dict[str, Any]) -> dict[str, str]:
        return {"Authorization": f"Bearer {relay['token']}"}

    @staticmethod
    def bundle_for(
        enrollment: dict[str, Any],
        seq: int,
        submissions: list[dict],
        prev_sha256: str | None = None,
        proposals: list[dict] | None = None,
        project_id: str | None = None,
    ) -> bytes:
        """Real bundle bytes signed with the enrolled device's secret."""
        return encode_bundle(
            {
                "project_id": project_id or enrollment["project_id"],
                "device_id": enrollment["device_id"],
                "seq": seq,
                "prev_sha256": prev_sha256,
            },
            submissions,
            proposals or [],
            decode_secret(enrollment["device_secret"]),
        )

    def upload(self, data: bytes, headers: dict[str, str]) -> requests.Response:
        return requests.post(
            self.url + "/v1/bundles",
            data=data,
            headers={**headers, "Content-Type": "application/octet-stream"},
            timeout=30,
        )

    def close(self) -> None:
        self.stop()
        self.state.storage.dispose()
        if self._test_db:
            drop_database(*self._test_db)


def postgres_admin_url() -> str | None:
    """``HITL_TEST_DATABASE_URL``: a PostgreSQL server where tests may make databases."""
    return os.environ.get("HITL_TEST_DATABASE_URL") or None


def fresh_database() -> tuple[str, str]:
    """(admin URL, URL of a new empty database on the ``HITL_TEST_DATABASE_URL`` server)."""
    admin = postgres_admin_url()
    if not admin:
        pytest.skip("PostgreSQL tests need HITL_TEST_DATABASE_URL (CI sets it)")
    name = "hitl_test_" + uuid_mod.uuid4().hex[:12]
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    engine.dispose()
    return admin, admin.rsplit("/", 1)[0] + "/" + name


def drop_database(admin: str, url: str) -> None:
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE "{url.rsplit("/", 1)[1]}" WITH (FORCE)')
    engine.dispose()


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def server_on_backend(tmp_path: Path, backend: str) -> Iterator[RunningServer]:
    """A started central server over ``tmp_path / "server-data"`` on ``backend``: a test
    using it runs twice, on a SQLite file and on PostgreSQL (skipped, with the reason,
    without ``HITL_TEST_DATABASE_URL``)."""
    running = RunningServer(tmp_path / "server-data", postgresql=backend == "postgresql")
    running.start()
    try:
        yield running
    finally:
        running.close()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[RunningServer]:
    """A started central server over ``tmp_path / "server-data"`` (SQLite file, WAL)."""
    running = RunningServer(tmp_path / "server-data")
    running.start()
    try:
        yield running
    finally:
        running.close()


@contextmanager
def open_centre(
    server: RunningServer,
    folder: Path,
    n_images: int,
    workers: Sequence[str] = ("asha",),
    later: Sequence[str] = (),
) -> Iterator[tuple[ProjectInfo, list[Project], Project]]:
    """A project "Forest" (boxes+multilabel) on ``server`` with, at "Village A", a PC for
    each of ``workers``, then Meena's supervisor station, then a PC for each of ``later``
    (enrolled after the station, so their pack names it), each over ``n_images`` real
    images (under ``folder / <worker>`` and ``folder / "station"``): (info, the PCs of
    ``workers`` and ``later`` in that order, the station). Every project is closed at the
    end."""
    info = server.create_project("Forest", kind="boxes+multilabel")
    pcs: list[Project] = []
    station: Project | None = None

    def enrolled_pc(worker: str) -> Project:
        pc = make_pc(folder / worker, server.enroll_device(info.id, "Village A"), n_images)
        pcs.append(pc)
        return pc

    try:
        for worker in workers:
            enrolled_pc(worker)
        doc = server.registry.enroll_device(info.id, "Village A", server.url, supervisor="Meena")
        station = make_pc(folder / "station", doc, n_images)
        for worker in later:
            enrolled_pc(worker)
        yield info, pcs, station
    finally:
        for project in (*pcs, station):
            if project is not None:
                project.close()


@pytest.fixture
def centre(server: RunningServer, tmp_path: Path) -> Iterator[tuple[ProjectInfo, Project, Project]]:
    """``open_centre`` with Asha's PC and the station over 4 images: (info, asha_pc, station)."""
    with open_centre(server, tmp_path, 4) as (info, (asha_pc,), station):
        yield info, asha_pc, station
