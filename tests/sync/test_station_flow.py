"""The supervisor station against a real server: roles from the signed pack, collecting by
drive and by network, review records in bundles, rework returns verified on the PC (a forged
or unsigned one refused), gold never exported, reviewed-only exports, quality figures."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import requests
from sqlalchemy import select

from labeler.annotations import Shape
from labeler.project import Project
from labeler.quality import worker_side
from labeler.quality.records import GoldAnswer
from labeler.quality.station import Station, is_supervisor
from labeler.store import new_uuid, now
from sync.client import SyncClient
from sync.outbox import Outbox
from sync.server import quality, reports
from sync.server import storage as db
from sync.server.console import quality as console_quality
from sync.station.collect import collect_from_drive
from sync.station.drive_view import drive_view, plain_lines
from sync.station.messages import MessageRefused, apply_message, make_messages
from sync.station.network import collect_from_server
from sync.station.transfer import send_to_drive
from sync.usb.export import export_to_drive
from sync.usb.push import push_drive
from sync.usb.receive import import_from_drive
from tests.sync.conftest import RunningServer, open_centre
from tests.sync.server.held import wait_until
from tests.sync.support import image_ids, make_pc
from tests.sync.usb_support import relay_of

N = 6


def exported_coco(server: RunningServer, params: dict[str, str]) -> dict:
    """Start an export job over HTTP, wait for it, and read the COCO file it made."""
    admin = server.admin_headers
    job = requests.post(f"{server.url}/v1/exports", params=params, headers=admin, timeout=10)
    assert job.status_code == 202, job.text
    assert job.json()["reviewed_only"] is (params.get("reviewed") == "true")
    url = f"{server.url}/v1/exports/{job.json()['id']}"
    wait_until(
        lambda: requests.get(url, headers=admin, timeout=10).json()["state"] in ("done", "failed"),
        timeout=120,
    )
    assert requests.get(url, headers=admin, timeout=10).json()["state"] == "done"
    return json.loads(requests.get(url + "/file", headers=admin, timeout=30).content)


def console_page(server: RunningServer, path: str) -> str:
    """A console page as the admin sees it after signing in (its form, its CSRF cookie)."""
    session = requests.Session()
    form = session.get(f"{server.url}/admin/sign-in", timeout=10).text
    csrf = re.search(r'name="csrf" value="([^"]+)"', form)
    assert csrf is not None
    signed = session.post(
        f"{server.url}/admin/sign-in",
        data={"csrf": csrf.group(1), "token": server.admin_token, "next": path},
        timeout=10,
    )
    assert signed.status_code == 200 and "sign-in" not in signed.url, signed.url
    return signed.text


def submit(pc: Project, worker: str, *, skip_first: int = 0) -> list[str]:
    ids = image_ids(pc)
    return [
        pc.work.submit(i, [Shape.box("tree", 2 + k, 2, 30, 40)], worker).uuid
        for k, i in enumerate(ids[skip_first:])
    ]


@pytest.fixture
def centre(server: RunningServer, tmp_path: Path):  # type: ignore[no-untyped-def]
    with open_centre(server, tmp_path, N, later=("ravi",)) as (info, pcs, station):
        asha_pc, ravi_pc = pcs
        yield info, asha_pc, ravi_pc, station


def test_the_pack_grants_the_role_and_a_day_runs_offline(
    server: RunningServer, centre, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    info, asha_pc, ravi_pc, station_pc = centre
    assert is_supervisor(station_pc) and not is_supervisor(asha_pc)
    drive = tmp_path / "drive"
    drive.mkdir()
    asha_work = submit(asha_pc, "asha")
    ravi_work = submit(ravi_pc, "ravi", skip_first=3)
    for pc in (asha_pc, ravi_pc):
        export_to_drive(pc, drive)
    station = Station(station_pc)
    report = collect_from_drive(station_pc, drive)
    assert report.submissions_new == N + N - 3 and not report.refused
    assert collect_from_drive(station_pc, drive).bundles_new == 0  # nothing twice
    # overlap: images 3..5 were labeled by both; the same boxes, so they agree
    assert {a.agree for a in station.agreements()} == {True} and len(station.agreements()) == 3
    queue = {q.uuid for q in station.queue("Meena")}
    assert queue and queue <= set(asha_work) | set(ravi_work)
    a0, a1, a2 = asha_work[:3]
    station.decide(a0, "Meena", "accept")
    station.decide(a1, "Meena", "reject", reason="loose_box", note="box the whole tree")
    fixed = station.decide(a2, "Meena", "correct", shapes=[Shape.box("tree", 3, 3, 33, 44)])
    view = drive_view(station_pc, drive)
    assert plain_lines(view)[0] == "2 PCs have work to send"
    sent = send_to_drive(station_pc, drive)
    assert sent.rework == 1
    assert "1 correction waiting for asha's PC" in plain_lines(drive_view(station_pc, drive))

    # a message from a station Asha's PC does not know yet is refused; the newer pack (here
    # by network: only its list of stations changed) makes the station known
    asha_device = asha_pc.store.get_meta("sync_device_id")
    msg = next((drive / "HITL" / "station").glob(f"*/{asha_device}/*.json"))  # Ravi's: overlap
    assert json.loads(msg.read_text())["message"]["rework"]
    with pytest.raises(MessageRefused, match="not a supervisor"):
        apply_message(asha_pc, json.loads(msg.read_text()))
    assert SyncClient(asha_pc).fetch_updates() is True
    # a forged copy of the message (the reason changed) is refused whole
    forged = json.loads(msg.read_text())
    forged["message"]["rework"][0]["reason"] = "wrong_label"
    with pytest.raises(MessageRefused, match="forged"):
        apply_message(asha_pc, forged)
    unsigned = {"message": forged["message"]}
    with pytest.raises(MessageRefused):
        apply_message(asha_pc, unsigned)
    with pytest.raises(MessageRefused, match="another PC"):
        apply_message(ravi_pc, json.loads(msg.read_text()))
    assert worker_side.rework_waiting(asha_pc) == 0

    # Asha's PC takes the real one: the image is back on her list with the reason
    result = import_from_drive(asha_pc, drive)
    assert result.station is not None and result.station.rework == 1
    assert not msg.exists()
    sha = asha_pc.work.submission(a1).image_sha256
    open_item = worker_side.open_rework(asha_pc, sha)
    assert open_item is not None and open_item.reason == "loose_box"
    assert open_item.reviewer == "Meena" and open_item.note == "box the whole tree"
    image = asha_pc.store.query(
        "SELECT id, status, status_note FROM images WHERE sha256 = ?", (sha,)
    )
    assert image[0]["status"] == "todo" and "loose box" in image[0]["status_note"]
    again = asha_pc.work.submit(image[0]["id"], [Shape.box("tree", 1, 1, 40, 44)], "asha")
    assert again.revision == 2 and again.supersedes == a1
    assert worker_side.open_rework(asha_pc, sha) is None

    # everything reaches the server: the PCs' work, the station's correction and reviews
    export_to_drive(asha_pc, drive)
    export_to_drive(station_pc, drive)
    pushed = push_drive(drive, [relay_of(server, info.id)])
    assert not pushed.rejected
    for pc in (asha_pc, ravi_pc, station_pc):
        import_from_drive(pc, drive)
        assert Outbox(pc).counts().pending == 0
    with server.storage.read() as conn:
        decisions = sorted(r.decision for r in conn.execute(select(db.reviews)))
        agreements = conn.execute(select(db.agreements)).all()
    assert decisions == ["accept", "correct", "reject"] and len(agreements) == 3
    fig = quality.quality_report(server.storage, info.id, "week")["centres"][0]
    assert fig["centre"] == "Village A"
    assert (fig["reviewed"], fig["accepted"], fig["rejected"], fig["corrected"]) == (3, 1, 1, 1)
    assert fig["agreement_f1"] == 1.0
    # the latest revision still wins; reviewed-only takes accepted or corrected work only
    latest = {s.image_sha256: s for s in reports.latest_submissions(server.storage, info.id)}
    assert latest[sha].uuid == again.uuid
    assert latest[station_pc.work.submission(fixed.correction_uuid).image_sha256].worker == "Meena"
    reviewed = list(reports.latest_submissions(server.storage, info.id, reviewed_only=True))
    assert sorted(s.uuid for s in reviewed) == sorted([a0, fixed.correction_uuid])
    # the same by HTTP: an export job that takes reviewed work only
    coco = exported_coco(server, {"format": "coco", "reviewed": "true"})
    assert sorted(i["submission"] for i in coco["images"]) == sorted([a0, fixed.correction_uuid])
    assert len(exported_coco(server, {"format": "coco"})["images"]) > 2

    # the admin console shows the figures per centre, week and worker
    rows = {r.worker: r for r in console_quality.figures(server.storage, info.id)}
    assert (rows["asha"].reviewed, rows["asha"].accepted) == (3, 1)
    assert rows["asha"].agreement == 1.0 and rows["ravi"].agreement == 1.0
    assert rows["asha"].gold_scored == 0 and rows["asha"].centre == "Village A"
    page = console_page(server, f"/admin/quality?project={info.id}")
    assert "Village A" in page and "33% (1/3)" in page and "1.00" in page


def test_gold_images_go_to_pcs_by_drive_are_scored_and_never_exported(
    server: RunningServer, centre, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    info, _asha_pc, _ravi_pc, station_pc = centre
    station = Station(station_pc)
    gold_row = station_pc.store.query("SELECT path, sha256 FROM images ORDER BY seq LIMIT 1")[0]
    answer = GoldAnswer(
        uuid=new_uuid(), image_sha256=gold_row["sha256"], image_path=gold_row["path"],
        width=64, height=48, shapes=(Shape.box("tree", 2, 2, 30, 40),), source="centre:t.json",
        created_by="Meena", device_id=station_pc.store.get_meta("sync_device_id"),
        created_at=now(),
    )  # fmt: skip
    station.add_gold([answer])
    # Asha's PC has other images; the gold image arrives as an ordinary-looking file
    other = make_pc(tmp_path / "other", server.enroll_device(info.id, "Village A"), 8, start=50)
    submit(other, "asha")
    drive = tmp_path / "drive"
    drive.mkdir()
    export_to_drive(other, drive)
    collect_from_drive(station_pc, drive)
    make_more = other.store.query("SELECT count(*) AS n FROM images")[0]["n"]
    sent = send_to_drive(station_pc, drive)
    assert sent.images >= 1
    import_from_drive(other, drive)
    rows = other.store.query(
        "SELECT id, path, status FROM images WHERE sha256 = ?", (answer.image_sha256,)
    )
    assert len(rows) == 1 and rows[0]["status"] == "todo"
    assert other.store.query("SELECT count(*) AS n FROM images")[0]["n"] == make_more + 1
    sub = other.work.submit(rows[0]["id"], [Shape.box("tree", 3, 2, 30, 41)], "asha")
    assert sub.source == "gold"  # never shown to the worker; keeps it out of exports
    export_to_drive(other, drive)
    collect_from_drive(station_pc, drive)
    scores = station.gold_scores()
    assert len(scores) == 1 and scores[0].passed and scores[0].worker == "asha"
    export_to_drive(station_pc, drive)
    push_drive(drive, [relay_of(server, info.id)])
    exported = {s.image_sha256 for s in reports.latest_submissions(server.storage, info.id)}
    assert answer.image_sha256 not in exported and len(exported) == 8
    other.close()


def test_a_station_with_a_link_collects_and_returns_by_network(
    server: RunningServer, centre
) -> None:  # type: ignore[no-untyped-def]
    _info, asha_pc, _ravi_pc, station_pc = centre
    work = submit(asha_pc, "asha")
    SyncClient(asha_pc).sync_once()
    client = SyncClient(station_pc)
    got = collect_from_server(station_pc, client.http)
    assert got.submissions_new == N
    station = Station(station_pc)
    station.decide(work[0], "Meena", "reject", reason="wrong_label")
    make_messages(station_pc, station)
    client.sync_once()  # uploads the message and the review
    SyncClient(asha_pc).sync_once()  # fetches it
    sha = asha_pc.work.submission(work[0]).image_sha256
    assert worker_side.open_rework(asha_pc, sha).reason == "wrong_label"
    with server.storage.read() as conn:
        assert conn.execute(select(db.reviews.c.decision)).scalars().all() == ["reject"]


def test_a_worker_device_cannot_send_reviews_or_messages(server: RunningServer, centre) -> None:  # type: ignore[no-untyped-def]
    info, asha_pc, _ravi_pc, _station = centre
    with pytest.raises(Exception, match="supervisor"):
        quality.add_message(server.storage, asha_pc.store.get_meta("sync_device_id"), info.id, {})
    rows, rejected = quality.prepare({"review": [{"uuid": "x"}]}, "dev-x", is_supervisor=False)
    assert rows == [] and "only a supervisor" in rejected[0]["reason"]
