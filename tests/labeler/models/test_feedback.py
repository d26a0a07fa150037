"""Predictions cached in the project, the record of who decided, and the report card."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from labeler.annotations import Shape, ShapeType
from labeler.errors import ModelMismatchError
from labeler.models.outcomes import (
    feedback_records,
    from_suggestion,
    rejections,
    save_rejections,
    submit_with_suggestions,
)
from labeler.models.predictions import Prediction
from labeler.models.report import (
    FeedbackItem,
    hard_examples_csv,
    project_items,
    render,
    report_card,
)
from labeler.models.runtime import sha256_of
from labeler.models.spec import ModelSpec
from labeler.project import Project
from tests.onnx_models import detector

SHA = "ab" * 32


def _preds() -> list[Prediction]:
    return [
        Prediction(Shape.box("tree", 1, 1, 20, 20), 0.9),
        Prediction(Shape.box("house", 30, 5, 50, 40), 0.8),
        Prediction(Shape.box("tree", 40, 30, 60, 45), 0.6),
        Prediction(Shape.box("cattle", 2, 25, 12, 40), 0.5),
        Prediction(Shape.box("house", 5, 5, 9, 9), 0.4),
    ]


def test_predictions_are_cached_per_image_and_model(project: Project) -> None:
    spec = ModelSpec("detect", ("tree", "house"), sha256=SHA, name="forest", version="1")
    project.models.expect(spec)
    assert project.models.active().spec == spec
    assert [e.sha256 for e in project.models.missing_files()] == [SHA]
    assert project.models.cached("img", SHA) is None
    project.models.cache("img", SHA, _preds())
    path = project.path
    project.close()
    with Project.open(path) as again:
        assert again.models.cached("img", SHA) == _preds()
        assert again.models.cached_count(SHA) == 1


def test_a_model_file_is_placed_only_if_its_hash_is_the_named_one(
    project: Project, tmp_path: Path
) -> None:
    f = detector(tmp_path / "m.onnx", [], ["tree", "house"])
    sha = sha256_of(f)
    project.models.expect(ModelSpec("detect", ("tree", "house"), sha256=sha))
    other = tmp_path / "other.onnx"
    other.write_bytes(f.read_bytes() + b"\0")
    with pytest.raises(ModelMismatchError):
        project.models.place_file(other, sha)
    assert project.models.missing_files() and not list(project.models.folder.glob("*"))
    placed = project.models.place_file(f, sha)
    assert placed.name == f"{sha}.onnx" and project.models.missing_files() == []


def test_standalone_project_loads_a_model_file_directly(project: Project, tmp_path: Path) -> None:
    f = detector(tmp_path / "m.onnx", [], ["tree", "house"])
    entry = project.models.add_file(f, ModelSpec("detect", ("tree", "house")))
    assert entry.sha256 == sha256_of(f) and entry.file.is_file()
    assert project.models.active().sha256 == entry.sha256


def test_submitted_shapes_record_their_origin_and_rejections_are_kept(project: Project) -> None:
    rec = project.queue.next_todo()
    preds = _preds()
    shapes = [
        from_suggestion(preds[0], 0),  # accepted as is
        Shape(ShapeType.BOX, "house", ((31.0, 6.0), (52.0, 41.0)), {"suggestion": 1}),  # moved
        Shape(ShapeType.BOX, "house", preds[2].shape.points, {"suggestion": 2}),  # relabeled
        Shape.box("tree", 10, 30, 25, 44),  # drawn by the worker: the model missed it
    ]
    sub, fb = submit_with_suggestions(
        project, rec.id, shapes, "Asha", model_sha256=SHA, predictions=preds, rejected={3}
    )
    origins = [s.attrs.get("origin") for s in sub.shapes]
    assert origins == ["accepted", "edited", "edited", None]
    assert "suggestion" not in str(sub.shapes)
    assert [o["outcome"] for o in fb.outcomes] == [
        "accepted",
        "edited",
        "relabeled",
        "rejected",
        "unreviewed",
    ]
    assert [o["shape"] for o in fb.outcomes] == [0, 1, 2, None, None]
    assert feedback_records(project) == [fb]
    with pytest.raises(sqlite3.IntegrityError, match="immutable"):
        project.store.execute("UPDATE feedback SET worker = 'x'")

    (card,) = report_card(project_items(project)).values()
    tree, house = card.labels["tree"], card.labels["house"]
    assert (tree.tp, tree.fp, tree.fn) == (1, 1, 1)  # relabeled tree: a false alarm
    assert (house.tp, house.fp, house.fn) == (1, 1, 1)  # the relabeled object: missed
    assert card.labels["cattle"].fp == 1
    assert tree.mean_iou == 1.0 and 0.8 < house.mean_iou < 1.0
    assert card.total.precision == pytest.approx(2 / 5)
    assert card.total.recall == pytest.approx(2 / 4)
    assert len(card.hard) == 1 and rec.path in hard_examples_csv({SHA: card})
    assert "precision" in render({SHA: card})


def test_rejections_are_kept_with_the_draft_until_submit(project: Project) -> None:
    rec = project.queue.next_todo()
    drawn = [Shape.box("tree", 10, 30, 25, 44)]
    project.work.save_draft(rec.id, drawn, "Asha")
    save_rejections(project, rec.id, SHA, {3, 1}, [], "Asha")
    assert rejections(project, rec.id, SHA) == {1, 3}
    assert project.work.draft(rec.id) == drawn  # the draft's shapes are not touched
    assert rejections(project, rec.id, "cd" * 32) == set()  # another model's indexes: none
    other = project.queue.next_todos(rec.seq, 1)[0]
    save_rejections(project, other.id, SHA, {0}, [], "Asha")  # no draft yet: one starts
    assert project.work.draft(other.id) == [] and rejections(project, other.id, SHA) == {0}
    assert project.queue.get(other.id).status.value == "in_progress"
    submit_with_suggestions(
        project, rec.id, drawn, "Asha", model_sha256=SHA, predictions=_preds(), rejected={1, 3}
    )
    assert rejections(project, rec.id, SHA) == set()  # gone with the draft, into the record


def test_nothing_predicted_is_submitted_unless_accepted(project: Project) -> None:
    rec = project.queue.next_todo()
    sub, fb = submit_with_suggestions(
        project, rec.id, [], "Asha", model_sha256=SHA, predictions=_preds()
    )
    assert sub.shapes == () and {o["outcome"] for o in fb.outcomes} == {"unreviewed"}


def test_classifier_report_counts_the_top_suggestion() -> None:
    items = [
        FeedbackItem(
            "m",
            "a",
            "a.jpg",
            [
                {"type": "tag", "label": "tree", "score": 0.7, "outcome": "accepted", "shape": 0},
                {"type": "tag", "label": "house", "score": 0.2, "outcome": "unreviewed"},
            ],
            [{"type": "tag", "label": "tree", "attrs": {"origin": "accepted"}}],
        ),
        FeedbackItem(
            "m",
            "b",
            "b.jpg",
            [
                {"type": "tag", "label": "tree", "score": 0.6, "outcome": "unreviewed"},
            ],
            [{"type": "tag", "label": "house"}],
        ),
    ]
    card = report_card(items)["m"]
    assert (card.labels["tree"].tp, card.labels["tree"].fp) == (1, 1)
    assert card.labels["house"].fn == 1 and [h.image_path for h in card.hard] == ["b.jpg"]


def test_schema_5_keeps_delivery_state_and_admits_feedback(tmp_path: Path) -> None:
    from labeler.store import Store

    path = tmp_path / "old.hitl"
    with Store(path, create=True, target_version=4) as old:
        old.execute(
            "INSERT INTO delivery (record_type, record_uuid, delivered_at) VALUES"
            " ('submission', 'u-1', '2026-01-01T00:00:00.000Z')"
        )
        with pytest.raises(sqlite3.IntegrityError):
            old.execute("INSERT INTO delivery (record_type, record_uuid) VALUES ('feedback', 'f')")
    with Store(path) as new:
        assert new.query("SELECT record_uuid, delivered_at FROM delivery") == [
            {"record_uuid": "u-1", "delivered_at": "2026-01-01T00:00:00.000Z"}
        ]
        new.execute("INSERT INTO delivery (record_type, record_uuid) VALUES ('feedback', 'f')")
