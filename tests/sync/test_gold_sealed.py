"""Gold answers marked on the server travel sealed on a drive (PROTOCOL.md, "Gold marked on
the server"): after a relay's push no answer is on the drive in the clear, a supervisor
station opens them with its gold key and scores a worker on them, a worker PC reading the
same drive holds none, and a sealed blob that does not open is refused with a clear reason
while the station's gold stays. Real server (SQLite and PostgreSQL), real project files, a
real folder as the drive."""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path

import pytest
import requests

from labeler.annotations import Shape
from labeler.quality.station import Station
from sync import gold_seal
from sync.bundle import read_bundle_unverified
from sync.client import SyncClient
from sync.outbox import Outbox
from sync.server import gold
from sync.signing import sign_json
from sync.station.collect import collect_from_drive
from sync.station.keys import _path as key_path
from sync.station.pack_gold import held_gold_version, held_key_id
from sync.station.transfer import send_to_drive
from sync.usb.export import export_to_drive
from sync.usb.push import push_drive
from sync.usb.receive import import_from_drive
from tests.sync.conftest import RunningServer
from tests.sync.support import make_pc
from tests.sync.usb_support import relay_of

N = 4
# the answer the admin marks for image 0: coordinates no worker draws in these tests
GOLD_BOX = [4.25, 5.5, 20.75, 18.125]  # COCO x, y, w, h -> (4.25, 5.5), (25.0, 23.625)


@pytest.fixture
def server(server_on_backend: RunningServer) -> RunningServer:
    return server_on_backend  # SQLite and PostgreSQL


@pytest.fixture
def centre(server: RunningServer, tmp_path: Path):  # type: ignore[no-untyped-def]
    """Asha's PC and a USB-only station (enrolled before any gold), images 0..3 on both;
    Ravi's PC has other images. Asha's work on image 0 reached the server by a relay."""
    info = server.create_project("Forest", kind="boxes+multilabel")
    asha = make_pc(tmp_path / "asha", server.enroll_device(info.id, "Village A"), N)
    doc = server.registry.enroll_device(info.id, "Village A", server.url, supervisor="Meena")
    station = make_pc(tmp_path / "station", doc, N)
    ravi = make_pc(tmp_path / "ravi", server.enroll_device(info.id, "Village A"), N, start=50)
    drive = tmp_path / "drive"
    drive.mkdir()
    image = asha.store.query("SELECT id, path, sha256 FROM images ORDER BY seq LIMIT 1")[0]
    asha.work.submit(image["id"], [Shape.box("tree", 2, 2, 30, 40)], "asha")
    export_to_drive(asha, drive)
    push_drive(drive, [relay_of(server, info.id)])
    yield info, asha, station, ravi, drive, image
    for p in (asha, station, ravi):
        p.close()


def mark(server: RunningServer, info, image: dict, tmp_path: Path, box: list[float]):  # type: ignore[no-untyped-def]
    """The admin marks ``image`` gold from a COCO file; returns the answer."""
    coco = {
        "images": [{"id": 1, "file_name": Path(image["path"]).name, "width": 64, "height": 48}],
        "categories": [{"id": 1, "name": "tree"}],
        "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "bbox": box}],
    }
    path = tmp_path / f"gold-{len(list(tmp_path.glob('gold-*')))}.json"
    path.write_text(json.dumps(coco), "utf-8")
    project = server.registry.project(info.id)
    (answer,), problems = gold.mark_from_file(server.storage, project, "coco", path)
    assert problems == []
    return answer


def drive_bytes(drive: Path) -> dict[str, bytes]:
    return {str(p.relative_to(drive)): p.read_bytes() for p in drive.rglob("*") if p.is_file()}


def secrets_of(answer) -> list[bytes]:  # type: ignore[no-untyped-def]
    """What would give the answer away: its uuid, its coordinates, the words of its record."""
    return [
        answer.uuid.encode(),
        b"23.625",
        b"20.75",
        b'"gold"',
        b'"shapes"',
        b'"source": "server"',
        b'"source":"server"',
    ]


