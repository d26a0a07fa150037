"""Gold answers a supervisor station imports itself leave it sealed (PROTOCOL.md, "Quality
records in bundles"): after the station writes its bundles to a drive, no answer is on the
drive in the clear (files searched byte-wise, bundles decompressed too), the server opens,
stores and uses them as before, a station without the gold key keeps them back and says so,
and a sealed record that does not open is refused alone with its reason. Real server (SQLite
and PostgreSQL), real project files, a real folder as the drive."""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path

import pytest
from sqlalchemy import select

from labeler import cli
from labeler.annotations import Shape
from labeler.project import Project
from labeler.quality.records import GoldAnswer
from labeler.quality.station import Station
from labeler.store import new_uuid, now
from sync import gold_seal
from sync.bundle import decode_secret, encode_bundle, read_bundle_unverified
from sync.client import SyncClient
from sync.outbox import Outbox
from sync.server import quality, reports
from sync.server import storage as db
from sync.station.collect import collect_from_drive
from sync.station.keys import _path as key_path
from sync.station.transfer import send_to_drive
from sync.usb.export import export_to_drive
from sync.usb.push import push_drive
from sync.usb.receive import import_from_drive
from tests.sync.conftest import RunningServer
from tests.sync.support import make_pc
from tests.sync.usb_support import relay_of

N = 4
# the station's answer for image 0, in 1/32 px: no timestamp, count or other work has these
GOLD_BOX = [7.40625, 9.59375, 13.28125, 11.65625]  # COCO x, y, w, h
CORNERS = (b"7.40625", b"9.59375", b"20.6875", b"21.25")  # x1, y1, x2, y2
GOLD_FILE = "centre-gold-answers.json"


@pytest.fixture
def server(server_on_backend: RunningServer) -> RunningServer:
    return server_on_backend  # SQLite and PostgreSQL


@pytest.fixture
def centre(server: RunningServer, tmp_path: Path):  # type: ignore[no-untyped-def]
    """A station (enrolled: it holds the gold key) and Asha's PC with other images."""
    info = server.create_project("Forest", kind="boxes+multilabel")
    doc = server.registry.enroll_device(info.id, "Village A", server.url, supervisor="Meena")
    station = make_pc(tmp_path / "station", doc, N)
    asha = make_pc(tmp_path / "asha", server.enroll_device(info.id, "Village A"), N, start=50)
    drive = tmp_path / "drive"
    drive.mkdir()
    yield info, station, asha, drive
    for p in (station, asha):
        p.close()


def gold_file(station: Project, tmp_path: Path) -> tuple[Path, dict]:
    """The admin's COCO file of the answer for the station's image 0."""
    image = station.store.query("SELECT path, sha256 FROM images ORDER BY seq LIMIT 1")[0]
    coco = {
        "images": [{"id": 1, "file_name": Path(image["path"]).name, "width": 64, "height": 48}],
        "categories": [{"id": 1, "name": "tree"}],
        "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "bbox": GOLD_BOX}],
    }
    path = tmp_path / GOLD_FILE
    path.write_text(json.dumps(coco), "utf-8")
    return path, image


def station_gold(station: Project, path: Path, capsys: pytest.CaptureFixture) -> str:
    """``labeler station gold FILE --format coco --by Admin`` on the station; its output."""
    capsys.readouterr()
    code = cli.main(
        ["station", "gold", str(path), "--format", "coco", "--by", "Admin", "-p", str(station.path)]
    )
    out = capsys.readouterr().out
    assert code == 0, out
    return out


def drive_contents(drive: Path) -> dict[str, bytes]:
    """Every file on the drive, and each bundle's records as the project's reader gives them."""
    out = {}
    for p in drive.rglob("*"):
        if p.is_file():
            out[str(p.relative_to(drive))] = p.read_bytes()
            if p.suffix == ".hitlb":
                b = read_bundle_unverified(p.read_bytes())
                records = {"q": b.quality, "s": b.submissions, "p": b.proposals, "f": b.feedback}
                out[f"{p.relative_to(drive)} (decompressed)"] = json.dumps(records).encode()
    return out


def assert_no_answer_on(drive: Path, answer: GoldAnswer) -> None:
    secrets = [*CORNERS, GOLD_FILE.encode()]
    for name, data in drive_contents(drive).items():
        for secret in secrets:
            assert secret not in data, f"{secret!r} is on the drive in {name}"


def station_bundles(drive: Path, station: Project) -> list:
    device = station.store.get_meta("sync_device_id")
    return [
        read_bundle_unverified(p.read_bytes())
        for p in sorted((drive / "HITL" / "outgoing").rglob("*.hitlb"))
        if p.parent.name == device
    ]


