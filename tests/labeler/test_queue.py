"""The work queue: stable order, statuses, filters, and "next to do" at 100,000 images."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from labeler.annotations import Shape
from labeler.project import Project
from labeler.queue import Status
from labeler.store import now
from labeler.taxonomy import Taxonomy


def test_next_todo_walks_the_open_images_and_wraps(project: Project) -> None:
    recs = project.queue.page()
    assert [r.seq for r in recs] == sorted(r.seq for r in recs) and len(recs) == 12
    a, b, c, d = recs[:4]
    project.work.submit(a.id, [Shape.box("tree", 1, 1, 5, 5)], "Asha")
    project.work.skip(b.id, "blurred")
    project.work.propose(c.id, "tractor", "no label for machines", "Asha")
    project.work.save_draft(d.id, [Shape.box("house", 1, 1, 9, 9)], "Asha")
    first = project.queue.next_todo()
    assert first is not None and first.id == d.id and first.status is Status.IN_PROGRESS
    assert project.queue.next_todo(recs[-1].seq).id == d.id  # type: ignore[union-attr] # wraps
    counts = project.queue.counts()
    assert (counts["todo"], counts["in_progress"], counts["submitted"]) == (8, 1, 1)
    assert (counts["skipped"], counts["flagged"], counts["total"]) == (1, 1, 12)
    assert project.queue.count("todo") == 9 and project.queue.count("skipped") == 1
    assert [r.id for r in project.queue.page("flagged")] == [c.id]
    assert project.queue.get(b.id).status_note == "blurred"
    assert project.queue.get(c.id).status_note == "proposed: tractor"
    project.work.reopen(b.id)
    assert project.queue.get(b.id).status is Status.TODO
    assert project.queue.next_todo().id == b.id  # type: ignore[union-attr]


def test_step_page_position(project: Project) -> None:
    recs = project.queue.page()
    project.work.skip(recs[1].id, "dark")
    nxt = project.queue.step(recs[0].seq, forward=True, filter="todo")
    assert nxt is not None and nxt.id == recs[2].id
    prev = project.queue.step(recs[2].seq, forward=False)
    assert prev is not None and prev.id == recs[1].id
    assert project.queue.step(recs[-1].seq) is None
    assert [r.id for r in project.queue.page(offset=10, limit=5)] == [r.id for r in recs[10:]]
    assert project.queue.position(recs[5].id) == 5
    assert project.queue.position(recs[5].id, "todo") == 4
    assert project.queue.position(recs[1].id, "todo") is None


def test_queue_is_empty_when_all_done(project: Project) -> None:
    for rec in project.queue.page():
        project.work.submit(rec.id, [Shape.tag("tree")], "Asha")
    assert project.queue.next_todo() is None
    assert project.queue.counts()["submitted"] == 12


def test_next_todo_is_instant_on_100k_images(tmp_path: Path, tax: Taxonomy) -> None:
    n = 100_000
    with Project.create(
        tmp_path / "big.hitl", name="big", image_root=tmp_path, kind="boxes", taxonomy=tax
    ) as p:
        stamp = now()
        # worst realistic case: the first 90% already submitted, a few problems and duplicates
        rows = [
            (
                f"village/{i // 1000:03d}/img_{i:06d}.jpg",
                i + 1,
                1000,
                0,
                640,
                480,
                "JPEG",
                f"{i:064x}",
                "submitted" if i < 90_000 else "todo",
                "broken" if i % 997 == 0 else None,
                stamp,
            )
            for i in range(n)
        ]
        with p.store.write() as db:
            db.conn.executemany(
                "INSERT INTO images (path, seq, size, mtime_ns, width, height, format, sha256,"
                " status, problem, added_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                rows,
            )
        assert p.queue.counts()["total"] + p.queue.counts()["problems"] == n
        times = []
        after = 0
        for _ in range(200):
            t = time.perf_counter()
            rec = p.queue.next_todo(after)
            times.append(time.perf_counter() - t)
            assert rec is not None and rec.seq > 90_000 and rec.problem is None
            after = rec.seq
        median_ms = statistics.median(times) * 1000
        assert median_ms < 5, f"next_todo median {median_ms:.2f} ms"
        t = time.perf_counter()
        assert p.queue.count("todo") == p.queue.counts()["todo"] == 9_990
        assert time.perf_counter() - t < 1.0


def test_next_todos_lists_what_comes_next_without_wrapping(project: Project) -> None:
    recs = project.queue.page("all", 0, 12)
    project.work.submit(recs[2].id, [Shape.tag("tree")], "Asha")
    ahead = project.queue.next_todos(recs[0].seq, 3)
    assert [r.id for r in ahead] == [
        recs[1].id,
        recs[3].id,
        recs[4].id,
    ]  # the submitted one left out
    assert project.queue.next_todos(recs[-1].seq, 3) == []  # the end: no wrap to the start
