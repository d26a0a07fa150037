"""The supervisor's USB panel drives the whole flow: notice the drive, export, push, import."""

from __future__ import annotations

import errno
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDockWidget
from pytestqt.qtbot import QtBot

from sync.usb import files
from sync.usb.pcstate import pc_status
from sync.usb.relay import save_relay
from tests.sync.conftest import RunningServer
from tests.sync.support import label_all, make_pc
from ui.usb_panel import UsbPanel

TIMEOUT = 15_000


@pytest.fixture
def usb_server(tmp_path: Path) -> Iterator[RunningServer]:
    """The real central server on 127.0.0.1 (as in tests/sync)."""
    running = RunningServer(tmp_path / "server-data")
    running.start()
    try:
        yield running
    finally:
        running.close()


@pytest.fixture
def panel_for(qtbot: QtBot) -> Iterator:
    made: list[UsbPanel] = []

    def make(project_path: str | None, roots: list[Path]) -> UsbPanel:
        panel = UsbPanel(project_path, roots=roots, poll_ms=200)
        qtbot.addWidget(panel)
        panel.show()
        panel.start()
        made.append(panel)
        return panel

    yield make
    for p in made:
        p.shutdown()


def _files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def _idle(panel: UsbPanel) -> bool:
    return not panel._busy and not panel.runner.busy()


def test_panel_drives_export_push_import(
    qtbot: QtBot,
    panel_for,
    usb_server: RunningServer,
    tmp_path: Path,
) -> None:
    info = usb_server.create_project("Forest")
    relay_file = tmp_path / "supervisor.hitl-relay"
    relay_file.write_text(json.dumps(usb_server.enroll_relay(info.id)), "utf-8")
    pc = make_pc(tmp_path / "pc", usb_server.enroll_device(info.id, "Village A"), 5)
    uuids = label_all(pc)
    path = pc.path
    pc.close()
    media = tmp_path / "media"
    (media / "asha").mkdir(parents=True)
    panel = panel_for(path, [media])
    qtbot.waitUntil(
        lambda: _idle(panel) and "5 records not delivered" in panel.this_pc.text(), timeout=TIMEOUT
    )
    assert panel.drive is None and not panel.export_btn.isEnabled()
    assert not panel.push_btn.isVisible()  # no relay credentials on this machine yet

    # a drive that already carries the HITL folder is plugged in: noticed, nothing written
    stick = media / "asha" / "KINGSTON"
    (stick / "HITL").mkdir(parents=True)
    qtbot.waitUntil(lambda: panel.drive == stick, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: _idle(panel) and panel.export_btn.isEnabled(), timeout=TIMEOUT)
    assert _files_under(stick) == []

    with qtbot.waitSignal(panel.finished, timeout=TIMEOUT) as done:
        qtbot.mouseClick(panel.export_btn, _left())
    assert done.args[0] == "export" and done.args[1].written == [1]
    assert "1 packet of work copied to the drive" in panel.message.text()
    qtbot.waitUntil(lambda: _idle(panel) and panel.tree.topLevelItemCount() == 1, timeout=TIMEOUT)
    row = panel.tree.topLevelItem(0)
    assert row.text(2) == "1" and row.text(4) == "0"  # on drive 1, delivered 0

    save_relay(relay_file)  # the supervisor's laptop has relay credentials
    panel.refresh()
    qtbot.waitUntil(lambda: _idle(panel) and panel.push_btn.isVisible(), timeout=TIMEOUT)
    with qtbot.waitSignal(panel.finished, timeout=TIMEOUT) as done:
        qtbot.mouseClick(panel.push_btn, _left())
    assert done.args[0] == "push" and len(done.args[1].delivered) == 1
    qtbot.waitUntil(
        lambda: _idle(panel) and panel.tree.topLevelItem(0).text(3) == "1", timeout=TIMEOUT
    )

    with qtbot.waitSignal(panel.finished, timeout=TIMEOUT) as done:
        qtbot.mouseClick(panel.import_btn, _left())
    assert done.args[1].records_delivered == 5
    qtbot.waitUntil(
        lambda: _idle(panel) and "0 records not delivered" in panel.this_pc.text(), timeout=TIMEOUT
    )
    row = panel.tree.topLevelItem(0)
    assert row.text(3) == "0" and row.text(4) == "1"  # receipts taken, 1 bundle delivered
    from labeler.project import Project

    with Project.open(path) as project:
        assert pc_status(project).records_delivered == len(uuids)

    # the drive is pulled: the panel notices and the buttons go grey
    for p in sorted(stick.rglob("*"), reverse=True):
        p.unlink() if p.is_file() else p.rmdir()
    stick.rmdir()
    qtbot.waitUntil(
        lambda: panel.drive is None and not panel.export_btn.isEnabled(), timeout=TIMEOUT
    )


