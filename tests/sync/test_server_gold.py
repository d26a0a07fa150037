"""Gold images the admin marks on the server (issue 12): from a stored accepted submission or a
COCO/labelme file, checked by the core's validation, carried in the signed project pack to
supervisor stations (by network and on the drive), kept there like gold imported at the
centre, never given to a worker's PC and never exported as work."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import requests

from labeler.annotations import Shape
from labeler.quality.station import Station
from sync.client import SyncClient
from sync.identity import load_identity
from sync.server import gold, reports
from sync.server.cli import main as server_cli
from sync.server.errors import ServerError
from sync.station.network import collect_from_server
from sync.station.pack_gold import held_gold_version
from sync.usb.export import export_to_drive
from sync.usb.push import push_drive
from sync.usb.receive import import_from_drive
from tests.sync.conftest import RunningServer
from tests.sync.support import image_ids
from tests.sync.usb_support import relay_of


def cli(server: RunningServer, *args: str) -> int:
    return server_cli(["mark-gold", "--data", str(server.data_dir), *args])


def test_marked_gold_reaches_stations_not_workers_and_is_never_exported(
    server: RunningServer, centre, tmp_path: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    info, asha_pc, station_pc = centre
    ids = image_ids(asha_pc)
    subs = [
        asha_pc.work.submit(i, [Shape.box("tree", 2 + k, 2, 30, 40)], "asha")
        for k, i in enumerate(ids)
    ]
    SyncClient(asha_pc).sync_once()
    # the station accepts image 0's work; its review reaches the server
    collect_from_server(station_pc, SyncClient(station_pc).http)
    Station(station_pc).decide(subs[0].uuid, "Meena", "accept")
    SyncClient(station_pc).sync_once()
    project = server.registry.project(info.id)

    # from the stored accepted submission, by the CLI
    assert cli(server, "--project", "Forest", "--image", subs[0].image_sha256) == 0
    assert "1 gold image(s) marked" in capsys.readouterr().out
    # image 1 was never reviewed: no accepted answer to take, a plain message
    assert cli(server, "--project", "Forest", "--image", subs[1].image_sha256) == 2
    assert "no accepted or corrected submission" in capsys.readouterr().err
    with pytest.raises(ServerError, match="gold already"):
        gold.mark_from_submission(server.storage, project, subs[0].image_sha256)
    # from a COCO file: image 2 with a box; one with a label the project lacks is refused,
    # and so is a box outside the image (the core's validation)
    coco = {
        "images": [
            {"id": 1, "file_name": Path(subs[2].image_path).name, "width": 64, "height": 48},
            {"id": 2, "file_name": Path(subs[3].image_path).name, "width": 64, "height": 48},
        ],
        "categories": [{"id": 1, "name": "tree"}, {"id": 2, "name": "submarine"}],
        "annotations": [
            {"id": 1, "image_id": 1, "category_id": 1, "bbox": [4, 4, 20, 20]},
            {"id": 2, "image_id": 2, "category_id": 2, "bbox": [4, 4, 20, 20]},
        ],
    }
    (tmp_path / "gold.json").write_text(json.dumps(coco), "utf-8")
    answers, problems = gold.mark_from_file(server.storage, project, "coco", tmp_path / "gold.json")
    assert [a.image_sha256 for a in answers] == [subs[2].image_sha256]
    assert answers[0].shapes[0].points == ((4.0, 4.0), (24.0, 24.0))
    assert len(problems) == 1 and "submarine" in problems[0]
    with pytest.raises(ServerError, match="refused"):
        gold.mark(
            server.storage, project, image_sha256=subs[3].image_sha256, image_path="x.jpg",
            width=64, height=48, shapes=[Shape.box("tree", 4, 4, 90, 20)], created_by="admin",
        )  # fmt: skip

    # the station's next sync brings the pack with the answers
    assert SyncClient(station_pc).fetch_updates() is True
    got = {a.image_sha256: a for a in Station(station_pc).gold_answers()}
    assert set(got) == {subs[0].image_sha256, subs[2].image_sha256}
    assert got[subs[0].image_sha256].source == "server"
    assert got[subs[0].image_sha256].shapes == subs[0].shapes
    assert SyncClient(station_pc).fetch_updates() is False  # nothing newer
    # a worker's PC learns the number only, never the answers
    auth = {"Authorization": load_identity(asha_pc).bearer}
    doc = requests.get(f"{server.url}/v1/project", headers=auth, timeout=10).json()
    assert doc["pack"]["gold_version"] == 2 and "gold" not in doc["pack"]
    assert SyncClient(asha_pc).fetch_updates() is True
    assert held_gold_version(asha_pc) == 2 and Station(asha_pc).gold_answers() == []
    assert SyncClient(asha_pc).fetch_updates() is False
    # gold images are never exported as work
    exported = {s.image_sha256 for s in reports.latest_submissions(server.storage, info.id)}
    assert exported == {subs[1].image_sha256, subs[3].image_sha256}


def test_a_usb_only_station_gets_marked_gold_from_the_drive(
    server: RunningServer, centre, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    info, asha_pc, station_pc = centre
    ids = image_ids(asha_pc)
    sub = asha_pc.work.submit(ids[0], [Shape.box("tree", 2, 2, 30, 40)], "asha")
    drive = tmp_path / "drive"
    drive.mkdir()
    export_to_drive(asha_pc, drive)
    push_drive(drive, [relay_of(server, info.id)])
    project = server.registry.project(info.id)
    gold.mark_from_submission(server.storage, project, sub.image_sha256, submission_uuid=sub.uuid)
    push_drive(drive, [relay_of(server, info.id)])  # the supervisor's connected laptop
    pack = json.loads(next((drive / "HITL" / "packs").rglob("pack.json")).read_text())
    assert "gold" not in pack["pack"] and pack["pack"]["gold_sealed"]["alg"] == "A256GCM"
    import_from_drive(station_pc, drive)
    (answer,) = Station(station_pc).gold_answers()
    assert answer.image_sha256 == sub.image_sha256 and answer.source == "server"
    # a worker PC reading the same drive keeps none of it
    import_from_drive(asha_pc, drive)
    assert Station(asha_pc).gold_answers() == [] and held_gold_version(asha_pc) == 1
