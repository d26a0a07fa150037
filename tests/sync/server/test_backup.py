"""Backup and restore with real processes: a restored server takes the PCs' next bundles."""

from __future__ import annotations

import json
import stat
import subprocess
import sys
from pathlib import Path

from labeler import taxonomy
from labeler.annotations import Shape
from sync.client import SyncClient
from sync.identity import META_SERVER_URL
from sync.outbox import Outbox
from sync.server import reports
from sync.server.bootstrap import initialise, open_state
from sync.server.config import Settings
from tests.sync.conftest import drop_database, fresh_database
from tests.sync.server.processes import ROOT, ServerProcess
from tests.sync.support import make_pc


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sync.server.cli", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _label(pc, first: int, last: int) -> None:  # type: ignore[no-untyped-def]
    ids = [r["id"] for r in pc.store.query("SELECT id FROM images ORDER BY seq")]
    for image_id in ids[first:last]:
        pc.work.submit(image_id, [Shape.box("tree", 2, 3, 30, 40)], "asha")


def test_a_restored_server_accepts_the_pcs_next_bundles(
    tmp_path: Path, backend: str, database_url: str
) -> None:
    old = Settings(data_dir=tmp_path / "old", database_url=database_url)
    initialise(old)
    state = open_state(old)
    project = state.registry.create_project("Forest", taxonomy.parse("tree | Tree\n"), "boxes")
    state.storage.dispose()
    db_args = ["--database-url", database_url]
    first = ServerProcess.serve(tmp_path / "old.log", "--data", str(old.data_dir), *db_args)
    first.start()
    try:
        state = open_state(old)
        enrollment = state.registry.enroll_device(project.id, "Village A", first.url)
        state.storage.dispose()
        pc = make_pc(tmp_path / "pc", enrollment, 6)
        _label(pc, 0, 3)
        assert SyncClient(pc).sync_once().delivered_bundles == 1
        made = _cli(
            "backup", "--out", str(tmp_path / "backups"), "--data", str(old.data_dir), *db_args
        )
        assert made.returncode == 0, made.stderr
    finally:
        first.stop()
    (folder,) = (tmp_path / "backups").iterdir()
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["backend"] == backend
    assert stat.S_IMODE((folder / "master.key").stat().st_mode) == 0o600

    # the old server is gone; an empty one (new data folder, new empty database) gets it back
    fresh = fresh_database() if backend == "postgresql" else None
    new_url = fresh[1] if fresh else f"sqlite:///{tmp_path / 'new' / 'server.db'}"
    new_args = ["--data", str(tmp_path / "new"), "--database-url", new_url]
    try:
        again = _cli("restore", str(folder), *new_args)
        assert again.returncode == 0, again.stderr
        assert manifest["server_public_key"] in again.stdout
        assert _cli("restore", str(folder), *new_args).returncode == 2  # not into a used one
        second = ServerProcess.serve(tmp_path / "new.log", *new_args)
        second.start()
        try:
            pc.store.set_meta(META_SERVER_URL, second.url)  # the name now points at it
            _label(pc, 3, 6)
            client = SyncClient(pc)
            assert client.sync_once().delivered_bundles == 1  # bundle 2 continues the chain
            counts = Outbox(pc).counts()
            assert (counts.delivered, counts.pending, counts.rejected) == (6, 0, 0)
            client.close()
        finally:
            second.stop()
        restored = open_state(Settings(data_dir=tmp_path / "new", database_url=new_url))
        try:
            seq = reports.sequence(restored.storage, enrollment["device_id"])
            assert (seq["highest_contiguous"], seq["chain_broken"]) == (2, [])
            assert reports.count_submissions(restored.storage) == 6
        finally:
            restored.storage.dispose()
    finally:
        pc.close()
        if fresh:
            drop_database(*fresh)
