"""Model suggestions in the real window: accepted, edited, relabeled and rejected from the
keyboard, recorded on submit; a broken model is reported once and labeling goes on."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from labeler.models.outcomes import feedback_records
from labeler.models.runtime import sha256_of
from labeler.models.spec import ModelSpec
from labeler.project import Project
from tests.onnx_models import detector, mean_colour_classifier
from tests.ui.window_helpers import OpenWindow, key, new_project

K = Qt.Key
SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier
# images are 320x240: letterboxed into 640x640 at scale 2 with 80 px of padding above
DETECTIONS = [
    (140, 200, 200, 160, 0, 0.9),  # tree (20, 20)-(120, 100)
    (450, 420, 300, 200, 1, 0.8),  # house (150, 120)-(300, 220)
    (460, 180, 120, 120, 0, 0.6),  # tree (200, 20)-(260, 80)
]


def _with_model(tmp_path: Path, n: int = 3) -> Project:
    project = new_project(tmp_path, n)
    f = detector(tmp_path / "forest.onnx", DETECTIONS, ["tree", "house"])
    project.models.add_file(f, ModelSpec("detect", ("tree", "house"), name="forest"))
    return project


def test_accept_edit_reject_from_the_keyboard(
    qtbot: QtBot, tmp_path: Path, open_window: OpenWindow
) -> None:
    project = _with_model(tmp_path)
    w = open_window(project)
    hook = w.suggest_hook
    assert hook is not None
    qtbot.waitUntil(lambda: len(hook.layer.items) == 3, timeout=20_000)
    assert w.model.shapes() == []  # suggestions are not the worker's shapes

    key(w, K.Key_Y)  # accept the best: the tree at (20, 20)
    [shape] = w.model.shapes()
    assert shape.label == "tree" and shape.bbox == (20, 20, 120, 100)
    assert len(hook.layer.items) == 2 and w.canvas.selected
    key(w, K.Key_Right, SHIFT)  # adjust it: 10 px to the right
    assert w.model.shapes()[0].bbox == (30, 20, 130, 100)
    assert hook.focus == 1  # the house is next
    key(w, K.Key_N)
    assert hook.focus == 2
    key(w, K.Key_N, SHIFT)
    assert hook.focus == 1
    key(w, K.Key_X)  # reject the house
    assert sorted(hook.layer.items) == [2]
    key(w, K.Key_Z, CTRL)  # undo the reject: the house is back
    assert sorted(hook.layer.items) == [1, 2]
    assert hook.focus == 2  # the focus stayed on the other tree: reject it, leave the house
    key(w, K.Key_X)
    first = w.session.current
    key(w, K.Key_Return)
    sub = project.work.latest_for_image(first.id)
    assert [(s.label, s.attrs.get("origin")) for s in sub.shapes] == [("tree", "edited")]
    [fb] = feedback_records(project)
    assert fb.submission_uuid == sub.uuid and fb.model_sha256 == hook.engine.sha256
    assert [o["outcome"] for o in fb.outcomes] == ["edited", "unreviewed", "rejected"]

    # the next image: accept all with one key, relabel the last one, submit
    qtbot.waitUntil(lambda: len(hook.layer.items) == 3, timeout=20_000)
    key(w, K.Key_Y, SHIFT)
    assert len(w.model.shapes()) == 3 and not hook.layer.items
    key(w, K.Key_2)  # the selected (last accepted) tree becomes a house
    key(w, K.Key_Return)
    fb2 = feedback_records(project)[1]
    assert [o["outcome"] for o in fb2.outcomes] == ["accepted", "accepted", "relabeled"]
    sub2 = project.work.submission(fb2.submission_uuid)
    assert [s.attrs.get("origin") for s in sub2.shapes] == ["accepted", "accepted", "edited"]


def test_nothing_predicted_is_submitted_unless_accepted(
    qtbot: QtBot, tmp_path: Path, open_window: OpenWindow
) -> None:
    project = _with_model(tmp_path, 1)
    w = open_window(project)
    qtbot.waitUntil(lambda: len(w.suggest_hook.layer.items) == 3, timeout=20_000)
    rec = w.session.current
    key(w, K.Key_Return, SHIFT)  # "nothing here": the suggestions were not accepted
    assert project.work.latest_for_image(rec.id).shapes == ()
    [fb] = feedback_records(project)
    assert {o["outcome"] for o in fb.outcomes} == {"unreviewed"}


def test_predictions_run_ahead_and_are_cached(
    qtbot: QtBot, tmp_path: Path, open_window: OpenWindow
) -> None:
    project = _with_model(tmp_path, 4)
    w = open_window(project)
    sha = w.suggest_hook.engine.sha256
    qtbot.waitUntil(lambda: project.models.cached_count(sha) == 4, timeout=30_000)
    runs = w.suggest_hook.engine.runs
    assert w.suggest_hook.engine.model_pid not in (None, os.getpid())  # in its own process
    key(w, K.Key_D)  # the next image's suggestions are there before the worker is
    assert w.suggest_hook.pending() == [0, 1, 2]  # (Y works at once)
    qtbot.waitUntil(lambda: len(w.suggest_hook.layer.items) == 3, timeout=1000)  # drawn
    assert w.suggest_hook.engine.runs == runs


def test_a_broken_model_is_reported_once_and_labeling_goes_on(
    qtbot: QtBot, tmp_path: Path, open_window: OpenWindow
) -> None:
    project = new_project(tmp_path, 2)
    broken = tmp_path / "broken.onnx"
    broken.write_bytes(b"this is not a model")
    sha = sha256_of(broken)
    project.models.expect(ModelSpec("detect", ("tree",), sha256=sha))
    project.models.place_file(broken, sha)
    w = open_window(project)
    qtbot.waitUntil(lambda: "suggestions are off" in w.message.text(), timeout=20_000)
    assert w.message.isVisible() and "not a usable ONNX model" in w.message.text()
    rec = w.session.current
    key(w, K.Key_Return, SHIFT)  # the worker goes on ("nothing here")
    assert project.work.latest_for_image(rec.id) is not None
    assert project.models.get(sha).problem
    w.close()
    w2 = open_window(project)  # said once: not again on the next start
    qtbot.waitUntil(lambda: not w2.suggest_hook.engine.alive, timeout=20_000)
    assert "suggestions are off" not in w2.message.text()


def test_classification_suggestions_mark_the_palette(
    qtbot: QtBot, tmp_path: Path, open_window: OpenWindow
) -> None:
    project = new_project(tmp_path, 2, kind="classification")
    f = mean_colour_classifier(tmp_path / "colour.onnx", scale=3.0)
    project.models.add_file(
        f, ModelSpec("classify", ("tree", "house", "cattle"), (224, 224), score_threshold=0.2)
    )
    w = open_window(project)
    qtbot.waitUntil(lambda: bool(w.palette.suggested), timeout=20_000)
    top = max(w.palette.suggested, key=w.palette.suggested.get)
    assert "★" in w.palette.buttons[top].text()
    rec = w.session.current
    key(w, K.Key_Y)  # take the best label: submitted, next image
    sub = project.work.latest_for_image(rec.id)
    assert [s.label for s in sub.shapes] == [top] and sub.shapes[0].attrs["origin"] == "accepted"
    assert feedback_records(project)[0].outcomes[0]["outcome"] == "accepted"


def test_the_report_card_widget_for_the_station(qtbot: QtBot, tmp_path: Path) -> None:
    from labeler.annotations import Shape
    from labeler.models.outcomes import from_suggestion, submit_with_suggestions
    from labeler.models.predictions import Prediction
    from ui.model_report import ModelReportWidget

    project = new_project(tmp_path, 2)
    preds = [
        Prediction(Shape.box("tree", 1, 1, 50, 50), 0.9),
        Prediction(Shape.box("house", 60, 60, 120, 120), 0.7),
    ]
    rec = project.queue.next_todo()
    submit_with_suggestions(
        project,
        rec.id,
        [from_suggestion(preds[0], 0)],
        "Asha",
        model_sha256="c" * 64,
        predictions=preds,
        rejected={1},
    )
    widget = ModelReportWidget(project)
    qtbot.addWidget(widget)
    cells = {
        widget.table.item(r, 1).text(): widget.table.item(r, 5).text()
        for r in range(widget.table.rowCount())
    }
    assert cells["Tree"] == "100%" and cells["House"] == "0%"
    assert "1 images checked" in widget.title.text() and widget.export_button.isEnabled()
    out = widget.export_to(tmp_path / "hard.csv")
    assert rec.path in out.read_text("utf-8")
    project.close()


def test_rejections_are_kept_with_the_draft_across_a_restart(
    qtbot: QtBot, tmp_path: Path, open_window: OpenWindow
) -> None:
    project = _with_model(tmp_path, 2)
    w = open_window(project)
    hook = w.suggest_hook
    qtbot.waitUntil(lambda: len(hook.layer.items) == 3, timeout=20_000)
    rec = w.session.current
    key(w, K.Key_X)  # reject the best (the tree at (20, 20)), then the house
    key(w, K.Key_X)
    assert sorted(hook.layer.items) == [2]
    w.close()  # the app ends before submit (as after a power cut: the draft is on disk)

    w2 = open_window(project)
    hook2 = w2.suggest_hook
    assert w2.session.current.id == rec.id
    qtbot.waitUntil(lambda: len(hook2.layer.items) == 1, timeout=20_000)
    assert sorted(hook2.layer.items) == [2]  # the two rejected ones stay rejected
    key(w2, K.Key_Z, CTRL)  # nothing to undo from before the restart: still the same
    key(w2, K.Key_Return, SHIFT)  # "nothing here"
    [fb] = feedback_records(project)
    assert [o["outcome"] for o in fb.outcomes] == ["rejected", "rejected", "unreviewed"]


def test_the_model_can_run_on_the_apps_thread_instead(
    qtbot: QtBot, tmp_path: Path, open_window: OpenWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ui.suggestion_engine

    monkeypatch.setattr(ui.suggestion_engine, "OWN_PROCESS", False)  # as when none can start
    project = _with_model(tmp_path, 1)
    w = open_window(project)
    qtbot.waitUntil(lambda: len(w.suggest_hook.layer.items) == 3, timeout=20_000)
    assert w.suggest_hook.engine.model_pid == os.getpid()


def test_closing_the_window_while_the_model_runs_ends_its_process_quietly(
    qtbot: QtBot, tmp_path: Path, open_window: OpenWindow
) -> None:
    from tests.onnx_models import yolov8n_sized

    project = new_project(tmp_path, 3)
    net = yolov8n_sized(tmp_path / "slow.onnx", nc=2)  # a real network's time per image
    project.models.add_file(net, ModelSpec("detect", ("tree", "house"), name="slow"))
    w = open_window(project)
    engine = w.suggest_hook.engine
    qtbot.waitUntil(lambda: engine.running, timeout=30_000)  # in the middle of an image
    child = engine._model.process
    w.close()
    assert not child.is_alive()  # ended, not left running
    assert not project.models.get(engine.sha256).problem  # and not reported as broken
    assert "suggestions are off" not in w.message.text()
