"""The line tool (L): a road or a wire drawn click by click, selected by a click on it,
moved by a handle, undone, submitted; and polylines imported from other tools shown."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from labeler.annotations import Shape, ShapeType
from tests.ui.window_helpers import OpenWindow, at, drag, key, new_project
from ui.canvas import Tool

K = Qt.Key
LEFT, NONE = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier


def click(w, x: float, y: float) -> None:
    QTest.mouseClick(w.canvas.viewport(), LEFT, NONE, at(w, x, y))


def test_draw_a_line_click_by_click(qtbot: QtBot, tmp_path: Path, open_window: OpenWindow):
    project = new_project(tmp_path, 2, kind="boxes+polylines")
    w = open_window(project)
    first = w.session.current
    assert first is not None
    key(w, K.Key_L)
    assert w.canvas.tool is Tool.POLYLINE
    assert w.actions["tool_polyline"].isVisible() and w.actions["tool_polyline"].isChecked()
    for x, y in ((20, 200), (120, 150), (120, 150), (300, 180)):  # a repeated click is one point
        click(w, x, y)
    assert w.model.shapes() == []  # not finished yet
    key(w, K.Key_Return)  # ends the line; does not submit
    [line] = w.model.shapes()
    assert line.type is ShapeType.POLYLINE and len(line.points) == 3
    assert all(
        abs(a - b) < 2
        for p, q in zip(line.points, [(20, 200), (120, 150), (300, 180)], strict=False)
        for a, b in zip(p, q, strict=False)
    )
    assert w.session.current == first and project.work.draft(first.id) == [line]

    # one click is not a line; Esc drops one in progress
    click(w, 50, 50)
    key(w, K.Key_Return)
    click(w, 60, 60)
    click(w, 90, 90)
    key(w, K.Key_Escape)
    assert w.model.shapes() == [line]

    # select it by clicking on the line (not inside any area), drag its middle point
    key(w, K.Key_V)
    click(w, 70, 175)  # on the first segment, between (20, 200) and (120, 150)
    assert len(w.canvas.selected) == 1  # the click on the line picked it
    drag(w.canvas.viewport(), at(w, 120, 150), at(w, 120, 100))
    [moved] = w.model.shapes()
    assert moved.type is ShapeType.POLYLINE and abs(moved.points[1][1] - 100) < 2
    key(w, K.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert w.model.shapes() == [line]

    key(w, K.Key_Return)  # submit
    sub = project.work.latest_for_image(first.id)
    assert sub is not None and list(sub.shapes) == [line]


def test_an_imported_polyline_is_drawn_and_clickable(
    qtbot: QtBot, tmp_path: Path, open_window: OpenWindow
):
    project = new_project(tmp_path, 1, kind="polylines")
    rec = project.queue.next_todo()
    assert rec is not None
    wire = Shape.polyline("house", [(10, 10), (300, 230)])
    project.work.save_draft(rec.id, [wire], "Asha")
    w = open_window(project)
    assert w.model.shapes() == [wire]
    assert w.canvas.allowed_tools() == {Tool.SELECT, Tool.POLYLINE}
    key(w, K.Key_V)
    click(w, 155, 120)  # on the wire
    assert len(w.canvas.selected) == 1
    click(w, 250, 40)  # far from it: nothing
    assert not w.canvas.selected


def test_a_lines_project_starts_with_the_line_tool_and_says_how(
    qtbot: QtBot, tmp_path: Path, open_window: OpenWindow
):
    w = open_window(new_project(tmp_path, 1, kind="polylines"))
    assert w.canvas.tool is Tool.POLYLINE  # a new worker starts drawing
    assert "Click along each line" in w.hint.text()
