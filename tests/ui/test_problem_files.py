"""Hostile files copied into the folder while the app is closed: the start-up rescan lists
them as problem files with their reasons (a bomb image, a name that is not UTF-8), like any
other, in English and Hindi; the rest of the queue is untouched."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from tests.labeler.test_scan_hostile import png_header_only
from tests.ui.app_look import restore_look_fixture  # noqa: F401 (a fixture)
from tests.ui.window_helpers import OpenWindow, new_project


def test_the_start_up_rescan_lists_bombs_and_bad_names(
    qtbot, tmp_path: Path, open_window: OpenWindow, restore_look
) -> None:  # type: ignore[no-untyped-def]
    project = new_project(tmp_path, 2)
    images = project.image_root
    png_header_only(images / "bomb.png", 30000, 30000)
    with open(os.fsencode(images) + b"/caf\xe9.jpg", "wb") as f:
        f.write((images / "img_00000.jpg").read_bytes())
    w = open_window(project)  # opening rescans the folder in the background
    qtbot.waitUntil(lambda: len(project.index.problems()) == 2, timeout=15_000)
    w.queue_panel.set_filter("problems")
    model = w.queue_panel.model
    qtbot.waitUntil(lambda: model.rowCount() == 2, timeout=10_000)

    def reasons() -> dict[str, str]:
        out = {}
        for i in range(2):
            row = model.index(i)
            qtbot.waitUntil(lambda row=row: not row.data().endswith("…"), timeout=5_000)
            w.queue_panel.list.activated.emit(row)
            qtbot.waitUntil(lambda: w.stack.currentWidget() is w.problem_panel, timeout=5_000)
            out[w.problem_panel.path] = w.problem_panel.reason.text()
        return out

    english = reasons()
    assert "too large to open safely: 30000x30000" in english["bomb.png"]
    assert "rename the file" in english["caf\\xe9.jpg"]
    w.apply_settings(replace(w.settings, language="hi"))
    hindi = reasons()
    assert "चित्र खोलने के लिए बहुत बड़ा है" in hindi["bomb.png"]
    assert "फ़ाइल का नाम बदलें" in hindi["caf\\xe9.jpg"]