def test_a_relay_push_leaves_no_answer_on_the_drive_and_the_station_scores_by_it(
    server: RunningServer, centre, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    info, _asha, station_pc, ravi_pc, drive, image = centre
    answer = mark(server, info, image, tmp_path, GOLD_BOX)
    relay = relay_of(server, info.id)
    pushed = push_drive(drive, [relay])
    assert pushed.packs == [info.id]
    assert push_drive(drive, [relay]).packs == []  # the same sealed bytes: nothing rewritten

    # (1) on the drive, searched byte-wise: not one trace of the answer in the clear
    files = drive_bytes(drive)
    assert any(name.endswith("pack.json") for name in files)
    for name, data in files.items():
        for secret in secrets_of(answer):
            assert secret not in data, f"{secret!r} is on the drive in {name}"
    pack = json.loads(next((drive / "HITL" / "packs").rglob("pack.json")).read_text("utf-8"))
    assert pack["pack"]["gold_version"] == 1 and "gold_key" not in pack["pack"]
    assert set(pack["pack"]["gold_sealed"]) == {"alg", "key_id", "nonce", "ciphertext"}
    # nor in what the relay itself is given by the server
    got = requests.get(
        f"{server.url}/v1/project", headers={"Authorization": f"Bearer {relay.token}"}, timeout=10
    ).content
    assert all(secret not in got for secret in secrets_of(answer))

    # (2) the station reads the drive: the answer as the admin marked it
    taken = import_from_drive(station_pc, drive)
    assert taken.gold_new == 1 and taken.gold_refused is None
    assert "1 gold answers from the server" in taken.summary()
    (kept,) = Station(station_pc).gold_answers()
    assert kept.uuid == answer.uuid and kept.shapes == answer.shapes and kept.source == "server"
    assert held_gold_version(station_pc) == 1
    assert import_from_drive(station_pc, drive).gold_new == 0  # nothing newer: not opened again

    # (3) Ravi's PC reads the same drive: it learns the version only, and works as before
    own = ravi_pc.store.query("SELECT id FROM images ORDER BY seq LIMIT 1")[0]["id"]
    ravi_pc.work.submit(own, [Shape.box("tree", 1, 1, 9, 9)], "ravi")
    export_to_drive(ravi_pc, drive)  # first visit: the station learns of Ravi's PC
    import_from_drive(ravi_pc, drive)
    assert Station(ravi_pc).gold_answers() == [] and held_gold_version(ravi_pc) == 1
    # the station sends the gold image to Ravi; he labels it; the station scores him on it
    collect_from_drive(station_pc, drive)
    assert send_to_drive(station_pc, drive).images >= 1
    import_from_drive(ravi_pc, drive)
    rows = ravi_pc.store.query("SELECT id FROM images WHERE sha256 = ?", (image["sha256"],))
    assert len(rows) == 1
    sub = ravi_pc.work.submit(rows[0]["id"], [Shape.box("tree", 4, 5, 25, 24)], "ravi")
    assert sub.source == "gold"
    export_to_drive(ravi_pc, drive)
    collect_from_drive(station_pc, drive)
    (score,) = [s for s in Station(station_pc).gold_scores() if s.worker == "ravi"]
    assert score.passed and score.submission_uuid == sub.uuid
    # Ravi's project file holds no answer record (only his own box)
    for f in (Path(ravi_pc.path), Path(f"{ravi_pc.path}-wal")):
        if f.exists():
            assert answer.uuid.encode() not in f.read_bytes()

    # the station's own bundles on the drive (its reviews and scores) never carry the
    # server's answers back: not in the file, nor in its decompressed payload
    export_to_drive(station_pc, drive)
    station_files = list((drive / "HITL" / "outgoing").rglob("*.hitlb"))
    assert station_files
    for f in station_files:
        payload = json.dumps(read_bundle_unverified(f.read_bytes()).quality).encode()
        assert all(secret not in payload for secret in secrets_of(answer)[:3])
        assert all(secret not in f.read_bytes() for secret in secrets_of(answer))
    assert not push_drive(drive, [relay]).rejected
    import_from_drive(station_pc, drive)
    counts = Outbox(station_pc).counts()
    assert counts.pending == 0 and counts.rejected == 0  # nothing echoed, nothing refused


def _resigned(server: RunningServer, drive: Path, sealed: dict) -> None:
    """Put a pack signed by the server itself, with ``sealed`` as its gold, on the drive."""
    path = next((drive / "HITL" / "packs").rglob("pack.json"))
    doc = json.loads(path.read_text("utf-8"))
    doc["pack"]["gold_sealed"] = sealed
    doc["signature"] = sign_json(doc["pack"], server.registry.key.private)
    path.write_text(json.dumps(doc), "utf-8")


def test_sealed_gold_that_does_not_open_is_refused_and_the_held_gold_stays(
    server: RunningServer, centre, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    info, asha_pc, station_pc, _ravi, drive, image = centre
    first = mark(server, info, image, tmp_path, GOLD_BOX)
    relay = relay_of(server, info.id)
    push_drive(drive, [relay])
    assert import_from_drive(station_pc, drive).gold_new == 1
    second_image = asha_pc.store.query("SELECT id, path, sha256 FROM images ORDER BY seq")[1]
    asha_pc.work.submit(second_image["id"], [Shape.box("tree", 1, 1, 9, 9)], "asha")
    export_to_drive(asha_pc, drive)
    push_drive(drive, [relay])
    mark(server, info, second_image, tmp_path, [10, 10, 5, 5])
    push_drive(drive, [relay])  # the pack now seals two answers, gold version 2
    good = json.loads(next((drive / "HITL" / "packs").rglob("pack.json")).read_text("utf-8"))
    sealed = good["pack"]["gold_sealed"]

    def held() -> list[str]:
        return [a.uuid for a in Station(station_pc).gold_answers()]

    # changed on the drive by hand: the server's signature no longer fits; the pack is refused
    path = next((drive / "HITL" / "packs").rglob("pack.json"))
    text = path.read_text("utf-8")
    i = text.index(sealed["ciphertext"]) + 10
    path.write_text(text[:i] + ("A" if text[i] != "A" else "B") + text[i + 1 :], "utf-8")
    got = import_from_drive(station_pc, drive)
    assert "refused" in (got.taxonomy or "") and "signed" in (got.taxonomy or "")
    assert held() == [first.uuid] and held_gold_version(station_pc) == 1

    # signed, but the sealed bytes are damaged: the key fits, the blob does not open
    raw = bytearray(base64.b64decode(sealed["ciphertext"]))
    raw[5] ^= 0x01
    _resigned(server, drive, {**sealed, "ciphertext": base64.b64encode(raw).decode()})
    got = import_from_drive(station_pc, drive)
    assert got.gold_refused is not None and got.gold_refused.kind == "damaged"
    assert "damaged or were changed" in got.summary() and "gold held stays" in got.summary()
    assert held() == [first.uuid] and held_gold_version(station_pc) == 1

    # sealed for another version than the pack names (a replayed older blob): not opened
    key = server.registry.gold_key(info.id)
    _resigned(server, drive, gold_seal.seal(key, info.id, 1, [first.to_dict()]))
    got = import_from_drive(station_pc, drive)
    assert got.gold_refused is not None and got.gold_refused.kind == "damaged"
    assert held_gold_version(station_pc) == 1

    # sealed under another key (another server's): said so, nothing taken
    other = gold_seal.seal(os.urandom(32), info.id, 2, [first.to_dict()])
    _resigned(server, drive, other)
    got = import_from_drive(station_pc, drive)
    assert got.gold_refused is not None and got.gold_refused.kind == "wrong_key"
    assert "another key" in str(got.gold_refused)
    assert held() == [first.uuid] and held_gold_version(station_pc) == 1

    # the good pack again: the station was not moved on, so it takes the new answer now
    path.write_text(json.dumps(good), "utf-8")
    got = import_from_drive(station_pc, drive)
    assert got.gold_new == 1 and got.gold_refused is None
    assert len(held()) == 2 and held_gold_version(station_pc) == 2


def test_a_station_without_the_key_says_so_and_gets_it_by_network(
    server: RunningServer, centre, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    info, asha_pc, station_pc, _ravi, drive, image = centre
    device = station_pc.store.get_meta("sync_device_id")
    key_file = key_path(device, "gold-key")
    assert key_file.is_file() and held_key_id(station_pc)  # from its enrollment file
    if os.name == "posix":
        assert key_file.stat().st_mode & 0o077 == 0
    key_file.unlink()  # as a station enrolled before gold was sealed
    answer = mark(server, info, image, tmp_path, GOLD_BOX)
    push_drive(drive, [relay_of(server, info.id)])
    got = import_from_drive(station_pc, drive)
    assert got.gold_refused is not None and got.gold_refused.kind == "no_key"
    assert "sync it with the server once" in got.summary()
    assert Station(station_pc).gold_answers() == [] and held_gold_version(station_pc) == 0

    # a worker PC's request for updates is answered as before (no key asked, none given)
    assert SyncClient(asha_pc).fetch_updates() is True  # the new gold version
    assert SyncClient(asha_pc).fetch_updates() is False
    assert held_key_id(asha_pc) == ""
    # the station syncs once: the server sees it lacks the key and sends the pack with it
    assert SyncClient(station_pc).fetch_updates() is True
    assert key_file.is_file() and held_key_id(station_pc)
    assert [a.uuid for a in Station(station_pc).gold_answers()] == [answer.uuid]  # by network
    assert SyncClient(station_pc).fetch_updates() is False  # key and gold held: 204

    # a station enrolled after the mark holds the answers and the key from its file at once
    doc = server.registry.enroll_device(info.id, "Village B", server.url, supervisor="Lata")
    late = make_pc(tmp_path / "late", doc, N)
    try:
        assert [a.uuid for a in Station(late).gold_answers()] == [answer.uuid]
        assert held_gold_version(late) == 1 and held_key_id(late) == held_key_id(station_pc)
    finally:
        late.close()


def test_the_seal_binds_project_and_version_and_is_deterministic() -> None:
    key = os.urandom(32)
    answers = [{"uuid": "u1", "shapes": [{"label": "tree"}]}]
    sealed = gold_seal.seal(key, "prj-1", 3, answers)
    assert gold_seal.seal(key, "prj-1", 3, answers) == sealed  # a push again rewrites nothing
    assert gold_seal.open_sealed(key, "prj-1", 3, sealed) == answers
    for project, version in (("prj-2", 3), ("prj-1", 2)):
        with pytest.raises(gold_seal.GoldSealError) as err:
            gold_seal.open_sealed(key, project, version, sealed)
        assert err.value.kind == "damaged"
    for bad in (None, "x", {"alg": "A256GCM", "key_id": gold_seal.key_id(key), "nonce": "!"}):
        with pytest.raises(gold_seal.GoldSealError):
            gold_seal.open_sealed(key, "prj-1", 3, bad)
    with pytest.raises(ValueError, match="32 bytes"):
        gold_seal.decode_key(gold_seal.encode_key(b"short"))
    assert gold_seal.decode_key(gold_seal.encode_key(key)) == key
