"""Opening the real main window in tests, and real mouse input on its canvas."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QPoint, QPointF, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from labeler import taxonomy
from labeler.project import Project
from tests.conftest import TAXONOMY_TEXT, make_images
from ui.main_window import MainWindow
from ui.settings import WorkerSettings

OpenWindow = Callable[..., MainWindow]


def new_project(
    folder: Path, n: int, kind: str = "boxes", size: tuple[int, int] = (320, 240)
) -> Project:
    """A project over ``n`` fresh images; tests close it after its windows (``open_window``)."""
    make_images(folder / "images", n, size=size)
    p = Project.create(
        folder / "work.hitl",
        name="Test",
        image_root=folder / "images",
        kind=kind,
        taxonomy=taxonomy.parse(TAXONOMY_TEXT),
    )
    p.index.scan()
    p.index.hash_pending()
    return p


def settled(window: MainWindow) -> bool:
    """The window shows something final: a decoded image, a problem panel, or "all done"."""
    return (
        window.session.current is None
        or window.stack.currentWidget() is window.problem_panel
        or window.canvas.has_pixmap()
    )


@pytest.fixture
def open_window(qtbot: QtBot) -> Iterator[OpenWindow]:
    """Make main windows; each is closed (threads stopped) before its project closes."""
    made: list[MainWindow] = []
    projects: list[Project] = []

    def make(project: Project, worker: str = "Asha", **kw: object) -> MainWindow:
        projects.append(project)
        window = MainWindow(project, worker, WorkerSettings.load(project, worker), **kw)  # type: ignore[arg-type]
        made.append(window)
        window.resize(1200, 800)
        window.show()
        qtbot.waitUntil(lambda: settled(window), timeout=10_000)
        QApplication.processEvents()  # deferred panel updates
        return window

    yield make
    for window in made:
        close(qtbot, window)
    for project in projects:
        project.close()


def close(qtbot: QtBot, window: MainWindow) -> None:
    if not shiboken6.isValid(window):
        return
    if window.isVisible():
        window.close()
    with qtbot.waitSignal(window.destroyed, timeout=5_000):
        window.deleteLater()


def at(window: MainWindow, x: float, y: float) -> QPoint:
    """Viewport position of image pixel (x, y)."""
    return window.canvas.mapFromScene(QPointF(x, y))


def drag(
    widget: QWidget,
    a: QPoint,
    b: QPoint,
    modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    """Press, move in steps, release: what a hand on a mouse does."""
    QTest.mousePress(widget, Qt.MouseButton.LeftButton, modifiers, a)
    for i in range(1, 5):
        QTest.mouseMove(widget, a + (b - a) * (i / 4))
    QTest.mouseRelease(widget, Qt.MouseButton.LeftButton, modifiers, b)


def key(
    window: MainWindow, k: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    """A key on the canvas, with the window active as after a click (the offscreen platform
    does not give the window back its focus when a dialog closes; a desktop does)."""
    if QApplication.activeWindow() is not window:
        window.activateWindow()
        QTest.qWaitForWindowActive(window, 1000)
    QTest.keyClick(window.canvas, k, modifiers)


def when_dialog(kind: type[QWidget], act: Callable[[QWidget], None]) -> list[bool]:
    """Run ``act`` on the next modal dialog of ``kind`` once it is open."""
    seen: list[bool] = []

    def poll() -> None:
        d = QApplication.activeModalWidget()
        if isinstance(d, kind):
            seen.append(True)
            act(d)
        else:
            QTimer.singleShot(10, poll)

    QTimer.singleShot(0, poll)
    return seen
