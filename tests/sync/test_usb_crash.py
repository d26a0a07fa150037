"""A drive pulled (or the power cut) mid-export and mid-push: the process is SIGKILLed at
random steps, half files are left; running again completes, nothing lost or doubled."""

from __future__ import annotations

import dataclasses
import json
import os
import random
import shutil
import signal
import subprocess
import sys
from pathlib import Path

from sync.bundle import bundle_sha256, read_manifest
from sync.outbox import Outbox
from sync.server import storage as db
from sync.usb.drive import Drive
from sync.usb.export import export_to_drive
from sync.usb.pcstate import exported_bundle_ids, pc_status
from sync.usb.push import push_drive
from sync.usb.receive import import_from_drive
from tests.sync.conftest import RunningServer
from tests.sync.usb_child import SMALL_BUNDLES
from tests.sync.usb_support import labeled_pcs, relay_of, server_count, server_uuids

ROOT = Path(__file__).resolve().parents[2]
SEED = int(os.environ.get("HITL_TEST_SEED", random.randrange(1 << 30)))
KILLS = int(os.environ.get("HITL_TEST_KILLS", 5))  # kill points per test (all: a big number)


def _kill_points(rng: random.Random, steps: int) -> list[int]:
    """Random steps in 1..steps-1 (an export of 3 bundles takes 48 steps, a push of 6 takes 86)."""
    return sorted(rng.sample(range(1, steps), min(KILLS, steps - 1)))


def _child(action: str, drive: Path, target: str, kill_at: int) -> int:
    proc = subprocess.run(
        [sys.executable, "-m", "tests.sync.usb_child", action, str(drive), target, str(kill_at)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode in (0, -signal.SIGKILL), proc.stderr
    return proc.returncode


def _check_drive_whole(drive: Path, *, swept: bool = True) -> None:
    """Every bundle and receipt under its final name on the drive is whole; after a run that
    completed, no temp file is left either."""
    d = Drive.open(drive)
    for f in d.bundles():
        m = read_manifest(f.path.read_bytes())
        assert (m["device_id"], m["seq"]) == (f.device_id, f.seq)
    for f in d.receipts():
        assert json.loads(f.path.read_text("utf-8"))["receipt"]["seq"] == f.seq
    if swept:
        assert not [p for p in d.top.rglob("*") if p.name.endswith(".tmp")]


def test_export_killed_at_random_steps_then_rerun(server: RunningServer, tmp_path: Path) -> None:
    info = server.create_project("Forest")
    (pc,), (uuids,) = labeled_pcs(server, info.id, tmp_path, 1, images=6)
    rng = random.Random(SEED)
    killed = 0
    drives = []
    for k in _kill_points(rng, 49):
        drive = tmp_path / f"stick{k}"
        drive.mkdir()
        drives.append(drive)
        killed += _child("export", drive, pc.path, k) != 0
        outbox = Outbox(pc, policy=SMALL_BUNDLES)
        result = export_to_drive(pc, drive, outbox=outbox)  # plugged in again: run again
        assert result.ok, f"seed {SEED}, step {k}"
        _check_drive_whole(drive)
        on_drive = {f.seq: bundle_sha256(f.path.read_bytes()) for f in Drive.open(drive).bundles()}
        assert on_drive == {b.seq: b.sha256 for b in outbox.undelivered()}, f"seed {SEED}"
        exported = exported_bundle_ids(pc)
        assert all(b.id in exported for b in outbox.undelivered())
    assert killed >= 3, f"seed {SEED}: the child was killed only {killed} times"
    assert len(Outbox(pc).bundles()) == 3  # 6 images, 2 per bundle: packed once, not twice
    relay = relay_of(server, info.id)
    for drive in drives:  # every drive carries the same bundles: stored once
        push_drive(drive, [relay])
        import_from_drive(pc, drive)
    assert pc_status(pc).records_pending == 0
    assert sorted(server_uuids(server)) == sorted(uuids)
    assert server_count(server, db.bundles) == 3
    pc.close()


def test_push_killed_at_random_steps_then_rerun(server: RunningServer, tmp_path: Path) -> None:
    info = server.create_project("Forest")
    relay = relay_of(server, info.id)
    relay_file = tmp_path / "relay.json"
    relay_file.write_text(json.dumps(dataclasses.asdict(relay)), "utf-8")
    pcs, work = labeled_pcs(server, info.id, tmp_path, 2, images=6)
    template = tmp_path / "template"
    template.mkdir()
    for pc in pcs:
        export_to_drive(pc, template, outbox=Outbox(pc, policy=SMALL_BUNDLES))
    assert len(Drive.open(template).bundles()) == 6
    rng = random.Random(SEED)
    killed = 0
    for k in _kill_points(rng, 87):
        drive = tmp_path / f"stick{k}"
        shutil.copytree(template, drive)
        killed += _child("push", drive, str(relay_file), k) != 0
        _check_drive_whole(drive, swept=False)
        again = push_drive(drive, [relay])  # plugged into the laptop again: run again
        assert not again.rejected, f"seed {SEED}, step {k}: {again.rejected}"
        _check_drive_whole(drive)
        d = Drive.open(drive)
        assert d.bundles() == [] and len(d.receipts()) == 6, f"seed {SEED}, step {k}"
        for s in d.statuses():
            assert s.receipts_waiting == [1, 2, 3]
    assert killed >= 3, f"seed {SEED}: the child was killed only {killed} times"
    for pc, uuids in zip(pcs, work, strict=True):
        imp = import_from_drive(pc, drive)
        assert sorted(imp.delivered) == [1, 2, 3] and imp.records_delivered == len(uuids)
        assert pc_status(pc).records_pending == 0
        pc.close()
    assert sorted(server_uuids(server)) == sorted(set().union(*work))
    assert server_count(server, db.bundles) == 6
