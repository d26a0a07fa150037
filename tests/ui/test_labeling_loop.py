"""The labeling loop driven like a worker does: mouse on the canvas, keys for the rest."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from labeler.annotations import ShapeType
from labeler.project import Project
from labeler.queue import Status
from tests.ui.window_helpers import OpenWindow, at, close, drag, key, new_project
from ui.canvas import Tool

K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier


def test_draw_label_undo_redo_submit_and_resume(
    qtbot: QtBot, tmp_path: Path, open_window: OpenWindow
) -> None:
    project = new_project(tmp_path, 4)
    path = project.path
    w = open_window(project)
    first = w.session.current
    assert first is not None and first.path == "img_00000.jpg"

    key(w, K.Key_B)
    assert w.canvas.tool is Tool.BOX
    drag(w.canvas.viewport(), at(w, 40, 30), at(w, 200, 150))
    [shape] = w.model.shapes()
    assert shape.type is ShapeType.BOX and shape.label == "tree"  # the first label by default
    x1, y1, x2, y2 = shape.bbox
    assert abs(x1 - 40) < 2 and abs(y1 - 30) < 2 and abs(x2 - 200) < 2 and abs(y2 - 150) < 2
    assert project.work.draft(first.id) == [shape]  # saved as a draft at once

    key(w, K.Key_2)  # nothing selected: the key sets the next shape's label, not this one's
    assert [s.label for s in w.model.shapes()] == ["tree"] and w.canvas.current_label == "house"
    QTest.mouseClick(w.canvas.viewport(), Qt.MouseButton.LeftButton, pos=at(w, 120, 90))
    assert len(w.canvas.selected) == 1  # a click selects it, even with the box tool
    key(w, K.Key_2)  # the worker selected it: now the key relabels it
    assert [s.label for s in w.model.shapes()] == ["house"]
    key(w, K.Key_Z, CTRL)
    assert [s.label for s in w.model.shapes()] == ["tree"]
    assert [s.label for s in project.work.draft(first.id) or []] == ["tree"]
    key(w, K.Key_Y, CTRL)
    assert [s.label for s in w.model.shapes()] == ["house"]

    key(w, K.Key_Return)
    [sub] = list(project.work.submissions())
    assert sub.image_path == "img_00000.jpg" and [s.label for s in sub.shapes] == ["house"]
    second = w.session.current
    assert second is not None and second.path == "img_00001.jpg"
    qtbot.waitUntil(w.canvas.has_pixmap, timeout=5_000)
    key(w, K.Key_D)  # next image, then back
    assert w.session.current is not None and w.session.current.path == "img_00002.jpg"
    key(w, K.Key_A)
    assert w.session.current.path == "img_00001.jpg"
    QApplication.processEvents()  # the position is saved right after the image is shown

    close(qtbot, w)
    project.close()  # the app is gone: a fresh start opens the file again
    again = Project.open(path)
    try:
        w2 = open_window(again)
        assert w2.session.current is not None and w2.session.current.path == "img_00001.jpg"
        assert again.queue.get(first.id).status is Status.SUBMITTED
        assert [s.label for s in again.work.latest_for_image(first.id).shapes] == ["house"]  # type: ignore[union-attr]
        model = w2.queue_panel.model
        qtbot.waitUntil(lambda: model.rowCount() == 3, timeout=5_000)  # submitted: not to do
        assert "Image 2 of 4" in w2.queue_panel.position.text()  # its place in the project
    finally:
        close(qtbot, w2)


def test_submit_with_invalid_shape_shows_the_reason_and_stays(
    qtbot: QtBot, tmp_path: Path, open_window: OpenWindow
) -> None:
    project = new_project(tmp_path, 2, kind="polygons")
    w = open_window(project)
    first = w.session.current
    key(w, K.Key_P)
    for x, y in ((20, 20), (60, 60), (100, 100)):  # three corners on one line: no area
        vp = w.canvas.viewport()
        from PySide6.QtTest import QTest

        QTest.mouseClick(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at(w, x, y))
    key(w, K.Key_Return)  # closes the polygon, does not submit
    assert len(w.model.shapes()) == 1 and w.session.current == first
    key(w, K.Key_Return)  # now submit: the core refuses it
    assert w.session.current == first
    assert w.message.isVisible() and "polygon" in w.message.text()
    assert list(project.work.submissions()) == []
    key(w, K.Key_Z, CTRL)  # undo the polygon; "nothing here" submits it empty
    key(w, K.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert len(list(project.work.submissions())) == 1 and w.session.current != first


def test_select_move_resize_delete_with_the_mouse(
    qtbot: QtBot, tmp_path: Path, open_window: OpenWindow
) -> None:
    project = new_project(tmp_path, 1)
    w = open_window(project)
    vp = w.canvas.viewport()
    key(w, K.Key_B)
    drag(vp, at(w, 50, 50), at(w, 150, 120))
    key(w, K.Key_V)
    drag(vp, at(w, 100, 80), at(w, 130, 100))  # move by (+30, +20)
    x1, y1, x2, y2 = w.model.shapes()[0].bbox
    assert abs(x1 - 80) < 2 and abs(y1 - 70) < 2 and abs(x2 - 180) < 2
    drag(vp, at(w, 180, 140), at(w, 250, 200))  # bottom-right handle
    x1, y1, x2, y2 = w.model.shapes()[0].bbox
    assert abs(x1 - 80) < 2 and abs(x2 - 250) < 2 and abs(y2 - 200) < 2
    assert w.model.stack is not None and w.model.stack.count() == 3  # add, move, resize
    key(w, K.Key_Delete)
    assert w.model.shapes() == [] and project.work.draft(w.session.current.id) == []  # type: ignore[union-attr]
    key(w, K.Key_Z, CTRL)
    assert len(w.model.shapes()) == 1


def test_zoom_keeps_the_point_under_the_cursor_and_space_drag_pans(
    qtbot: QtBot, tmp_path: Path, open_window: OpenWindow
) -> None:
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QWheelEvent

    project = new_project(tmp_path, 1, size=(800, 600))
    w = open_window(project)
    c = w.canvas
    where = at(w, 600, 150)
    before = c.mapToScene(where)
    scale = c.transform().m11()
    ev = QWheelEvent(
        QPointF(where),
        QPointF(c.viewport().mapToGlobal(where)),
        QPointF(0, 0).toPoint(),
        QPointF(0, 240).toPoint(),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(c.viewport(), ev)
    assert c.transform().m11() > scale * 1.5
    after = c.mapToScene(where)
    assert abs(after.x() - before.x()) < 2 and abs(after.y() - before.y()) < 2
    centre = c.mapToScene(c.viewport().rect().center())
    from PySide6.QtTest import QTest

    QTest.keyPress(c, K.Key_Space)
    drag(
        c.viewport(),
        c.viewport().rect().center(),
        c.viewport().rect().center() + QPointF(-100, 0).toPoint(),
    )
    QTest.keyRelease(c, K.Key_Space)
    moved = c.mapToScene(c.viewport().rect().center())
    assert moved.x() > centre.x() + 20  # the image moved left under the hand
    assert w.model.shapes() == []  # panning drew nothing
    key(w, K.Key_Home)
    assert abs(c.transform().m11() - scale) < 1e-6
    key(w, K.Key_1, CTRL)
    assert abs(c.transform().m11() - 1.0) < 1e-6


def test_classification_by_number_keys_alone(
    qtbot: QtBot, tmp_path: Path, open_window: OpenWindow
) -> None:
    project = new_project(tmp_path, 50, kind="classification", size=(48, 32))
    w = open_window(project)
    assert w.canvas.allowed_tools() == {Tool.SELECT}
    assert not w.actions["tool_box"].isVisible()
    keys = [K.Key_1, K.Key_2, K.Key_3]
    labels = ["tree", "house", "cattle"]
    for i in range(50):
        assert w.session.current is not None
        key(w, keys[i % 3])  # label + submit + next
    assert w.session.current is None and w.stack.currentWidget() is w.done_panel
    subs = sorted(project.work.latest_submissions(), key=lambda s: s.image_path)
    assert len(subs) == 50
    for i, sub in enumerate(subs):
        assert [(s.type, s.label) for s in sub.shapes] == [(ShapeType.TAG, labels[i % 3])]
    assert project.queue.count("todo") == 0


def test_mixed_project_labels_the_whole_image_in_tag_mode(
    qtbot: QtBot, tmp_path: Path, open_window: OpenWindow
) -> None:
    project = new_project(tmp_path, 2, kind="boxes+multilabel")
    w = open_window(project)
    assert w.actions["tag_mode"].isVisible()
    key(w, K.Key_T)  # label keys now label the whole image
    key(w, K.Key_1)
    key(w, K.Key_2)
    key(w, K.Key_1)  # a second press takes the label off again
    assert w.model.tags() == ["house"]
    assert "House" in w.tags_line.text()
    key(w, K.Key_T)
    key(w, K.Key_B)
    key(w, K.Key_3)  # the next box is cattle; the image label stays
    drag(w.canvas.viewport(), at(w, 20, 20), at(w, 90, 90))
    key(w, K.Key_Return)
    [sub] = list(project.work.submissions())
    assert sorted((s.type, s.label) for s in sub.shapes) == [
        (ShapeType.BOX, "cattle"),
        (ShapeType.TAG, "house"),
    ]


def test_enter_on_an_unchanged_submitted_image_adds_no_revision(
    qtbot: QtBot, tmp_path: Path, open_window: OpenWindow
) -> None:
    project = new_project(tmp_path, 3)
    w = open_window(project)
    first = w.session.current
    key(w, K.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    w.session.go_to(first.id)  # type: ignore[union-attr]
    key(w, K.Key_Return)  # looked again, changed nothing
    assert len(list(project.work.submissions())) == 1
    w.session.go_to(first.id)  # type: ignore[union-attr]
    key(w, K.Key_E, CTRL)  # correct it: an explicit act
    key(w, K.Key_B)
    drag(w.canvas.viewport(), at(w, 10, 10), at(w, 50, 50))
    key(w, K.Key_Return)  # a correction: revision 2
    revisions = sorted(s.revision for s in project.work.submissions())
    assert revisions == [1, 2]


def test_shapes_by_keyboard_alone_tab_relabel_nudge_delete(
    qtbot: QtBot, tmp_path: Path, open_window: OpenWindow
) -> None:
    project = new_project(tmp_path, 1)
    w = open_window(project)
    key(w, K.Key_B)
    drag(w.canvas.viewport(), at(w, 10, 10), at(w, 60, 60))
    drag(w.canvas.viewport(), at(w, 100, 100), at(w, 160, 150))
    key(w, K.Key_Escape)
    assert w.canvas.selected == []
    key(w, K.Key_Tab)
    key(w, K.Key_3)  # relabel the first box
    assert [s.label for s in w.model.shapes()] == ["cattle", "tree"]
    key(w, K.Key_Tab)
    before = w.model.shapes()[1].bbox
    key(w, K.Key_Right)
    key(w, K.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    after = w.model.shapes()[1].bbox
    assert after[0] - before[0] == 1 and after[1] - before[1] == 10
    key(w, K.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)  # back to the first
    key(w, K.Key_Delete)
    assert [s.label for s in w.model.shapes()] == ["tree"]
