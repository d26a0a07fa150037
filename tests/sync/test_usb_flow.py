"""The whole USB path against a real server: PCs export, a connected machine pushes, PCs import."""

from __future__ import annotations

import json
from pathlib import Path

from labeler import taxonomy
from labeler.cli import main as labeler_main
from sync.client import SyncClient
from sync.outbox import Outbox
from sync.server import storage as db
from sync.usb.drive import Drive
from sync.usb.export import export_to_drive
from sync.usb.pcstate import pc_status
from sync.usb.push import push_drive
from sync.usb.receive import import_from_drive
from tests.conftest import TAXONOMY_TEXT
from tests.sync.conftest import RunningServer
from tests.sync.usb_support import labeled_pcs, relay_of, server_count, server_uuids


def test_three_pcs_one_drive_pushed_from_a_fourth_machine(
    server: RunningServer, tmp_path: Path
) -> None:
    info = server.create_project("Forest")
    relay = relay_of(server, info.id)
    pcs, work = labeled_pcs(server, info.id, tmp_path, 3)
    drive = tmp_path / "stick"
    drive.mkdir()

    for pc in pcs:
        r = export_to_drive(pc, drive)
        assert r.ok and len(r.written) == 1 and r.records == 6
        again = export_to_drive(pc, drive)  # nothing duplicated
        assert again.written == [] and again.present == r.written
        assert pc_status(pc).bundles_exported == [1]
    assert len(Drive.open(drive).bundles()) == 3
    text = (drive / "HITL" / "INDEX.txt").read_text("utf-8")
    assert text.count("1 bundle waiting to be pushed") == 3

    pushed = push_drive(drive, [relay])
    assert len(pushed.delivered) == 3 and pushed.records_accepted == 18 and not pushed.rejected
    assert Drive.open(drive).bundles() == []  # carried: only receipts remain
    assert len(Drive.open(drive).receipts()) == 3
    assert (drive / "HITL" / "packs" / info.id / "pack.json").is_file()
    assert sorted(server_uuids(server)) == sorted(set().union(*work))

    for pc, uuids in zip(pcs, work, strict=True):
        imp = import_from_drive(pc, drive)
        assert imp.delivered == [1] and imp.records_delivered == len(uuids) and not imp.refused
        st = pc_status(pc)
        assert st.records_pending == 0 and st.records_delivered == 6 and st.bundles_delivered == 1
        assert st.bundles_exported == [] and st.last_import_at
    assert Drive.open(drive).receipts() == []
    statuses = Drive.open(drive).statuses()
    assert [s.delivered_bundles for s in statuses] == [1, 1, 1]
    assert all(s.last_export_at and s.last_push_at and s.last_import_at for s in statuses)
    assert server_count(server) == 18 and server_count(server, db.bundles) == 3

    # a second round: a push with nothing on the drive and imports change nothing
    assert push_drive(drive, [relay]).delivered == []
    assert import_from_drive(pcs[0], drive).delivered == []
    for pc in pcs:
        pc.close()


def test_network_and_drive_carry_the_same_bundle_stored_once(
    server: RunningServer, tmp_path: Path
) -> None:
    info = server.create_project("Forest")
    relay = relay_of(server, info.id)
    (pc,), (uuids,) = labeled_pcs(server, info.id, tmp_path, 1, images=8)
    drive = tmp_path / "stick"
    drive.mkdir()
    export_to_drive(pc, drive)
    client = SyncClient(pc)
    try:
        client.sync_once()  # the network delivers it first
    finally:
        client.close()
    assert pc_status(pc).records_pending == 0
    pushed = push_drive(drive, [relay])  # then the drive arrives with the same bytes
    assert len(pushed.delivered) == 1 and not pushed.rejected  # the same receipt comes back
    assert sorted(server_uuids(server)) == sorted(uuids)
    assert server_count(server, db.bundles) == 1
    imp = import_from_drive(pc, drive)  # the same receipt again: nothing changes
    assert imp.already == [1] and imp.delivered == []
    assert Outbox(pc).counts().delivered == 8
    pc.close()


def test_newer_project_pack_reaches_the_pc_by_drive(server: RunningServer, tmp_path: Path) -> None:
    info = server.create_project("Forest")
    relay = relay_of(server, info.id)
    (pc,), _ = labeled_pcs(server, info.id, tmp_path, 1, images=2)
    drive = tmp_path / "stick"
    drive.mkdir()
    export_to_drive(pc, drive)
    newer = taxonomy.parse(TAXONOMY_TEXT + "goat    | Goat    | बकरी   |         | 4   |\n")
    server.registry.update_taxonomy(info.id, newer)
    push_drive(drive, [relay])
    imp = import_from_drive(pc, drive)
    assert imp.taxonomy == "updated to server version 2"
    assert pc.taxonomy.get("goat") is not None
    assert import_from_drive(pc, drive).taxonomy is None  # already current
    pc.close()


def test_cli_export_push_import_status(
    server: RunningServer, tmp_path: Path, capsys: object
) -> None:
    info = server.create_project("Forest")
    relay_doc = server.enroll_relay(info.id)
    relay_file = tmp_path / "super.hitl-relay"
    relay_file.write_text(json.dumps(relay_doc), "utf-8")
    (pc,), _ = labeled_pcs(server, info.id, tmp_path, 1, images=3)
    path = pc.path
    pc.close()
    drive = tmp_path / "stick"
    drive.mkdir()
    assert labeler_main(["usb", "export", str(drive), "-p", path]) == 0
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    assert "exported 1 bundles" in out
    assert labeler_main(["usb", "status", str(drive), "-p", path]) == 0
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    assert "1 bundle waiting to be pushed" in out and "1 exported" in out
    assert labeler_main(["usb", "push", str(drive), "--relay", str(relay_file), "--save"]) == 0
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    assert "pushed 1 bundles" in out and "holds their 3 records" in out
    assert labeler_main(["status", "-p", path]) == 0
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    assert "usb       1 bundles on a drive waiting for receipts" in out
    assert labeler_main(["usb", "import", str(drive), "-p", path]) == 0
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    assert "3 records delivered" in out
    # the saved relay file lets a later push run without naming it
    assert labeler_main(["usb", "push", str(drive)]) == 0
    assert labeler_main(["usb", "status", str(drive), "--json"]) == 0
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    rows = json.loads(out[out.index("[") :])
    assert rows[0]["delivered_bundles"] == 1
