"""Run in a child process with a screen of a given size: open the app as a worker would and
print, as JSON, where every main panel lies (``test_small_screen.py`` reads it).

    QT_QPA_PLATFORM=offscreen:configfile=screen.json python -m tests.ui.layout_probe hi 1 0
"""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QRect
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QToolBar, QToolButton, QWidget

from labeler.project import Project
from labeler.sample import create_sample_project
from ui.app import open_window
from ui.settings import WorkerSettings

PANELS = ("queue_dock", "canvas", "palette_dock", "shapes_dock", "toolbar", "image_bar", "status")
LONG = "the central server did not answer in time; the work stays here and is sent later " * 3


def global_rect(w: QWidget) -> list[int]:
    r = QRect(w.mapToGlobal(w.rect().topLeft()), w.size())
    return [r.x(), r.y(), r.width(), r.height()]


def overflowing(bar: QToolBar) -> bool:
    """True when some of the bar's buttons are hidden behind its "»" button."""
    ext = bar.findChild(QToolButton, "qt_toolbar_ext_button")
    return bool(ext is not None and ext.isVisible())


def main(language: str, large: bool, contrast: bool) -> None:
    path = create_sample_project()
    with Project.open(path) as project:
        project.add_worker("Asha")
        WorkerSettings(language=language, large_text=large, high_contrast=contrast).save(
            project, "Asha"
        )
    app, window, _project = open_window([str(path), "--worker", "Asha"])
    assert window is not None
    QTest.qWaitForWindowExposed(window)
    while not window.canvas.has_pixmap():
        app.processEvents()
    window.status.set_sync_state(12, 3400, False, LONG)  # a long message must not widen it
    window.show_message(LONG)
    QTest.qWait(300)
    screen = window.screen().availableGeometry()
    out = {
        "screen": [screen.x(), screen.y(), screen.width(), screen.height()],
        "frame": [*window.frameGeometry().getRect()],
        "maximised": window.isMaximized(),
        "panels": {name: global_rect(getattr(window, name)) for name in PANELS},
        "visible": {name: getattr(window, name).isVisible() for name in PANELS},
        "overflow": {name: overflowing(getattr(window, name)) for name in ("toolbar", "image_bar")},
        "menu_title": window.menus["file"].title(),
        "status_elided": {
            part: getattr(window.status, part).is_elided()
            for part in ("worker", "today", "progress", "sync")
        },
    }
    window.close()
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] == "1", sys.argv[3] == "1")
