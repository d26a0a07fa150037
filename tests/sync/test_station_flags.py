"""Workers' flags reach the supervisor: a flag on the PC travels in its bundles (by drive and
by network), the server stores it (and refuses a malformed one alone), the station keeps it,
and every flagged image is in the review queue with the worker's note — beside her work, or
alone when she has not labeled it; deciding it alone sends the image back or settles it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from labeler import cli
from labeler.annotations import Shape
from labeler.quality import worker_side
from labeler.quality.records import Flag, RecordError
from labeler.quality.station import Station
from labeler.store import new_uuid, now
from sync.bundle import encode_bundle, read_bundle_unverified
from sync.client import SyncClient
from sync.outbox import Outbox
from sync.server import quality
from sync.server import storage as db
from sync.station.collect import collect_from_drive
from sync.station.messages import make_messages
from sync.station.network import collect_from_server
from sync.station.transfer import send_to_drive
from sync.usb.export import export_to_drive
from sync.usb.push import push_drive
from sync.usb.receive import import_from_drive
from tests.sync.conftest import RunningServer
from tests.sync.support import image_ids
from tests.sync.usb_support import relay_of


def test_flags_travel_by_drive_to_the_queue_and_the_server(
    server: RunningServer, centre, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    info, asha_pc, station_pc = centre
    i0, i1, i2, _i3 = image_ids(asha_pc)
    labeled = asha_pc.work.submit(i0, [Shape.box("tree", 2, 2, 30, 40)], "asha")
    asha_pc.work.flag(i0, "is this a tree or a bush?", "asha")  # flagged after labeling
    asha_pc.work.flag(i1, "too dark to see anything", "asha")  # flagged, not labeled
    asha_pc.work.propose(i2, "bamboo", "none of the labels fit", "asha")  # a proposal flags too
    drive = tmp_path / "drive"
    drive.mkdir()
    export_to_drive(asha_pc, drive)
    bundle = next((drive / "HITL" / "outgoing").rglob("*.hitlb"))
    carried = read_bundle_unverified(bundle.read_bytes())
    assert len(carried.quality["flag"]) == 3 and carried.manifest["payload"]["counts"]["flag"] == 3

    station = Station(station_pc)
    collect_from_drive(station_pc, drive)
    assert collect_from_drive(station_pc, drive).bundles_new == 0  # kept once
    queue = station.queue("Meena")
    flagged = {q.image_path: q for q in queue if q.origin == "flagged"}
    assert len(flagged) == 3  # every flagged image, labeled or not
    with_work = next(q for q in flagged.values() if not q.flag_only)
    assert with_work.uuid == labeled.uuid
    assert with_work.flags[0]["note"] == "is this a tree or a bush?"
    alone = sorted((q for q in flagged.values() if q.flag_only), key=lambda q: q.image_path)
    notes = {q.flags[0]["note"] for q in alone}
    assert notes == {"too dark to see anything", "bamboo: none of the labels fit"}
    assert queue[: len(flagged)] == sorted(queue[: len(flagged)], key=lambda q: q.origin)
    assert all(q.worker == "asha" for q in alone)
    assert not [q for q in station.queue("asha") if q.worker == "asha"]  # never her own

    # decide: the labeled one accepted; a flag alone cannot be corrected; one sent back
    station.decide(with_work.uuid, "Meena", "accept", origin="flagged")
    dark = next(q for q in alone if "dark" in q.flags[0]["note"])
    with pytest.raises(Exception, match="nothing to correct"):
        station.decide(dark.uuid, "Meena", "correct", shapes=[])
    back = station.decide(dark.uuid, "Meena", "reject", reason="other", note="use the flash")
    assert back.revision == 0 and back.submission_uuid == dark.uuid
    left = [q for q in station.queue("Meena") if q.origin == "flagged"]
    assert [q.flags[0]["note"] for q in left] == ["bamboo: none of the labels fit"]

    # the rejected flag goes back to Asha's PC: the image is on her list with the reason
    send_to_drive(station_pc, drive)
    assert SyncClient(asha_pc).fetch_updates() is True  # the pack that lists the station
    got = import_from_drive(asha_pc, drive)
    assert got.station is not None and got.station.rework == 1
    row = asha_pc.store.query("SELECT status, status_note FROM images WHERE id = ?", (i1,))[0]
    assert row["status"] == "todo" and "other" in row["status_note"]

    # the server stores the flags (and the station's reviews of them) once
    export_to_drive(station_pc, drive)
    pushed = push_drive(drive, [relay_of(server, info.id)])
    assert not pushed.rejected
    for pc in (asha_pc, station_pc):
        import_from_drive(pc, drive)
        assert Outbox(pc).counts().pending == 0
    with server.storage.read() as conn:
        stored = conn.execute(select(db.flags.c.note, db.flags.c.worker)).all()
        reviews = conn.execute(select(db.reviews.c.submission_uuid)).scalars().all()
    assert sorted(n for n, _w in stored) == sorted([*notes, "is this a tree or a bush?"])
    assert dark.uuid in reviews


def test_a_flag_travels_by_network_too(server: RunningServer, centre, capsys) -> None:  # type: ignore[no-untyped-def]
    _info, asha_pc, station_pc = centre
    asha_pc.work.flag(image_ids(asha_pc)[0], "blurred", "asha")
    SyncClient(asha_pc).sync_once()
    assert Outbox(asha_pc).counts().pending == 0
    client = SyncClient(station_pc)
    collect_from_server(station_pc, client.http)
    station = Station(station_pc)
    (item,) = station.queue("Meena")
    assert item.flag_only and item.flags[0]["note"] == "blurred"
    assert cli.main(["station", "queue", "-p", str(station_pc.path), "--reviewer", "Meena"]) == 0
    listed = capsys.readouterr().out
    assert item.uuid in listed and "flagged" in listed and "(blurred)" in listed
    station.decide(item.uuid, "Meena", "reject", reason="not_labelable")
    make_messages(station_pc, station)
    client.sync_once()
    SyncClient(asha_pc).sync_once()
    sha = item.image_sha256
    assert worker_side.open_rework(asha_pc, sha).reason == "not_labelable"


def test_a_malformed_flag_is_refused_alone_and_old_bundles_stay_valid() -> None:
    good = Flag(
        uuid=new_uuid(), image_sha256="a" * 64, image_path="x.jpg", note="look", worker="asha",
        device_id="pc", flagged_at=now(),
    ).to_dict()  # fmt: skip
    bad = {**good, "uuid": new_uuid(), "note": ""}
    rows, rejected = quality.prepare({"flag": [good, bad]}, "dev-any", is_supervisor=False)
    assert [r.uuid for r in rows] == [good["uuid"]]
    assert rejected[0]["uuid"] == bad["uuid"] and "note" in rejected[0]["reason"]
    with pytest.raises(RecordError):
        Flag.from_dict({**good, "image_sha256": "zz"})
    # a bundle without flags has no such key or count (byte for byte as before)
    data = encode_bundle({"project_id": "p", "device_id": "d", "seq": 1}, [], [], b"k" * 32)
    payload = read_bundle_unverified(data)
    assert "flag" not in payload.manifest["payload"]["counts"] and payload.quality == {}
    assert json.loads(json.dumps(payload.manifest))["payload"]["counts"] == {
        "submission": 0,
        "proposal": 0,
    }


def test_the_server_stores_good_flags_and_refuses_a_bad_one_alone_over_http(
    server: RunningServer,
) -> None:
    from sync.bundle import decode_secret
    from tests.sync.conftest import fake_submission

    project = server.create_project()
    pc = server.enroll_device(project.id, "Village A")
    flag = Flag(
        uuid=new_uuid(), image_sha256=f"{1:064x}", image_path="images/img_00001.jpg",
        note="nothing to see, only fog", worker="asha", device_id="local-pc", flagged_at=now(),
    ).to_dict()  # fmt: skip
    bad = {**flag, "uuid": new_uuid(), "flagged_at": "yesterday"}
    sub = fake_submission(2)
    data = encode_bundle(
        {"project_id": project.id, "device_id": pc["device_id"], "seq": 1, "prev_sha256": None},
        [sub],
        [],
        decode_secret(pc["device_secret"]),
        quality={"flag": [flag, bad]},
    )
    resp = server.upload(data, server.device_headers(pc))
    assert resp.status_code == 200, resp.text
    receipt = resp.json()["receipt"]
    assert sorted(receipt["accepted"]) == sorted([sub["uuid"], flag["uuid"]])
    assert [r["uuid"] for r in receipt["rejected"]] == [bad["uuid"]]
    assert "flagged_at" in receipt["rejected"][0]["reason"]
    again = server.upload(data, server.device_headers(pc)).json()["receipt"]
    assert again == receipt  # the same bytes: the same receipt, nothing stored twice
    with server.storage.read() as conn:
        rows = conn.execute(select(db.flags.c.uuid, db.flags.c.device_id, db.flags.c.note)).all()
    assert [tuple(r) for r in rows] == [(flag["uuid"], pc["device_id"], flag["note"])]
