"""A worker's actions: drafts that resume, immutable submissions, validation, proposals,
workers and their settings."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from labeler.annotations import AnnotationKind, Shape, validate
from labeler.errors import (
    AnnotationKindError,
    GeometryError,
    InvalidRecord,
    LabelerError,
    NotFoundError,
    ShapeAttributeError,
)
from labeler.project import Project
from labeler.queue import Status
from labeler.taxonomy import Taxonomy
from tests.conftest import make_images


def test_draft_resumes_after_reopen(project: Project) -> None:
    rec = project.queue.next_todo()
    assert rec is not None
    shapes = [
        Shape.box("tree", 1.5, 2.25, 30, 40),
        Shape.polygon("house", [(1, 1), (20, 1), (10, 15)]),
        Shape.point("cattle", 5, 6),
        Shape.tag("tree"),
    ]
    project.work.save_draft(rec.id, shapes[:1], "Asha")
    project.work.save_draft(rec.id, shapes, "Asha")  # saved on every change
    path = project.path
    project.close()
    with Project.open(path) as again:
        resumed = again.queue.next_todo()
        assert resumed is not None and resumed.id == rec.id
        assert resumed.status is Status.IN_PROGRESS
        assert again.work.draft(rec.id) == shapes
        assert again.work.current_shapes(rec.id) == shapes
        again.work.discard_draft(rec.id)
        assert again.work.draft(rec.id) is None
        assert again.queue.get(rec.id).status is Status.TODO


def test_submission_is_immutable_and_corrections_are_revisions(project: Project) -> None:
    rec = project.queue.next_todo()
    assert rec is not None
    project.work.save_draft(rec.id, [Shape.box("tree", 1, 1, 10, 10)], "Asha")
    first = project.work.submit(rec.id, [Shape.box("tree", 1, 1, 10, 10)], "Asha")
    assert first.revision == 1 and first.supersedes is None
    assert first.image_sha256 == project.queue.get(rec.id).sha256
    assert first.device_id == project.device_id and first.taxonomy_version == 1
    assert first.started_at is not None and first.duration_ms is not None
    assert first.duration_ms >= 0 and (first.width, first.height) == (64, 48)
    assert project.work.draft(rec.id) is None
    second = project.work.submit(rec.id, [Shape.box("house", 2, 2, 12, 12)], "Ravi")
    assert second.revision == 2 and second.supersedes == first.uuid
    assert project.work.submission(first.uuid) == first  # the sent one never changes
    assert project.work.latest_for_image(rec.id) == second
    assert [s.uuid for s in project.work.latest_submissions()] == [second.uuid]
    assert [s.uuid for s in project.work.submissions()] == [first.uuid, second.uuid]
    assert project.work.current_shapes(rec.id) == [Shape.box("house", 2, 2, 12, 12)]
    assert set(project.workers()) == {"Asha", "Ravi"}  # named at submit
    with pytest.raises(sqlite3.IntegrityError, match="immutable"):
        project.store.execute("UPDATE submissions SET worker = 'X'")
    with pytest.raises(sqlite3.IntegrityError, match="never deleted"):
        project.store.execute("DELETE FROM submissions")
    with pytest.raises(NotFoundError):
        project.work.submission("no-such-uuid")


def test_submit_hashes_an_image_the_hasher_has_not_reached(
    tmp_path: Path, image_dir: Path, tax: Taxonomy
) -> None:
    with Project.create(
        tmp_path / "u.hitl", name="u", image_root=image_dir, kind="boxes", taxonomy=tax
    ) as p:
        p.index.scan()
        rec = p.queue.next_todo()
        assert rec is not None and rec.sha256 is None
        sub = p.work.submit(rec.id, [Shape.box("tree", 1, 1, 5, 5)], "Asha")
        assert len(sub.image_sha256) == 64 and p.queue.get(rec.id).sha256 == sub.image_sha256


BAD_SHAPES = [
    (Shape.box("tree", 10, 10, 70, 20), GeometryError, "outside the image"),
    (Shape.box("tree", -1.5, 0, 5, 5), GeometryError, "outside the image"),
    (Shape.box("tree", 5, 5, 5.5, 30), GeometryError, "thinner"),
    (Shape.box("tree", float("nan"), 0, 5, 5), InvalidRecord, "finite"),
    (Shape.point("tree", 65.5, 3), GeometryError, "outside"),
    (Shape.point("tree", 1e300, 3), GeometryError, "outside"),
    (Shape.polygon("tree", [(1, 1), (20, 20)]), GeometryError, "at least 3 points"),
    (Shape.polygon("tree", [(1, 1), (20, 20), (20, 20), (1, 1)]), GeometryError, "3 distinct"),
    (Shape.polygon("tree", [(1, 1), (10, 10), (20, 20)]), GeometryError, "no area"),
    (Shape.polyline("tree", [(3, 3)]), GeometryError, "at least 2 points"),
    (Shape.polyline("tree", [(3, 3), (3, 3), (3, 3)]), GeometryError, "no length"),
    (Shape.polyline("tree", [(3, 3), (70, 3)]), GeometryError, "outside"),
    (Shape.box("dragon", 1, 1, 5, 5), AnnotationKindError, "not in the project's taxonomy"),
]


@pytest.mark.parametrize(("shape", "error", "words"), BAD_SHAPES)
def test_bad_geometry_is_refused_and_nothing_is_saved(
    project: Project, shape: Shape, error: type, words: str
) -> None:
    rec = project.queue.next_todo()
    assert rec is not None
    with pytest.raises(error, match=words):
        project.work.submit(rec.id, [Shape.box("tree", 1, 1, 5, 5), shape], "Asha")
    assert project.queue.get(rec.id).status is Status.TODO
    assert list(project.work.submissions()) == []


def test_edges_of_the_image_and_good_polygons_are_accepted(project: Project) -> None:
    rec = project.queue.next_todo()
    assert rec is not None
    shapes = [
        Shape.box("tree", 0, 0, 64, 48),
        Shape.polygon("house", [(0, 0), (64, 0), (64, 48), (30, 20), (0, 48)]),
        Shape.point("cattle", 64, 48),
        # a bow tie: its edges cross and its two loops' signed areas cancel; labelme's own
        # example files hold such polygons, so they are real objects
        Shape.polygon("tree", [(0, 0), (20, 20), (20, 0), (0, 20)]),
        Shape.polyline("house", [(0, 0), (10, 10), (64, 48)]),
    ]
    assert project.work.submit(rec.id, shapes, "Asha").shapes == tuple(shapes)


def test_submit_stores_shapes_normalised(project: Project) -> None:
    """Up to 1 px outside goes onto the edge; a repeated vertex is dropped."""
    rec = project.queue.next_todo()
    assert rec is not None
    sub = project.work.submit(
        rec.id,
        [
            Shape.box("tree", -0.6, 2, 64.9, 48.5),
            Shape.polygon("house", [(1, 1), (1, 1), (9, 1), (9, 9), (1, 1)]),
            Shape.polyline("house", [(0, 0), (10, 10), (10, 10), (64, 48)]),
        ],
        "Asha",
    )
    assert sub.shapes == (
        Shape.box("tree", 0, 2, 64, 48),
        Shape.polygon("house", [(1, 1), (9, 1), (9, 9)]),
        Shape.polyline("house", [(0, 0), (10, 10), (64, 48)]),
    )
    assert project.work.submission(sub.uuid).shapes == sub.shapes


def test_annotation_kinds_and_the_single_label_rule() -> None:
    single = AnnotationKind.parse("classification")
    assert single.is_classification and str(single) == "classification"
    validate([Shape.tag("tree")], 10, 10, single)
    with pytest.raises(AnnotationKindError, match="one image label"):
        validate([Shape.tag("tree"), Shape.tag("house")], 10, 10, single)
    with pytest.raises(AnnotationKindError, match="does not draw"):
        validate([Shape.box("tree", 1, 1, 5, 5)], 10, 10, single)
    multi = AnnotationKind.parse("boxes + multilabel")
    validate([Shape.tag("tree"), Shape.tag("house"), Shape.box("tree", 1, 1, 5, 5)], 10, 10, multi)
    boxes = AnnotationKind.parse("boxes")
    with pytest.raises(AnnotationKindError, match="no image tags"):
        validate([Shape.tag("tree")], 10, 10, boxes)
    with pytest.raises(AnnotationKindError, match="does not draw polygons"):
        validate([Shape.polygon("tree", [(1, 1), (5, 1), (3, 4)])], 10, 10, boxes)
    with pytest.raises(AnnotationKindError, match="unknown annotation kind"):
        AnnotationKind.parse("boxes+circles")
    with pytest.raises(AnnotationKindError, match="one of"):
        AnnotationKind.parse("classification+multilabel")


def test_classification_project_takes_one_label(tmp_path: Path, tax: Taxonomy) -> None:
    make_images(tmp_path / "img", 2)
    with Project.create(
        tmp_path / "c.hitl",
        name="c",
        image_root=tmp_path / "img",
        kind="classification",
        taxonomy=tax,
    ) as p:
        p.index.scan()
        rec = p.queue.next_todo()
        assert rec is not None
        with pytest.raises(AnnotationKindError):
            p.work.submit(rec.id, [Shape.tag("tree"), Shape.tag("house")], "Asha")
        assert p.work.submit(rec.id, [Shape.tag("house")], "Asha").shapes == (Shape.tag("house"),)


def test_problem_images_cannot_be_submitted(tmp_path: Path, tax: Taxonomy) -> None:
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "bad.jpg").write_text("no")
    with Project.create(
        tmp_path / "c.hitl", name="c", image_root=tmp_path / "img", kind="boxes", taxonomy=tax
    ) as p:
        p.index.scan()
        bad = p.queue.by_path("bad.jpg")
        assert bad is not None
        with pytest.raises(LabelerError, match="cannot be labeled"):
            p.work.submit(bad.id, [], "Asha")
        with pytest.raises(NotFoundError):
            p.work.skip(9999, "gone")


def test_proposal_is_a_record_that_flags_the_image(project: Project) -> None:
    rec = project.queue.next_todo()
    assert rec is not None
    with pytest.raises(LabelerError, match="name"):
        project.work.propose(rec.id, "  ", "why", "Asha")
    with pytest.raises(LabelerError, match="why"):
        project.work.propose(rec.id, "tractor", " ", "Asha")
    with pytest.raises(GeometryError):
        project.work.propose(rec.id, "tractor", "r", "Asha", Shape.box("tree", 0, 0, 99, 9))
    region = Shape.box("tree", 2, 2, 30, 30)
    prop = project.work.propose(rec.id, "ट्रैक्टर", "machines have no label", "Sunita", region)
    assert prop.image_sha256 == rec.sha256 and prop.taxonomy_version == 1
    assert project.queue.get(rec.id).status is Status.FLAGGED
    assert "Sunita" in project.workers()
    path = project.path
    project.close()
    with Project.open(path) as again:
        (stored,) = again.work.proposals()
        assert stored == prop and stored.region == region and stored.name == "ट्रैक्टर"
        with pytest.raises(sqlite3.IntegrityError, match="immutable"):
            again.store.execute("UPDATE proposals SET name = 'x'")


def test_proposing_and_flagging_set_an_image_aside_but_sent_work_stays_sent(
    project: Project,
) -> None:
    todo, done = project.queue.next_todos(0, 2)
    project.work.submit(done.id, [Shape.tag("tree")], "Asha")
    with pytest.raises(LabelerError, match="why you flag"):
        project.work.flag(todo.id, "   ", "Asha")
    project.work.flag(todo.id, "tree or bush?", "Asha")
    project.work.propose(done.id, "goat", "no goat label", "Asha", picture_later=True)
    flagged, submitted = project.queue.get(todo.id), project.queue.get(done.id)
    assert (flagged.status, flagged.status_note) == (Status.FLAGGED, "tree or bush?")
    assert (submitted.status, submitted.status_note) == (Status.SUBMITTED, "proposed: goat")
    records = project.store.query("SELECT record FROM flags")
    notes = sorted(json.loads(r["record"])["note"] for r in records)
    assert notes == ["goat: no goat label", "tree or bush?"]  # both travel to the station


def test_workers_and_their_settings(project: Project) -> None:
    assert project.add_worker("  Asha   Devi ") == "Asha Devi"
    assert project.add_worker("Asha Devi") == "Asha Devi"  # adding twice is harmless
    with pytest.raises(LabelerError, match="needs a name"):
        project.add_worker("   ")
    with pytest.raises(LabelerError, match="80"):
        project.add_worker("x" * 81)
    assert project.worker_settings("Asha Devi") == {}
    project.set_worker_settings("Asha Devi", {"language": "hi", "zoom": 1.5})
    with pytest.raises(NotFoundError):
        project.worker_settings("Nobody")
    with pytest.raises(NotFoundError):
        project.set_worker_settings("Nobody", {})
    recs = project.queue.page()
    for rec in recs[:3]:
        project.work.submit(rec.id, [Shape.tag("tree")], "Asha Devi")
    project.work.submit(recs[3].id, [Shape.tag("tree")], "Ravi")
    stats = {r["name"]: r for r in project.worker_stats()}
    assert stats["Asha Devi"]["submitted"] == 3 and stats["Asha Devi"]["today"] == 3
    assert stats["Ravi"]["submitted"] == 1
    assert project.work.count_submitted_today() == 4
    assert project.work.count_submitted_today("Ravi") == 1
    path = project.path
    project.close()
    with Project.open(path) as again:
        assert again.worker_settings("Asha Devi") == {"language": "hi", "zoom": 1.5}


def test_moved_image_folder_keeps_work(project: Project, tmp_path: Path) -> None:
    rec = project.queue.next_todo()
    assert rec is not None
    sub = project.work.submit(rec.id, [Shape.tag("tree")], "Asha")
    moved = tmp_path / "moved"
    project.image_root.rename(moved)
    project.set_image_root(moved)
    report = project.index.scan()
    assert report.unchanged == 12 and report.missing == 0
    assert project.work.latest_for_image(rec.id) == sub


def test_shape_attributes_are_kept_in_normal_form_through_drafts_and_submissions(
    project: Project,
) -> None:
    rec = project.queue.next_todo()
    assert rec is not None
    box = Shape.box("tree", 1, 1, 9, 9).with_attrs(
        {
            "occluded": True,
            "truncated": False,  # a default is not stored
            "difficult": True,
            "iscrowd": False,
            "group_id": 3,
            "description": "पत्ते झड़े",
            "flags": {"dry": True, "young": False},
        }
    )
    assert box.attrs == {
        "occluded": True,
        "difficult": True,
        "group_id": 3,
        "description": "पत्ते झड़े",
        "flags": {"dry": True},
    }
    assert box != Shape.box("tree", 1, 1, 9, 9)  # attributes are part of what a shape is
    assert Shape.box("tree", 1, 1, 9, 9).with_attrs({"occluded": False}) == Shape.box(
        "tree", 1, 1, 9, 9
    )
    project.work.save_draft(rec.id, [box], "Asha")
    assert project.work.draft(rec.id) == [box]
    sub = project.work.submit(rec.id, [box], "Asha")
    assert project.work.submission(sub.uuid).shapes[0].attrs == box.attrs
    assert Shape.from_dict(box.to_dict()) == box


@pytest.mark.parametrize(
    ("attrs", "words"),
    [
        ({"colour": "red"}, "unknown attribute 'colour'"),
        ({"occluded": "yes"}, "'occluded' must be true or false"),
        ({"group_id": -1}, "'group_id' must be a whole number"),
        ({"group_id": True}, "'group_id' must be a whole number"),
        ({"description": "x" * 1001}, "'description' must be text"),
        ({"flags": {"a": 1}}, "'flags' must map"),
        ({"flags": {f"f{i}": True for i in range(51)}}, "'flags' must map"),
    ],
)
def test_unknown_or_mistyped_attributes_are_refused_with_their_name(
    attrs: dict, words: str
) -> None:
    with pytest.raises(ShapeAttributeError, match=words):
        Shape.box("tree", 1, 1, 9, 9).with_attrs(attrs)
    with pytest.raises(GeometryError, match=words):  # as read from a draft, a bundle, a file
        Shape.from_dict({"type": "box", "label": "t", "points": [[1, 1], [2, 2]], "attrs": attrs})


def test_today_counts_each_image_once(project: Project) -> None:
    """A correction does not raise the day's figure: it is the same image again."""
    recs = project.queue.page()
    project.work.submit(recs[0].id, [Shape.tag("tree")], "Asha")
    project.work.submit(recs[0].id, [Shape.tag("house")], "Asha")  # a correction
    project.work.submit(recs[1].id, [Shape.tag("tree")], "Asha")
    assert project.work.count_submitted_today("Asha") == 2
    project.work.submit(recs[1].id, [Shape.tag("house")], "Ravi")  # Ravi corrects Asha's
    assert project.work.count_submitted_today("Ravi") == 1
    assert project.work.count_submitted_today() == 2
