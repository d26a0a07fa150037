"""A read-only project (a write-protected drive, a file marked read-only) opens for viewing:
a banner says so, in English and Hindi; drawing and submitting say why nothing is saved;
the file is not changed."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt

from labeler.project import Project
from tests.read_only import read_only_file
from tests.ui.app_look import restore_look_fixture  # noqa: F401 (a fixture)
from tests.ui.window_helpers import OpenWindow, new_project, settled


def test_a_read_only_project_opens_for_viewing_with_a_banner(
    qtbot, tmp_path: Path, open_window: OpenWindow, restore_look
) -> None:  # type: ignore[no-untyped-def]
    p = new_project(tmp_path, 3)
    path = Path(p.path)
    p.close()
    before = path.read_bytes()
    with read_only_file(path):
        w = open_window(Project.open(path))  # as the app opens it: rescan and all
        assert w.read_only.isVisible()
        assert "read-only" in w.read_only.text() and "copy the project folder" in w.read_only.text()
        assert w.canvas.has_pixmap()  # the images can be looked at
        w.session.submit(allow_empty=True)  # refused, said in plain words
        qtbot.waitUntil(lambda: w.message.isVisible(), timeout=3_000)
        assert "read-only" in w.message.text()
        first = w.session.current
        w.canvas.setFocus()
        qtbot.keyClick(w.canvas, Qt.Key.Key_D)  # moving on works: looking is not writing
        qtbot.waitUntil(lambda: settled(w) and w.session.current != first, timeout=5_000)
        w.apply_settings(replace(w.settings, language="hi"))
        qtbot.waitUntil(lambda: "केवल पढ़" in w.read_only.text(), timeout=3_000)
        w.grab().save(str(tmp_path / "read_only_hi.png"))
    assert path.read_bytes() == before
