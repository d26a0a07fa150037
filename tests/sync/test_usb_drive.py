"""The drive folder: layout, atomic writes, never overwriting a different bundle, the index."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest

from sync.usb import files
from sync.usb.detect import DriveWatcher, find_drives
from sync.usb.drive import Drive
from sync.usb.errors import DriveError, DriveFullError
from sync.usb.layout import Layout, bundle_seq, is_id

P, D = "proj-1", "dev-a"


def test_open_needs_the_folder_unless_creating(tmp_path: Path) -> None:
    with pytest.raises(DriveError, match="no HITL folder"):
        Drive.open(tmp_path)
    with pytest.raises(DriveError, match="plugged in"):
        Drive.open(tmp_path / "gone")
    drive = Drive.open(tmp_path, create=True)
    assert (tmp_path / "HITL" / "README.txt").is_file()
    again = Drive.open(tmp_path)
    assert again.drive_id == drive.drive_id
    assert Drive.open(tmp_path / "HITL").drive_id == drive.drive_id  # the folder itself works


def test_bundle_written_once_and_never_overwritten(tmp_path: Path) -> None:
    drive = Drive.open(tmp_path, create=True)
    assert drive.put_bundle(P, D, 1, b"one") == "written"
    assert drive.put_bundle(P, D, 1, b"one") == "present"
    assert drive.put_bundle(P, D, 1, b"other") == "conflict"
    path = Layout.of(tmp_path).bundle(P, D, 1)
    assert path.read_bytes() == b"one"
    assert path.name == "00000001.hitlb"
    assert [b.seq for b in drive.bundles()] == [1]


def test_temp_and_stray_files_are_never_taken_as_bundles(tmp_path: Path) -> None:
    drive = Drive.open(tmp_path, create=True)
    drive.put_bundle(P, D, 2, b"two")
    folder = Layout.of(tmp_path).outgoing_dir(P, D)
    (folder / ".00000003.hitlb.1234abcd.tmp").write_bytes(b"half")
    (folder / "._00000004.hitlb").write_bytes(b"mac junk")
    (folder / "00000005.hitlb.tmp").write_bytes(b"half")
    (folder / "notes.txt").write_text("hello")
    assert [b.seq for b in drive.bundles()] == [2]
    assert bundle_seq("00000005.hitlb") == 5
    assert bundle_seq("5.hitlb") is None
    assert not is_id("..") and not is_id("a/b") and not is_id(".hidden") and is_id(P)


def test_a_failed_write_leaves_nothing_and_says_drive_full(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "f.bin"
    target.write_bytes(b"old")
    real_fsync = os.fsync

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(DriveFullError, match="drive is full"):
        files.write_atomic(target, b"new")
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["f.bin"]


def test_index_reports_each_pc_and_survives_damage(tmp_path: Path) -> None:
    drive = Drive.open(tmp_path, create=True)
    drive.put_bundle(P, D, 1, b"x")
    drive.put_bundle(P, D, 2, b"y")
    drive.put_receipt(P, "dev-b", 7, {"receipt": {}, "signature": ""})

    def note(index: dict) -> None:
        from sync.usb.index import device_entry

        e = device_entry(index, P, D)
        e["pc_name"] = "PC-3"
        e["last_export_at"] = "2026-11-25T09:00:00.000Z"
        e["rejected"]["3"] = {
            "kind": "signature",
            "message": "altered",
            "at": "2026-11-25T09:01:00.000Z",
        }

    drive.update_index(note)
    text = (tmp_path / "HITL" / "INDEX.txt").read_text("utf-8")
    assert "PC PC-3" in text and "2 bundles waiting to be pushed (1-2)" in text
    assert "REJECTED   bundle 3: signature: altered" in text
    assert "1 waiting for this PC to import (7)" in text
    by_dev = {s.device_id: s for s in drive.statuses()}
    assert by_dev[D].on_drive == [1, 2] and by_dev["dev-b"].receipts_waiting == [7]
    (tmp_path / "HITL" / "index.json").write_bytes(b"{garbage")
    assert {s.device_id for s in drive.statuses()} == {D, "dev-b"}  # files still tell
    drive.update_index(lambda i: None)
    assert json.loads((tmp_path / "HITL" / "index.json").read_text())["format"] == "hitl-usb-index"


def test_find_drives_on_mount_roots(tmp_path: Path) -> None:
    media = tmp_path / "media"
    (media / "alice" / "KINGSTON" / "HITL").mkdir(parents=True)
    (media / "alice" / "EMPTY").mkdir(parents=True)
    (tmp_path / "mnt" / "HITL").mkdir(parents=True)
    found = find_drives([media, tmp_path / "mnt", tmp_path / "missing"])
    assert found == [media / "alice" / "KINGSTON", tmp_path / "mnt"]


def test_watcher_notices_a_drive_arriving_and_leaving(tmp_path: Path) -> None:
    import queue

    seen: queue.Queue[list[Path]] = queue.Queue()
    (tmp_path / "alice").mkdir()
    watcher = DriveWatcher(seen.put, roots=[tmp_path])
    watcher.start()
    try:
        assert seen.get(timeout=5) == []
        (tmp_path / "alice" / "STICK").mkdir()
        (tmp_path / "alice" / "STICK" / "HITL").mkdir()
        assert _next_non_empty(seen) == [tmp_path / "alice" / "STICK"]
        (tmp_path / "alice" / "STICK" / "HITL").rmdir()
        assert seen.get(timeout=5) == []
    finally:
        watcher.stop()


def _next_non_empty(q: object) -> list[Path]:
    import time

    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        got = q.get(timeout=5)  # type: ignore[attr-defined]
        if got:
            return got
    raise AssertionError("no drive seen")


def test_mount_roots_can_be_set(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sync.usb.detect import mount_roots

    (tmp_path / "b" / "STICK" / "HITL").mkdir(parents=True)
    monkeypatch.setenv(
        "HITL_USB_ROOTS", os.pathsep.join([str(tmp_path / "a"), str(tmp_path / "b")])
    )
    assert mount_roots() == [tmp_path / "a", tmp_path / "b"]
    assert find_drives() == [tmp_path / "b" / "STICK"]
    monkeypatch.delenv("HITL_USB_ROOTS")
    assert tmp_path / "a" not in mount_roots()