def test_panel_shows_a_full_drive_and_marks_nothing(
    qtbot: QtBot,
    panel_for,
    usb_server: RunningServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    info = usb_server.create_project("Forest")
    pc = make_pc(tmp_path / "pc", usb_server.enroll_device(info.id, "Village A"), 3)
    label_all(pc)
    path = pc.path
    pc.close()
    fresh = tmp_path / "fresh-stick"  # a new drive: no HITL folder, chosen by hand
    fresh.mkdir()
    panel = panel_for(path, [tmp_path / "media"])
    panel.use_drive(fresh)
    qtbot.waitUntil(lambda: _idle(panel) and panel.export_btn.isEnabled(), timeout=TIMEOUT)

    def full(p: Path, data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files, "write_and_sync", full)
    with qtbot.waitSignal(panel.failed, timeout=TIMEOUT) as failed:
        qtbot.mouseClick(panel.export_btn, _left())
    assert "drive is full" in failed.args[1]
    assert "drive is full" in panel.message.text() and not panel.progress.isVisible()
    from labeler.project import Project

    with Project.open(path) as project:
        assert pc_status(project).bundles_exported == []
    qtbot.waitUntil(lambda: _idle(panel), timeout=TIMEOUT)


def _left():  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_the_hook_puts_the_panel_in_its_own_window(
    qtbot: QtBot, open_window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """USB and sync open in a window of their own: the worker's canvas keeps its room."""
    from tests.ui.window_helpers import new_project
    from ui.usb_hook import UsbHook

    media = tmp_path / "media"
    media.mkdir()
    monkeypatch.setenv("HITL_USB_ROOTS", str(media))  # this test's folder is the mount root
    window = open_window(new_project(tmp_path / "p", 2))
    hook = getattr(window, "usb_hook", None) or UsbHook(window)
    try:
        show = window.actions["transfer"]
        assert show in window.menus["view"].actions() and show.text() == "USB drive and sync…"
        assert not window.findChildren(QDockWidget, "UsbPanel")  # no dock in the main window
        canvas_width = window.canvas.width()
        assert not window.transfer.isVisible()
        (media / "STICK" / "HITL").mkdir(parents=True)
        hook.panel.watcher.rescan()
        qtbot.waitUntil(
            lambda: "USB drive found" in window.statusBar().currentMessage(), timeout=TIMEOUT
        )
        show.trigger()
        assert window.transfer.isVisible() and window.transfer.isWindow()
        assert hook.panel.isVisible() and hook.panel.drive == media / "STICK"
        assert window.canvas.width() == canvas_width  # nothing squeezed the canvas
        qtbot.waitUntil(lambda: _idle(hook.panel), timeout=TIMEOUT)
        assert "not joined" in hook.panel.this_pc.text()
        assert not hook.panel.export_btn.isEnabled()  # nothing to carry from this PC yet
    finally:
        hook.stop()


def test_progress_words_of_a_push_read_in_hindi(qapp) -> None:  # type: ignore[no-untyped-def]
    """The push's progress line, including "server busy", is in the worker's language."""
    from PySide6.QtCore import QCoreApplication, QTranslator

    from ui.i18n import translation_file
    from ui.usb_words import progress_text

    assert progress_text("server busy; again in 7 s") == "server busy; sending again in 7 s"
    t = QTranslator()
    assert t.load(translation_file("hi"))
    QCoreApplication.installTranslator(t)
    try:
        assert progress_text("server busy; again in 7 s") == "सर्वर व्यस्त है; 7 सेकंड बाद फिर से भेजेंगे"
        assert progress_text("dev-1234 bundle 3") == "पैकेट 3"
    finally:
        QCoreApplication.removeTranslator(t)
