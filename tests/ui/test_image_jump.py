"""A jump: the worker clicks an image deep in the list, one never decoded. It must show
sharp as soon as the click completes: nothing else decodes beside it, and its decode starts
when the row is pressed, not when the button comes up."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from tests.ui.window_helpers import OpenWindow, new_project


def test_after_a_jump_nothing_is_decoded_ahead_until_the_jumped_to_image_is_shown(
    qtbot: QtBot, tmp_path: Path, open_window: OpenWindow
) -> None:
    """A click deep in the list: the decode the worker waits for has the CPU to itself; the
    images after it are decoded ahead once it is on screen, not beside it."""
    project = new_project(tmp_path, 12, size=(1600, 1200))
    w = open_window(project, refresh_folder=False)
    qtbot.waitUntil(lambda: not w.prefetcher.busy(), timeout=10_000)
    target = project.queue.page("all", 0, 100)[9]
    w.prefetcher.forget(target.id)
    events: list[str] = []
    submit = w.prefetcher.ahead.submit

    def ahead_submit(*args, **kwargs):  # type: ignore[no-untyped-def]
        events.append("ahead")
        return submit(*args, **kwargs)

    def ready(image_id: int) -> None:
        if image_id == target.id:
            events.append("shown" if w.session.showing_full else "ready")

    w.prefetcher.ahead.submit = ahead_submit  # type: ignore[method-assign]
    w.prefetcher.ready.connect(ready)
    w.queue_panel.imageActivated.emit(target.id)  # what a click on its row does
    qtbot.waitUntil(lambda: w.session.showing_full, timeout=10_000)
    qtbot.waitUntil(lambda: "ahead" in events and not w.prefetcher.busy(), timeout=10_000)
    assert events[0] == "shown"  # before any decode ahead was started
    nxt = project.queue.step(target.seq, True, "todo")
    assert nxt is not None and w.prefetcher.get(nxt.id) is not None  # then the next one


def test_pressing_a_row_decodes_its_image_so_the_click_shows_it_sharp_at_once(
    qtbot: QtBot, tmp_path: Path, open_window: OpenWindow
) -> None:
    project = new_project(tmp_path, 12, size=(1600, 1200))
    w = open_window(project, refresh_folder=False)
    qtbot.waitUntil(lambda: not w.prefetcher.busy(), timeout=10_000)
    shown = w.session.current
    panel = w.queue_panel
    row = 9
    index = panel.model.index(row)
    panel.list.scrollTo(index)  # the row on screen, its record read (the list reads lazily)
    qtbot.waitUntil(lambda: index.data(Qt.ItemDataRole.UserRole) is not None, timeout=10_000)
    target = int(index.data(Qt.ItemDataRole.UserRole))
    assert w.prefetcher.get(target) is None  # never decoded
    where = panel.list.visualRect(index).center()
    QTest.mousePress(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.waitUntil(lambda: w.prefetcher.get(target) is not None, timeout=10_000)
    assert w.session.current is shown  # the button is still down: nothing changed yet
    decoded = w.prefetcher.decoded
    QTest.mouseRelease(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert w.session.current is not None and w.session.current.id == target
    assert w.session.showing_full and w.canvas.has_pixmap()  # sharp, with no event processed
    assert w.prefetcher.decoded == decoded  # and not decoded a second time
