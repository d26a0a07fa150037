"""The station's core on a real project file: collected work, the queue, decisions, gold,
agreement, what goes back to PCs, and the worker figures."""

from __future__ import annotations

import json
import sqlite3
import uuid
from typing import Any

import pytest

from labeler.annotations import Shape
from labeler.errors import GeometryError, LabelerError
from labeler.project import Project
from labeler.quality import reports
from labeler.quality.collect import BundleConflict, chain_gaps, store_bundle
from labeler.quality.records import GoldAnswer, RecordError, Review, SelfReviewError
from labeler.quality.station import (
    NotASupervisorError,
    QualitySettings,
    Station,
    grant_supervisor,
)

TREE = {"type": "box", "label": "tree", "points": [[10.0, 10.0], [40.0, 30.0]]}


def work(i: int, worker: str, *, day: str = "2026-03-02", shapes: Any = None, **kw: Any) -> dict:
    rec = {
        "uuid": str(uuid.uuid4()),
        "image_sha256": f"{i:064x}",
        "image_path": f"img_{i:05d}.jpg",
        "width": 64,
        "height": 48,
        "shapes": [TREE] if shapes is None else shapes,
        "taxonomy_version": 1,
        "worker": worker,
        "device_id": f"local-{worker}",
        "started_at": None,
        "submitted_at": f"{day}T10:{i % 60:02d}:00.000Z",
        "duration_ms": 1000 * (i + 1),
        "revision": 1,
        "supersedes": None,
        "source": "labeled",
    }
    rec.update(kw)
    return rec


@pytest.fixture
def station(project: Project) -> Station:
    grant_supervisor(project)
    st = Station(project)
    st.save_settings(QualitySettings(spot_share=1.0, seed="fixed"))
    return st


def put(station: Station, device: str, seq: int, subs: list[dict], props: list | None = None):
    return store_bundle(
        station.store,
        device_id=device,
        seq=seq,
        sha256=f"{device}-{seq}".ljust(64, "0"),
        prev_sha256=None if seq == 1 else f"{device}-{seq - 1}".ljust(64, "0"),
        via="usb:test",
        submissions=subs,
        proposals=props or [],
    )


def test_collecting_stores_each_record_once(station: Station) -> None:
    subs = [work(i, "asha") for i in range(5)]
    assert put(station, "dev-a", 1, subs) == (5, 0)
    assert put(station, "dev-a", 1, subs) == (0, 0)  # the same bundle again
    assert put(station, "dev-a", 3, subs[:2]) == (0, 0)  # records in a later bundle too
    assert station.collected.count() == 5
    assert chain_gaps(station.store) == {"dev-a": [2]}
    with pytest.raises(BundleConflict):
        store_bundle(
            station.store, device_id="dev-a", seq=1, sha256="f" * 64, prev_sha256=None,
            via="usb", submissions=[], proposals=[],
        )  # fmt: skip


def test_queue_holds_the_sample_and_proposals_but_never_own_work(station: Station) -> None:
    subs = [work(0, "asha"), work(1, "ravi"), work(2, "meena")]
    prop = {
        "uuid": str(uuid.uuid4()), "image_sha256": f"{5:064x}", "image_path": "img_00005.jpg",
        "name": "cart", "reason": "no label", "worker": "ravi", "created_at": "2026-03-02T10:00:00Z",
    }  # fmt: skip
    flagged = work(5, "ravi")
    put(station, "dev-a", 1, [*subs, flagged], [prop])
    queue = station.queue("meena")
    assert {q.work.submission.worker for q in queue} == {"asha", "ravi"}
    assert queue[0].origin == "proposed" and queue[0].proposals[0]["name"] == "cart"
    station.save_settings(QualitySettings(spot_share=0.0, seed="fixed"))
    assert [q.origin for q in station.queue("meena")] == ["proposed"]


def test_accept_reject_correct_are_immutable_records(station: Station) -> None:
    a, b, c = work(0, "asha"), work(1, "asha"), work(2, "asha")
    put(station, "dev-a", 1, [a, b, c])
    accepted = station.decide(a["uuid"], "meena", "accept", origin="spot")
    assert accepted.decision == "accept" and accepted.worker_device_id == "dev-a"
    rejected = station.decide(b["uuid"], "meena", "reject", reason="loose_box", note="tighter")
    waiting = station.returns_waiting("dev-a")
    assert [r["kind"] for r in waiting] == ["rework"]
    assert waiting[0]["body"]["reason"] == "loose_box" and waiting[0]["uuid"] == rejected.uuid
    fixed = [Shape.box("tree", 11, 11, 30, 30)]
    corrected = station.decide(c["uuid"], "meena", "correct", shapes=fixed)
    new = station.project.work.submission(corrected.correction_uuid)
    assert new.worker == "meena" and new.revision == 2 and new.supersedes == c["uuid"]
    assert new.source == "corrected" and list(new.shapes) == fixed
    # the station's outbox would carry the correction, never the worker's copied revision
    undelivered = station.store.query(
        "SELECT uuid FROM submissions WHERE uuid NOT IN"
        " (SELECT record_uuid FROM delivery WHERE delivered_at IS NOT NULL)"
    )
    assert [r["uuid"] for r in undelivered] == [new.uuid]
    assert station.queue("meena") == []  # reviewed or superseded: nothing left
    with pytest.raises(sqlite3.DatabaseError, match="immutable"):
        station.store.execute("UPDATE reviews SET decision = 'accept'")
    with pytest.raises(LabelerError, match="reviewed already"):
        station.decide(a["uuid"], "ravi", "reject", reason="wrong_label")
    assert Review.from_dict(json.loads(rejected.to_json())) == rejected