def stored_gold(server: RunningServer, project_id: str) -> list[GoldAnswer]:
    with server.storage.read() as conn:
        rows = conn.execute(select(db.gold.c.record).where(db.gold.c.project_id == project_id))
        return [GoldAnswer.from_dict(json.loads(r.record)) for r in rows]


def test_a_stations_own_gold_leaves_it_sealed_and_the_server_uses_it_as_before(
    server: RunningServer, centre, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:  # type: ignore[no-untyped-def]
    info, station_pc, asha_pc, drive = centre
    path, image = gold_file(station_pc, tmp_path)
    out = station_gold(station_pc, path, capsys)
    assert "1 gold images added" in out and "wait" not in out
    (answer,) = Station(station_pc).gold_answers()
    assert answer.shapes[0].points == ((7.40625, 9.59375), (20.6875, 21.25))

    # Asha's PC labels its own images; the station sends her the gold image and scores her
    for row in asha_pc.store.query("SELECT id FROM images ORDER BY seq"):
        asha_pc.work.submit(row["id"], [Shape.box("tree", 2, 2, 30, 40)], "asha")
    export_to_drive(asha_pc, drive)
    collect_from_drive(station_pc, drive)
    assert send_to_drive(station_pc, drive).images == 1
    import_from_drive(asha_pc, drive)
    (gold_id,) = asha_pc.store.query("SELECT id FROM images WHERE sha256 = ?", (image["sha256"],))
    sub = asha_pc.work.submit(gold_id["id"], [Shape.box("tree", 7.5, 9.5, 20.5, 21.5)], "asha")
    export_to_drive(asha_pc, drive)
    collect_from_drive(station_pc, drive)
    (score,) = Station(station_pc).gold_scores()
    assert score.passed and score.submission_uuid == sub.uuid

    # the station writes its bundles (gold, score) to the drive: no answer readable there
    written = export_to_drive(station_pc, drive)
    assert written.written and written.gold_held == 0 and "wait" not in written.summary()
    assert_no_answer_on(drive, answer)
    payloads = [b.quality for b in station_bundles(drive, station_pc)]
    assert "gold" not in {k for q in payloads for k in q}
    (sealed,) = [r for q in payloads for r in q.get("gold_sealed", [])]
    assert set(sealed) == {"uuid", "alg", "key_id", "nonce", "ciphertext"}
    assert sealed["uuid"] == answer.uuid  # a random name: the receipt names it
    assert [len(q.get("gold_score", [])) for q in payloads] == [1]
    # the station's own copy of the bundle (beside its project file) is the same bytes
    for b in Outbox(station_pc).bundles():
        assert all(c not in b.path.read_bytes() for c in CORNERS)

    # the relay pushes: the server opens the answer, stores it exactly, and uses it
    pushed = push_drive(drive, [relay_of(server, info.id)])
    assert not pushed.rejected and pushed.delivered
    (kept,) = stored_gold(server, info.id)
    assert kept == answer and kept.source == f"centre:{GOLD_FILE}"
    exported = {s.image_sha256 for s in reports.latest_submissions(server.storage, info.id)}
    assert image["sha256"] not in exported and len(exported) == N  # never exported as work
    (row,) = quality.quality_report(server.storage, info.id)["centres"]
    assert row["gold_scored"] == 1 and row["gold_accuracy"] == 1.0
    # the receipts come back: everything delivered, nothing refused, nothing left over
    import_from_drive(station_pc, drive)
    counts = Outbox(station_pc).counts()
    assert counts.pending == 0 and counts.rejected == 0 and counts.unbundled == 0
    assert_no_answer_on(drive, answer)  # receipts and the new pack name no answer either


def test_a_station_without_the_gold_key_keeps_its_gold_back_and_says_so(
    server: RunningServer, centre, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:  # type: ignore[no-untyped-def]
    info, station_pc, _asha, drive = centre
    key_file = key_path(station_pc.store.get_meta("sync_device_id"), "gold-key")
    key_file.unlink()  # as a station enrolled before its pack carried the key
    path, _image = gold_file(station_pc, tmp_path)
    out = station_gold(station_pc, path, capsys)
    assert "1 gold images added" in out
    assert "1 gold answers wait on this station: it holds no gold key yet" in out
    (answer,) = Station(station_pc).gold_answers()
    # its gold stays back (counted, said): the drive carries no trace of it
    written = export_to_drive(station_pc, drive)
    assert written.gold_held == 1 and "they never leave it readable" in written.summary()
    assert_no_answer_on(drive, answer)
    assert all(answer.uuid.encode() not in d for d in drive_contents(drive).values())
    counts = Outbox(station_pc).counts()
    assert counts.unbundled == 1 and counts.pending == 1  # waiting, not lost
    assert stored_gold(server, info.id) == []

    # one sync with the server: the station gets its key, and the gold goes out sealed
    SyncClient(station_pc).sync_once()
    assert key_file.is_file()
    assert stored_gold(server, info.id) == [answer]
    assert Outbox(station_pc).gold_waiting_for_key() == 0
    counts = Outbox(station_pc).counts()
    assert counts.pending == 0 and counts.rejected == 0


def test_a_sealed_gold_record_that_does_not_open_is_refused_alone(
    server: RunningServer, centre, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    info, station_pc, _asha, _drive = centre
    device = station_pc.store.get_meta("sync_device_id")
    doc = json.loads((tmp_path / "station" / "pc.hitl-enroll").read_text("utf-8"))
    rows = station_pc.store.query("SELECT path, sha256 FROM images ORDER BY seq")

    def answer(i: int) -> dict:
        return GoldAnswer(
            uuid=new_uuid(), image_sha256=rows[i]["sha256"], image_path=rows[i]["path"],
            width=64, height=48, shapes=(Shape.box("tree", 2, 2, 30 + i, 40),),
            source="centre:t.json", created_by="Admin", device_id=device, created_at=now(),
        ).to_dict()  # fmt: skip

    key = server.registry.gold_key(info.id)
    good, clear = answer(0), answer(3)
    damaged = gold_seal.seal_record(key, info.id, answer(1))
    raw = bytearray(base64.b64decode(damaged["ciphertext"]))
    raw[3] ^= 0x01
    damaged["ciphertext"] = base64.b64encode(raw).decode()
    foreign = gold_seal.seal_record(os.urandom(32), info.id, answer(2))
    moved = gold_seal.seal_record(key, "another-project", answer(2))  # bound to its project
    sealed = [gold_seal.seal_record(key, info.id, good), damaged, foreign, moved]
    data = encode_bundle(
        {"project_id": info.id, "device_id": device, "seq": 1, "prev_sha256": None},
        [], [], decode_secret(doc["device_secret"]),
        quality={"gold_sealed": sealed, "gold": [clear]},  # an older station's clear record
    )  # fmt: skip
    # changed on the way (the drive, a relay): the signature fails, the bundle is refused whole
    bad = bytearray(data)
    bad[-40] ^= 0x01
    refused = server.upload(bytes(bad), server.device_headers(doc))
    assert refused.status_code == 422, refused.text
    assert refused.json()["detail"]["kind"] in ("checksum", "signature"), refused.text
    # signed by the station: each record on its own; the good ones stored, the others refused
    got = server.upload(data, server.device_headers(doc))
    assert got.status_code == 200, got.text
    receipt = got.json()["receipt"]
    text = json.dumps(receipt)
    reasons = {r["uuid"]: r["reason"] for r in receipt["rejected"]}
    assert set(reasons) == {damaged["uuid"], foreign["uuid"], moved["uuid"]}, text
    assert "does not open with this project's gold key" in reasons[damaged["uuid"]]
    assert "sealed under another gold key" in reasons[foreign["uuid"]]
    assert "does not open" in reasons[moved["uuid"]]
    assert good["uuid"] in text and clear["uuid"] in text
    assert sorted(a.uuid for a in stored_gold(server, info.id)) == sorted(
        [good["uuid"], clear["uuid"]]
    )
    # a worker PC's sealed gold is refused like any station record from a worker
    rows_, rejected = quality.prepare(
        {"gold_sealed": [sealed[0]]}, "dev-x", False, info.id, server.registry.gold_key
    )
    assert rows_ == [] and "only a supervisor" in rejected[0]["reason"]


def test_sealed_records_bind_project_and_uuid_and_are_deterministic() -> None:
    key = os.urandom(32)
    record = {"uuid": "u-1", "image_sha256": "ab" * 32, "shapes": [{"label": "tree"}]}
    sealed = gold_seal.seal_record(key, "prj-1", record)
    assert gold_seal.seal_record(key, "prj-1", record) == sealed  # a repack rewrites nothing
    assert gold_seal.open_record(key, "prj-1", sealed) == record
    assert b"ab" * 32 not in json.dumps(sealed).encode()
    for project, changed in (("prj-2", {}), ("prj-1", {"uuid": "u-2"}), ("prj-1", {"x": 1})):
        with pytest.raises(gold_seal.GoldSealError) as err:
            gold_seal.open_record(key, project, {**sealed, **changed})
        assert err.value.kind == "damaged"
    with pytest.raises(gold_seal.GoldSealError) as err:
        gold_seal.open_record(os.urandom(32), "prj-1", sealed)
    assert err.value.kind == "wrong_key"
