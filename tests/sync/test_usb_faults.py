"""Bad things on the drive: tampered, truncated and foreign bundles, forged receipts, a full
drive. Each is refused whole with a reason a person can read; the good work beside it goes."""

from __future__ import annotations

import contextlib
import errno
import json
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from labeler.cli import main as labeler_main
from sync.bundle import encode_bundle
from sync.outbox import Outbox
from sync.usb import files
from sync.usb.drive import Drive
from sync.usb.errors import DriveFullError
from sync.usb.export import export_to_drive
from sync.usb.layout import Layout
from sync.usb.pcstate import pc_status
from sync.usb.push import push_drive
from sync.usb.receive import import_from_drive
from tests.sync.conftest import RunningServer, fake_submission
from tests.sync.usb_support import labeled_pcs, relay_of, server_count, server_uuids


def _flip(path: Path, at: int) -> None:
    data = bytearray(path.read_bytes())
    data[at] ^= 0x01
    path.write_bytes(bytes(data))


def test_tampered_truncated_and_foreign_bundles_are_refused_whole(
    server: RunningServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    info = server.create_project("Forest")
    other = server.create_project("Roads")
    relay = relay_of(server, info.id)
    pcs, work = labeled_pcs(server, info.id, tmp_path, 3)
    drive = tmp_path / "stick"
    drive.mkdir()
    for pc in pcs:
        export_to_drive(pc, drive)
    layout = Layout.of(drive)
    ids = [Outbox(pc).identity.device_id for pc in pcs]
    tampered = layout.bundle(info.id, ids[0], 1)
    _flip(tampered, tampered.stat().st_size - 100)  # a byte of the payload
    truncated = layout.bundle(info.id, ids[1], 1)
    truncated.write_bytes(truncated.read_bytes()[:-50])
    # a device of another project slips its bundle into this project's folder
    stranger = server.enroll_device(other.id, "Elsewhere")
    foreign = server.bundle_for(stranger, 1, [fake_submission(i) for i in range(4)])
    files.write_atomic(layout.bundle(info.id, stranger["device_id"], 1), foreign)
    # and a bundle signed by a device the server never enrolled
    forged = encode_bundle(
        {"project_id": info.id, "device_id": "dev-forged", "seq": 1, "prev_sha256": None},
        [fake_submission(99)],
        [],
        b"k" * 32,
    )
    files.write_atomic(layout.bundle(info.id, "dev-forged", 1), forged)

    # and a huge stray file named like a bundle (never read into memory)
    layout.outgoing_dir(info.id, "dev-huge").mkdir()
    with open(layout.bundle(info.id, "dev-huge", 1), "wb") as big:
        big.truncate(17 * 1024 * 1024)

    pushed = push_drive(drive, [relay])
    assert [d for _p, d, _s in pushed.delivered] == [ids[2]]  # the good one went through
    kinds = {d: k for _p, d, _s, k, _w in pushed.rejected}
    assert kinds == {
        ids[0]: "checksum",
        ids[1]: "malformed",
        stranger["device_id"]: "wrong_project",
        "dev-forged": "unknown_device",
        "dev-huge": "too_large",
    }
    assert sorted(server_uuids(server)) == sorted(work[2])  # nothing of the bad ones stored
    assert Drive.open(drive).bundles() == []
    assert len(list((layout.top / "rejected").rglob("*.hitlb"))) == 5
    index_text = (layout.top / "INDEX.txt").read_text("utf-8")
    assert "REJECTED   bundle 1: checksum: the bundle payload does not match" in index_text
    assert "REJECTED   bundle 1: malformed: the bundle is" in index_text
    assert labeler_main(["usb", "status", str(drive)]) == 0
    assert "REJECTED" in capsys.readouterr().out

    # the PCs whose copies were damaged on the drive still hold good bundles: they are not
    # marked refused, export them again, and the next push delivers them
    for pc in pcs[:2]:
        imp = import_from_drive(pc, drive)
        assert imp.rejected == {} and pc_status(pc).bundles_rejected == {}
        assert export_to_drive(pc, drive).written == [1]
    again = push_drive(drive, [relay])
    assert len(again.delivered) == 2 and not again.rejected
    for pc in pcs:
        import_from_drive(pc, drive)
        assert pc_status(pc).records_pending == 0
    assert sorted(server_uuids(server)) == sorted(set().union(*work))
    statuses = {s.device_id: s for s in Drive.open(drive).statuses()}
    assert statuses[ids[0]].rejected == {}  # cleared once the good copy was delivered
    assert statuses["dev-forged"].rejected[1]["kind"] == "unknown_device"
    for pc in pcs:
        pc.close()


def test_bundles_of_a_project_without_credentials_stay_on_the_drive(
    server: RunningServer, tmp_path: Path
) -> None:
    forest, roads = server.create_project("Forest"), server.create_project("Roads")
    (a,), _ = labeled_pcs(server, forest.id, tmp_path / "a", 1, images=2)
    (b,), _ = labeled_pcs(server, roads.id, tmp_path / "b", 1, images=2)
    drive = tmp_path / "stick"
    drive.mkdir()
    export_to_drive(a, drive)
    export_to_drive(b, drive)
    pushed = push_drive(drive, [relay_of(server, forest.id)])
    assert len(pushed.delivered) == 1 and pushed.skipped == {roads.id: 1}
    assert [f.project_id for f in Drive.open(drive).bundles()] == [roads.id]
    pushed = push_drive(drive, [relay_of(server, forest.id), relay_of(server, roads.id)])
    assert len(pushed.delivered) == 1 and server_count(server) == 4
    a.close()
    b.close()


def test_forged_or_damaged_receipts_change_nothing(server: RunningServer, tmp_path: Path) -> None:
    info = server.create_project("Forest")
    (pc,), _ = labeled_pcs(server, info.id, tmp_path, 1, images=3)
    drive = tmp_path / "stick"
    drive.mkdir()
    export_to_drive(pc, drive)
    push_drive(drive, [relay_of(server, info.id)])
    ident = Outbox(pc).identity
    path = Layout.of(drive).receipt(info.id, ident.device_id, 1)
    good = path.read_bytes()
    doc = json.loads(good)
    doc["receipt"]["accepted"] = doc["receipt"]["accepted"][:1]  # claims less, same signature
    path.write_text(json.dumps(doc), "utf-8")
    imp = import_from_drive(pc, drive)
    assert imp.delivered == [] and "not signed" in imp.refused[1] and path.exists()
    path.write_bytes(good[: len(good) // 2])  # drive pulled while a receipt was copied
    imp = import_from_drive(pc, drive)
    assert "damaged" in imp.refused[1] and pc_status(pc).records_delivered == 0
    # exporting again carries the bundle again; the next push restores the receipt
    assert export_to_drive(pc, drive).written == [1]
    push_drive(drive, [relay_of(server, info.id)])
    assert import_from_drive(pc, drive).delivered == [1]
    assert pc_status(pc).records_pending == 0 and server_count(server) == 3
    pc.close()


@contextlib.contextmanager
def _small_drive(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[], None]]:
    """A full drive; yields the function that frees it. A real 64 KiB tmpfs filled up when
    this user may mount one; else writes fail with ENOSPC (after writing half the bytes) at
    the one function that writes files (CI runners are not root)."""
    folder.mkdir()
    try:
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)],
            check=True,
            capture_output=True,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        real = files.write_and_sync
        full = [False]

        def write(path: Path, data: bytes) -> None:
            if full[0]:
                real(path, data[: len(data) // 2])  # part of it lands, then the drive is full
                raise OSError(errno.ENOSPC, "No space left on device")
            real(path, data)

        monkeypatch.setattr(files, "write_and_sync", write)
        Drive.open(folder, create=True)
        full[0] = True
        yield lambda: full.__setitem__(0, False)
        return
    try:
        Drive.open(folder, create=True)
        # take every free block
        with open(folder / "filler", "wb", buffering=0) as f, contextlib.suppress(OSError):
            while f.write(b"\0" * 1024):
                pass
        yield (folder / "filler").unlink
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False, capture_output=True)


def test_a_full_drive_says_so_and_marks_nothing_exported(
    server: RunningServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    info = server.create_project("Forest")
    (pc,), _ = labeled_pcs(server, info.id, tmp_path, 1, images=20)
    drive = tmp_path / "stick"
    with _small_drive(drive, monkeypatch) as free_space:
        with pytest.raises(DriveFullError, match="drive is full") as err:
            export_to_drive(pc, drive)
        assert "free some space" in str(err.value)
        st = pc_status(pc)
        assert st.bundles_exported == [] and st.bundles_pending == [1]
        assert Outbox(pc).bundles()[0].state == "pending"
        outgoing = list((drive / "HITL").rglob("*.hitlb")) + list((drive / "HITL").rglob("*.tmp"))
        assert outgoing == []  # no half file left behind
        free_space()
        assert export_to_drive(pc, drive).written == [1]
        assert pc_status(pc).bundles_exported == [1]
    pc.close()


def test_cli_reports_a_full_drive_in_one_line(
    server: RunningServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    info = server.create_project("Forest")
    (pc,), _ = labeled_pcs(server, info.id, tmp_path, 1, images=4)
    path = pc.path
    pc.close()

    def full(p: Path, data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    drive = tmp_path / "stick"
    drive.mkdir()
    Drive.open(drive, create=True)
    monkeypatch.setattr(files, "write_and_sync", full)
    assert labeler_main(["usb", "export", str(drive), "-p", path]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "the drive is full" in err and err.count("\n") == 1


def test_a_pc_sees_why_its_own_bundle_was_refused(server: RunningServer, tmp_path: Path) -> None:
    info = server.create_project("Forest")
    (pc,), _ = labeled_pcs(server, info.id, tmp_path, 1, images=2)
    drive = tmp_path / "stick"
    drive.mkdir()
    export_to_drive(pc, drive)
    server.registry.revoke_device(Outbox(pc).identity.device_id)
    pushed = push_drive(drive, [relay_of(server, info.id)])
    assert [r[3] for r in pushed.rejected] == ["revoked_device"]
    imp = import_from_drive(pc, drive)
    assert imp.rejected[1].startswith("revoked_device: ")
    assert "refused 1 bundles" in imp.summary()
    # the index is not signed: it reports, it does not change the PC's delivery state
    assert Outbox(pc).bundles()[0].state == "sent" and pc_status(pc).records_pending == 2
    pc.close()


def test_a_busy_server_is_waited_for_and_every_bundle_still_goes(tmp_path: Path) -> None:
    """503 + Retry-After (backpressure) during a push: the relay waits its turn, as PCs do,
    instead of using up its attempts and leaving the bundles on the drive as failed."""
    from sync.client import RetryPolicy
    from tests.sync.server.held import hold_upload, wait_until

    server = RunningServer(tmp_path / "server-data", max_uploads=1)
    server.start()
    try:
        info = server.create_project()
        relay = relay_of(server, info.id)
        pcs, work = labeled_pcs(server, info.id, tmp_path, 2)
        drive = tmp_path / "stick"
        drive.mkdir()
        for pc in pcs:
            export_to_drive(pc, drive)
        held = hold_upload(server.port, "Bearer " + relay.token)
        busy_lines: list[str] = []

        def progress(_done: int, _total: int, text: str) -> None:
            if text.startswith("server busy"):
                busy_lines.append(text)
                held.close()  # the stalled upload gives up: room for the relay

        try:
            wait_until(lambda: server.app.state.gate.in_flight == 1)
            # attempts for a reset link only: a refusal answered before the body is read can reach a
            # client still sending as a reset; a busy answer must use none of them
            retry = RetryPolicy(attempts=4, base_s=0.05, cap_s=0.2)
            pushed = push_drive(drive, [relay], progress=progress, retry=retry)
        finally:
            held.close()
        assert busy_lines and "again in" in busy_lines[0]
        assert not pushed.failed and len(pushed.delivered) == 2
        assert sorted(server_uuids(server)) == sorted(set().union(*work))
        for pc in pcs:
            pc.close()
    finally:
        server.close()
