"""The hostile corpus through a USB folder, pushed to a real server: each bad bundle refused
whole with its kind, each bad record alone, the good work beside them delivered; and a bundle
the server fails on stays on the drive without holding back any other."""

from __future__ import annotations

import json
from pathlib import Path

import requests
from sqlalchemy import select

from labeler.cli import main as labeler_main
from labeler.exports import FORMATS
from sync.bundle import bundle_sha256
from sync.outbox import Outbox
from sync.server import storage as db
from sync.usb import files
from sync.usb.drive import Drive
from sync.usb.export import export_to_drive
from sync.usb.layout import Layout
from sync.usb.pcstate import pc_status
from sync.usb.push import push_drive
from sync.usb.receive import import_from_drive
from tests.sync.conftest import RunningServer, fake_submission
from tests.sync.hostile import BUNDLE_CASES, RECORD_CASES, signed_bundle
from tests.sync.usb_support import labeled_pcs, relay_of, server_uuids

KINDS = "boxes+polygons+polylines+points+multilabel"


def test_the_hostile_corpus_through_a_drive(server: RunningServer, tmp_path: Path) -> None:
    info = server.create_project("Forest", kind=KINDS)
    relay = relay_of(server, info.id)
    pcs, work = labeled_pcs(server, info.id, tmp_path, 1)
    drive = tmp_path / "stick"
    drive.mkdir()
    export_to_drive(pcs[0], drive)
    layout = Layout.of(drive)
    expected: dict[str, str] = {}
    for case in BUNDLE_CASES:  # each from its own enrolled device, put where seq 1 goes
        dev = server.enroll_device(info.id, case.name)
        files.write_atomic(layout.bundle(info.id, dev["device_id"], 1), case.make(dev))
        expected[dev["device_id"]] = case.kind
    records_dev = server.enroll_device(info.id, "records")
    good = [fake_submission(5000 + i) for i in range(2)]
    payload = {
        "submissions": [
            *good,
            *(c.record(i) for i, c in enumerate(RECORD_CASES) if not c.proposal),
        ],
        "proposals": [c.record(i) for i, c in enumerate(RECORD_CASES) if c.proposal],
    }
    files.write_atomic(
        layout.bundle(info.id, records_dev["device_id"], 1), signed_bundle(records_dev, 1, payload)
    )

    pushed = push_drive(drive, [relay])

    assert {d: k for _p, d, _s, k, _w in pushed.rejected} == expected
    delivered = {d for _p, d, _s in pushed.delivered}
    assert delivered == {Outbox(pcs[0]).identity.device_id, records_dev["device_id"]}
    receipt = json.loads(layout.receipt(info.id, records_dev["device_id"], 1).read_text("utf-8"))
    assert len(receipt["receipt"]["rejected"]) == len(RECORD_CASES)
    assert sorted(server_uuids(server)) == sorted(work[0] | {s["uuid"] for s in good})
    for fmt in FORMATS:
        r = requests.get(
            server.url + "/v1/export", params={"format": fmt}, headers=server.admin_headers,
            timeout=60,
        )  # fmt: skip
        assert r.status_code == 200, (fmt, r.text[:200])
    assert import_from_drive(pcs[0], drive) and pc_status(pcs[0]).records_pending == 0
    pcs[0].close()


def test_a_bundle_the_server_fails_on_stays_and_the_others_go(
    server: RunningServer, tmp_path: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    """Issue 9 item 3: one bundle answered 500 used to stop the push, so another PC's good
    bundle on the same drive never went. Now it is reported and left; the rest go."""
    info = server.create_project("Forest")
    relay = relay_of(server, info.id)
    pcs, work = labeled_pcs(server, info.id, tmp_path, 2)
    drive = tmp_path / "stick"
    drive.mkdir()
    for pc in pcs:
        export_to_drive(pc, drive)
    layout = Layout.of(drive)
    first = Outbox(pcs[0]).identity.device_id
    poisoned = bundle_sha256(layout.bundle(info.id, first, 1).read_bytes())
    real_ingest = server.state.ingest.ingest

    def failing(data: bytes, caller):  # type: ignore[no-untyped-def]
        if bundle_sha256(data) == poisoned:
            raise RuntimeError("the database disk is failing")  # a fault inside the server
        return real_ingest(data, caller)

    server.state.ingest.ingest = failing  # type: ignore[method-assign]
    relay_file = tmp_path / "supervisor.hitl-relay"
    relay_file.write_text(
        json.dumps(
            {
                "format": "hitl-relay",
                "version": 1,
                "server_url": relay.server_url,
                "project_id": relay.project_id,
                "relay_id": relay.token.split(".")[0],
                "token": relay.token,
                "server_public_key": relay.server_public_key,
            }
        ),
        encoding="utf-8",
    )
    assert labeler_main(["usb", "push", str(drive), "--relay", str(relay_file)]) == 1
    out = capsys.readouterr().out
    assert f"not sent  project {info.id} device {first} bundle 1 (stays on the drive)" in out
    assert "500" in out and "Traceback" not in out
    assert layout.bundle(info.id, first, 1).is_file()  # left where it was, not "rejected"
    assert sorted(server_uuids(server)) == sorted(work[1])  # the other PC's work arrived
    status = {s.device_id: s for s in Drive.open(drive).statuses()}[first]
    assert 1 in status.failed and status.rejected == {}
    assert "NOT SENT   bundle 1" in (layout.top / "INDEX.txt").read_text("utf-8")

    server.state.ingest.ingest = real_ingest  # type: ignore[method-assign]
    again = push_drive(drive, [relay])
    assert [d for _p, d, _s in again.delivered] == [first] and not again.failed
    assert sorted(server_uuids(server)) == sorted(work[0] | work[1])
    assert {s.device_id: s for s in Drive.open(drive).statuses()}[first].failed == {}
    for pc in pcs:
        import_from_drive(pc, drive)
        assert pc_status(pc).records_pending == 0
        pc.close()
    with server.storage.read() as conn:
        assert conn.execute(select(db.bundles.c.seq)).scalars().all() == [1, 1]
