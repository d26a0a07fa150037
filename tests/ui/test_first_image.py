"""A new worker's first image, from a fresh profile, using only what the screen shows.

After "who is working?", the screen says how to draw, which label the next box gets and
which key submits; the worker needs three actions for a correct box (label key, drag,
Enter). The test reads each step off the screen (the hint line, the palette's buttons, the
indicator) instead of knowing the keys, and counts the actions (at most five).
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from labeler.annotations import ShapeType
from labeler.sample import create_sample_project
from tests.ui.window_helpers import close, settled, when_dialog
from ui.app import open_window
from ui.worker_dialog import WorkerDialog

HOUSE = (0.10, 0.36, 0.30, 0.66)  # the left house of village_01.jpg, as fractions


def test_first_image_takes_three_actions_read_off_the_screen(qtbot: QtBot, tmp_path: Path) -> None:
    path = create_sample_project(tmp_path / "sample")

    def new_worker(d: QWidget) -> None:
        assert isinstance(d, WorkerDialog)
        d.name_edit.setText("Sunita")
        d.add_button.click()

    when_dialog(WorkerDialog, new_worker)  # choosing the worker: before the count starts
    _app, w, project = open_window([str(path)])
    assert w is not None and project is not None
    try:
        qtbot.waitUntil(lambda: settled(w), timeout=15_000)
        QTest.qWaitForWindowExposed(w)
        actions = 0
        rec = w.session.current
        assert rec is not None and rec.path.endswith("village_01.jpg")

        # what the screen says: draw by dragging, a number key picks the label, Enter submits
        hint = w.hint.text()
        assert w.hint.isVisible() and "Drag" in hint and "Enter" in hint
        assert w.indicator.text.text().startswith("New shapes get:")

        # the palette shows each label's key on its button: "2   House · घर"
        house = next(b for b in w.palette.buttons.values() if "House" in b.text())
        key = re.match(r"\s*(\S+)\s", house.text()).group(1)  # type: ignore[union-attr]
        QTest.keyClick(w.canvas, getattr(Qt.Key, f"Key_{key}"))
        actions += 1
        assert "House" in w.indicator.text.text()  # the screen confirms the next box's label

        width, height = w.canvas.image_size
        x1, y1, x2, y2 = HOUSE
        a = w.canvas.mapFromScene(QPointF(x1 * width, y1 * height))
        b = w.canvas.mapFromScene(QPointF(x2 * width, y2 * height))
        vp = w.canvas.viewport()
        QTest.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, a)
        for i in range(1, 5):
            QTest.mouseMove(vp, a + (b - a) * (i / 4))
        QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, b)
        actions += 1  # one drag
        assert [r for _, r in w.shape_list.rows()] == ["1. House · box"]  # the screen shows it

        submit_key = "Enter" if "Enter" in hint else ""
        assert submit_key and "Enter" in w.actions["submit"].toolTip()
        QTest.keyClick(w.canvas, Qt.Key.Key_Return)
        actions += 1

        [sub] = list(project.work.submissions())
        assert sub.image_path.endswith("village_01.jpg") and sub.worker == "Sunita"
        [box] = sub.shapes
        assert box.type is ShapeType.BOX and box.label == "house"
        got = (box.bbox[0] / width, box.bbox[1] / height, box.bbox[2] / width, box.bbox[3] / height)
        assert all(abs(g - e) < 0.02 for g, e in zip(got, HOUSE, strict=True))
        assert w.session.current is not None and w.session.current.id != rec.id  # moved on
        assert actions == 3 <= 5
    finally:
        close(qtbot, w)
        project.close()
