"""Several API processes over one database, started the ways an operator starts them."""

from __future__ import annotations

import threading
from pathlib import Path

import psutil
import requests
from sqlalchemy import func, select

from labeler import taxonomy
from sync.server import storage as db
from sync.server.bootstrap import initialise, open_state
from sync.server.config import Settings
from sync.server.keyring import MasterKey
from tests.conftest import TAXONOMY_TEXT
from tests.sync.conftest import RunningServer, fake_submission
from tests.sync.server.processes import ServerProcess


def _setup(folder: Path, database_url: str) -> tuple[Settings, dict]:
    settings = Settings(data_dir=folder, database_url=database_url)
    initialise(settings)
    state = open_state(settings)
    project = state.registry.create_project("Forest", taxonomy.parse(TAXONOMY_TEXT), "boxes")
    pc = state.registry.enroll_device(project.id, "Village A", "https://hitl.example.org")
    state.storage.dispose()
    return settings, pc


def test_two_api_processes_take_the_same_bundle_at_once(tmp_path: Path, database_url: str) -> None:
    settings, pc = _setup(tmp_path / "host1", database_url)
    headers = {**RunningServer.device_headers(pc), "Content-Type": "application/octet-stream"}
    first = ServerProcess.serve(
        tmp_path / "first.log", "--data", str(settings.data_dir), "--database-url", database_url
    )
    second = ServerProcess.uvicorn_factory(  # another host: settings from the environment only
        tmp_path / "second.log",
        {
            "HITL_SERVER_DATA_DIR": str(tmp_path / "host2"),
            "HITL_SERVER_DATABASE_URL": database_url,
            "HITL_SERVER_MASTER_KEY": MasterKey.load(settings).text,
        },
    )
    try:
        first.start()
        second.start()
        prev = None
        for seq in range(1, 7):
            data = RunningServer.bundle_for(
                pc, seq, [fake_submission(seq * 100 + i) for i in range(40)], prev_sha256=prev
            )
            barrier = threading.Barrier(2)
            answers: dict[str, requests.Response] = {}

            def send(proc: ServerProcess, data: bytes = data, answers=answers, barrier=barrier):  # type: ignore[no-untyped-def]
                barrier.wait(timeout=10)
                answers[proc.url] = requests.post(
                    proc.url + "/v1/bundles", data=data, headers=headers, timeout=30
                )

            threads = [threading.Thread(target=send, args=(p,)) for p in (first, second)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            a, b = answers[first.url], answers[second.url]
            assert (a.status_code, b.status_code) == (200, 200), (a.text, b.text)
            assert a.json() == b.json()  # one receipt, whichever process stored it
            prev = a.json()["receipt"]["bundle_sha256"]
        for proc in (first, second):
            assert requests.get(proc.url + "/readyz", timeout=5).json()["ok"] is True
    finally:
        first.stop()
        second.stop()
    state = open_state(settings)
    try:
        with state.storage.read() as conn:
            counts = [
                conn.execute(select(func.count()).select_from(t)).scalar_one()
                for t in (db.bundles, db.submissions)
            ]
    finally:
        state.storage.dispose()
    assert counts == [6, 6 * 40]


def test_serve_with_two_workers(tmp_path: Path, database_url: str) -> None:
    settings, pc = _setup(tmp_path / "host", database_url)
    proc = ServerProcess.serve(
        tmp_path / "serve.log",
        "--workers",
        "2",
        "--data",
        str(settings.data_dir),
        "--database-url",
        database_url,
    )
    headers = {**RunningServer.device_headers(pc), "Content-Type": "application/octet-stream"}
    try:
        proc.start()
        assert proc.proc is not None
        workers = psutil.Process(proc.proc.pid).children(recursive=True)
        assert len([w for w in workers if "python" in w.name().lower()]) >= 2
        prev = None
        for seq in range(1, 4):
            data = RunningServer.bundle_for(pc, seq, [fake_submission(seq)], prev_sha256=prev)
            r = requests.post(proc.url + "/v1/bundles", data=data, headers=headers, timeout=30)
            assert r.status_code == 200, r.text
            prev = r.json()["receipt"]["bundle_sha256"]
        assert requests.get(proc.url + "/readyz", timeout=5).status_code == 200
    finally:
        proc.stop()
    # `serve --log-level warning` holds in every worker: no access line per request
    assert '"hitl.access"' not in proc.tail() and "/v1/bundles" not in proc.tail()
