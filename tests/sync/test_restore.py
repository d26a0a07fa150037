"""A PC restored from a backup, with real processes: the server holds bundles the restored
copy knows nothing of, so the PC's next bundle is a conflict (409). `labeler sync` asks the
server what it holds, marks what it already has delivered, sends the rest in new bundles that
continue the server's chain, and `labeler doctor` says what happened. Nothing lost, nothing
stored twice."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select

from labeler.annotations import Shape
from labeler.project import Project
from sync.outbox import Outbox
from sync.server import storage as db
from tests.sync.conftest import RunningServer
from tests.sync.support import make_pc


def labeler(*args: str) -> subprocess.CompletedProcess[str]:
    """The `labeler` command in its own process, as a worker PC runs it."""
    return subprocess.run(
        [sys.executable, "-m", "labeler.cli", *args],
        env=os.environ.copy(),
        capture_output=True,
        text=True,
        timeout=120,
    )


def submit(path: Path, images: list[int]) -> list[str]:
    with Project.open(path) as pc:
        ids = [r.id for r in pc.queue.page()]
        return [
            pc.work.submit(ids[i], [Shape.box("tree", 1 + i, 1, 20, 20)], "asha").uuid
            for i in images
        ]


def server_records(server: RunningServer) -> list[str]:
    with server.storage.read() as conn:
        return list(conn.execute(select(db.submissions.c.uuid)).scalars())


def test_work_done_after_a_restore_is_delivered_once(server: RunningServer, tmp_path: Path) -> None:
    info = server.create_project()
    make_pc(tmp_path / "pc", server.enroll_device(info.id), 10).close()
    path = tmp_path / "pc" / "pc.hitl"
    bundles = tmp_path / "pc" / "pc.bundles"

    first = submit(path, [0, 1])
    assert labeler("sync", "-p", str(path)).returncode == 0  # bundle 1
    second = submit(path, [2, 3])
    backup = tmp_path / "backup"  # the centre's nightly copy: 2 delivered, 2 not yet sent
    backup.mkdir()
    shutil.copy2(path, backup / path.name)
    shutil.copytree(bundles, backup / bundles.name)
    assert labeler("sync", "-p", str(path)).returncode == 0  # bundle 2: the two above
    third = submit(path, [4])
    assert labeler("sync", "-p", str(path)).returncode == 0  # bundle 3
    assert sorted(server_records(server)) == sorted(first + second + third)

    # the disk dies; the PC is restored from the copy, which never heard of bundles 2 and 3
    path.unlink()
    shutil.rmtree(bundles)
    for extra in path.parent.glob(path.name + "-*"):
        extra.unlink()
    shutil.copy2(backup / path.name, path)
    shutil.copytree(backup / bundles.name, bundles)
    after = submit(path, [5, 6])  # and the worker goes on labeling

    done = labeler("sync", "-p", str(path))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "restored" in (done.stdout + done.stderr).lower()

    # every record once: the two the copy held unsent were not sent again
    stored = server_records(server)
    assert sorted(stored) == sorted(first + second + third + after)
    with server.storage.read() as conn:
        rows = conn.execute(
            select(db.bundles.c.seq, db.bundles.c.sha256, db.bundles.c.prev_sha256).order_by(
                db.bundles.c.seq
            )
        ).all()
        broken = conn.execute(select(db.alerts.c.kind)).scalars().all()
    assert [r.seq for r in rows] == [1, 2, 3, 4]  # the new bundle continues the chain
    assert rows[3].prev_sha256 == rows[2].sha256 and "chain_broken" not in broken
    with Project.open(path) as pc:
        counts = Outbox(pc).counts()
    assert counts.pending == 0 and counts.rejected == 0

    doctor = labeler("doctor", "-p", str(path))
    assert "restored" in doctor.stdout and "Nothing was lost or stored twice" in doctor.stdout
    assert "the server already held bundles 2–3" in doctor.stdout
    again = labeler("sync", "-p", str(path))
    assert again.returncode == 0 and sorted(server_records(server)) == sorted(stored)


def test_a_pc_stuck_on_a_refused_conflict_recovers_at_the_next_sync(
    server: RunningServer, tmp_path: Path
) -> None:
    """A PC that already marked its bundle refused as a conflict (an older version gave up
    there, exiting 1 at every sync) recovers on its next sync."""
    info = server.create_project()
    make_pc(tmp_path / "pc", server.enroll_device(info.id), 6).close()
    path = tmp_path / "pc" / "pc.hitl"
    bundles = tmp_path / "pc" / "pc.bundles"
    backup = tmp_path / "backup"
    backup.mkdir()
    shutil.copy2(path, backup / path.name)
    first = submit(path, [0])
    assert labeler("sync", "-p", str(path)).returncode == 0
    path.unlink()
    shutil.rmtree(bundles, ignore_errors=True)
    shutil.copy2(backup / path.name, path)
    mine = submit(path, [1, 2])
    with Project.open(path) as pc:  # what the old program left behind
        outbox = Outbox(pc)
        (b,) = outbox.pack()
        outbox.mark_rejected(b, "conflict", "bundle 1 was already received with other content")
    done = labeler("sync", "-p", str(path))
    assert done.returncode == 0, done.stdout + done.stderr
    assert sorted(server_records(server)) == sorted(first + mine)