def test_bad_decisions_are_refused_and_store_nothing(station: Station) -> None:
    a = work(0, "asha")
    put(station, "dev-a", 1, [a])
    with pytest.raises(SelfReviewError):
        station.decide(a["uuid"], "asha", "accept")
    with pytest.raises(RecordError, match="needs a reason"):
        station.decide(a["uuid"], "meena", "reject")
    with pytest.raises(RecordError, match="needs a note"):
        station.decide(a["uuid"], "meena", "reject", reason="other")
    with pytest.raises(GeometryError):
        station.decide(a["uuid"], "meena", "correct", shapes=[Shape.box("tree", 0, 0, 900, 9)])
    assert station.reviews() == [] and station.returns_waiting() == []


def test_only_a_supervisor_reviews(project: Project) -> None:
    st = Station(project)
    put(st, "dev-a", 1, [a := work(0, "asha")])
    with pytest.raises(NotASupervisorError):
        st.decide(a["uuid"], "meena", "accept")
    project.store.set_meta("sync_device_id", "dev-x")
    with pytest.raises(LabelerError, match="admin grants"):
        grant_supervisor(project)


def gold_answer(i: int, shapes: list[Shape]) -> GoldAnswer:
    return GoldAnswer(
        uuid=str(uuid.uuid4()), image_sha256=f"{i:064x}", image_path=f"img_{i:05d}.jpg",
        width=64, height=48, shapes=tuple(shapes), source="centre:test.json",
        created_by="meena", device_id="station", created_at="2026-03-01T00:00:00Z",
    )  # fmt: skip


def test_gold_scoring_and_overlap_agreement(station: Station) -> None:
    station.add_gold([gold_answer(7, [Shape.box("tree", 10, 10, 40, 30)])])
    good = work(7, "asha")
    bad = work(
        7, "ravi", shapes=[{"type": "box", "label": "house", "points": [[10, 10], [40, 30]]}]
    )
    twin_a = work(3, "asha")
    twin_b = work(3, "ravi", source="overlap", shapes=[])
    put(station, "dev-a", 1, [good, twin_a])
    put(station, "dev-b", 1, [bad, twin_b])
    scored, compared = station.refresh()
    assert scored == 2
    by_worker = {s.worker: s for s in station.gold_scores()}
    assert by_worker["asha"].passed and not by_worker["ravi"].passed
    assert by_worker["ravi"].wrong_label == 1
    assert compared == 2  # image 3 (disagree) and gold image 7 (labeled by both)
    assert station.refresh() == (0, 0)  # once only
    disagreements = [a for a in station.agreements() if not a.agree]
    assert {a.image_sha256 for a in disagreements} == {f"{3:064x}", f"{7:064x}"}
    station.save_settings(QualitySettings(spot_share=0.0, seed="fixed"))
    origins = {(q.work.submission.worker, q.origin) for q in station.queue("meena")}
    assert ("asha", "overlap") in origins and ("ravi", "overlap") in origins


def test_plan_tasks_sends_gold_and_overlap_images_it_has(station: Station) -> None:
    shas = [r["sha256"] for r in station.store.query("SELECT sha256 FROM images ORDER BY seq")]
    station.add_gold([GoldAnswer(**{**gold_answer(0, []).__dict__, "image_sha256": shas[0]})])
    put(station, "dev-a", 1, [work(0, "asha", image_sha256=shas[1])])
    station.save_settings(QualitySettings(overlap_share=1.0, seed="fixed"))
    assert station.plan_tasks(["dev-a", "dev-b"]) == 3
    kinds = sorted((r["device_id"], r["kind"]) for r in station.returns_waiting())
    assert kinds == [("dev-a", "gold"), ("dev-b", "gold"), ("dev-b", "overlap")]
    assert station.plan_tasks(["dev-a", "dev-b"]) == 0  # never the same image twice


def test_reports_from_recorded_facts(station: Station) -> None:
    subs = [work(i, "asha", day="2026-03-02") for i in range(4)]
    subs.append(work(9, "asha", day="2026-03-03"))
    put(station, "dev-a", 1, subs)
    station.decide(subs[0]["uuid"], "meena", "accept")
    station.decide(subs[1]["uuid"], "meena", "reject", reason="missed_object")
    days = reports.summarize(station.facts(), "day")
    first = next(d for d in days if d.period == "2026-03-02")
    assert first.images == 4 and first.median_seconds == 2.5
    assert first.reviewed == 2 and first.acceptance == 0.5
    assert first.gold_accuracy is None and first.agreement is None  # no facts: no figure
    weeks = reports.summarize(station.facts(), "week")
    assert [(w.period, w.images) for w in weeks] == [("2026-W10", 5)]
    csv_text = reports.to_csv(days)
    assert csv_text.splitlines()[0].startswith("period,worker,images,median_seconds")
    page = reports.to_html(days, weeks, "2026-W10", centre="Village A")
    assert "<svg" in page and "asha" in page and "50%" in page
