"""Hindi on every screen: each window and dialog opened, each error forced through its real
path, and no English word left (key names, file names, numbers and the worker's own data
excepted). Large text is on, and every text must fit its widget (Devanagari marks too).
"""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from labeler.annotations import Shape
from labeler.errors import LabelerError, StoreError
from labeler.project import Project
from sync.client import SyncState
from sync.enrollment import read_enrollment
from sync.gold_seal import GoldSealError
from sync.http import HttpSession, OfflineError
from sync.usb.drive import Drive
from sync.usb.errors import DriveError
from sync.usb.export import ExportResult
from sync.usb.push import PushResult
from sync.usb.receive import ImportResult
from tests.conftest import TAXONOMY_TEXT
from tests.ui.app_look import restore_look_fixture  # noqa: F401 (a fixture)
from tests.ui.screen_text import english_in
from tests.ui.text_fit import clipped_texts
from tests.ui.window_helpers import OpenWindow, at, drag, key, new_project, when_dialog
from ui import errors, theme
from ui.dialogs.about_dialog import AboutDialog
from ui.dialogs.cheat_sheet import CheatSheet
from ui.dialogs.empty_dialog import EmptyImageDialog
from ui.dialogs.enroll_dialog import EnrollDialog
from ui.dialogs.flag_dialog import FlagDialog
from ui.dialogs.propose_dialog import ProposeDialog
from ui.dialogs.skip_dialog import SkipDialog
from ui.i18n import install_language
from ui.new_project_dialog import NewProjectDialog
from ui.settings import AppState, WorkerSettings
from ui.settings_dialog import SettingsDialog
from ui.start_screen import StartScreen
from ui.worker_dialog import WorkerDialog

K = Qt.Key
DATA = [TAXONOMY_TEXT, "Asha", "Test"]  # label names, the worker, the project: the user's words


@pytest.fixture(params=[False, True], ids=["calm", "high-contrast"])
def hindi_large(request: pytest.FixtureRequest, restore_look: QApplication) -> Iterator[bool]:
    """Hindi, large text, each look; the PC's own font shorter than Devanagari's marks."""
    restore_look.setFont(QFont("DejaVu Sans"))
    install_language(restore_look, "hi")
    theme.apply_theme(restore_look, large_text=True, high_contrast=request.param)
    yield request.param


def check(widget: QWidget, *data: str) -> None:
    QTest.qWait(30)  # layouts settle (a wrapped label's height follows its new text)
    english = english_in(widget, [*DATA, *data])
    assert not english, "English on a Hindi screen:\n" + "\n".join(english)
    clipped = clipped_texts(widget)
    assert not clipped, "text cut off:\n" + "\n".join(clipped)


def show(qtbot: QtBot, widget: QWidget) -> QWidget:
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def offline_error() -> OfflineError:
    """What a PC with no link gets from the real HTTP session."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nobody listens there
    session = HttpSession(f"http://127.0.0.1:{port}")
    try:
        session.request("GET", "/v1/health")
    except OfflineError as exc:
        return exc
    finally:
        session.close()
    raise AssertionError("a closed port answered")


def test_main_window_and_its_errors_are_all_hindi(
    qtbot: QtBot, tmp_path: Path, open_window: OpenWindow, hindi_large: bool
) -> None:
    project = new_project(tmp_path, 4)
    broken = tmp_path / "images" / "img_00002.jpg"
    broken.write_bytes(broken.read_bytes()[:200])  # a copy cut short: a problem image
    project.index.scan()
    w = open_window(project)
    data = [w.project.name, str(tmp_path)]
    check(w, *data)

    # a shape the core refuses: the reason in Hindi, on the strip above the image
    w.model.add(Shape.box("tree", 10, 10, 10.4, 60))
    key(w, K.Key_Return)
    assert w.message.isVisible()
    check(w, *data)
    # an edit of a submitted image is refused until "correct it"
    w.model.group.undo()
    drag(w.canvas.viewport(), at(w, 10, 10), at(w, 100, 80))
    key(w, K.Key_Return)
    w.queue_panel.set_filter("submitted")
    drag(w.canvas.viewport(), at(w, 120, 120), at(w, 200, 200))
    assert w.correction_bar.isVisible() and w.message.isVisible()
    check(w, *data)
    key(w, K.Key_E, Qt.KeyboardModifier.ControlModifier)
    check(w, *data)
    w.queue_panel.set_filter("all")
    w.session.go_to(project.queue.by_path("img_00002.jpg").id)  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: w.stack.currentWidget() is w.problem_panel, timeout=10_000)
    check(w, *data)

    # sync: offline, the sync page, the status bar
    hook = w.sync_hook
    hook._show(SyncState(pending=3, delivered=7, online=False, last_error=str(offline_error())))
    check(w, *data)
    w.transfer.show_page(hook.page)
    qtbot.waitExposed(w.transfer)
    check(w.transfer, *data)

    # USB: a drive that is not there, then what an export, an import and a push did
    panel = w.usb_hook.panel
    w.transfer.show_page(panel)
    panel.use_drive(tmp_path / "no-such-drive")
    qtbot.waitUntil(lambda: not panel.runner.busy(), timeout=10_000)
    panel.run("export")  # the PC is not joined to a server: refused, in plain words
    qtbot.waitUntil(lambda: not panel._busy, timeout=10_000)
    assert panel.message.text()
    check(w.transfer, *data)
    drive = tmp_path / "stick"
    for action, result in (
        ("export", ExportResult(drive, written=[1, 2], present=[3], receipt_waiting=[4], conflicts=[5])),
        ("export", ExportResult(drive, written=[1], gold_held=2)),
        ("import", ImportResult(drive, delivered=[1], records_delivered=40, already=[2], refused={3: "x"}, rejected={4: "y"}, taxonomy="updated to server version 2")),
        ("push", PushResult(drive, delivered=[("p", "d", 1)], rejected=[("p", "d", 2, "conflict", "z")], skipped={"q": 2}, packs=["p"])),
        *(("import", ImportResult(drive, gold_new=2, gold_refused=GoldSealError(kind, "x"))) for kind in ("no_key", "wrong_key", "damaged")),
    ):  # fmt: skip
        panel._done(action, result)
        check(w.transfer, *data)
    try:
        Drive.open(tmp_path / "gone")
    except DriveError as exc:
        panel._failed("import", exc)
    check(w.transfer, *data)

    # the dialogs the window opens
    for dialog in (
        SkipDialog(w),
        FlagDialog(w),
        ProposeDialog(None, (320, 240), w),
        CheatSheet(w.actions.cheat_rows(), [], w),
        SettingsDialog(WorkerSettings(language="hi", large_text=True), w),
        AboutDialog(w),
        EmptyImageDialog(w),
    ):
        check(show(qtbot, dialog), *data)
        dialog.close()
    propose = ProposeDialog(None, (320, 240), w)
    show(qtbot, propose)
    propose.accept()  # no name: told in Hindi
    check(propose, *data)
    propose.close()
    w.transfer.close()

    def answer(box: QWidget) -> None:
        check(box, *data)
        QTest.keyClick(box, K.Key_Escape)

    w.queue_panel.set_filter("todo")

    def ask(box: QWidget) -> None:  # "ask the supervisor", a reason chosen: all in Hindi
        QTest.keyClick(box, K.Key_2)
        check(box, *data)
        QTest.keyClick(box, K.Key_Escape)

    seen = when_dialog(FlagDialog, ask)
    key(w, K.Key_Q)
    assert seen
    drag(w.canvas.viewport(), at(w, 10, 10), at(w, 100, 80))
    seen = when_dialog(QMessageBox, answer)
    key(w, K.Key_F)  # "none of these fit" with a box drawn asks first
    assert seen
    seen = when_dialog(QMessageBox, answer)
    errors.show_error(w, StoreError("the project file is locked by another program"))
    assert seen


def test_first_screens_and_their_errors_are_all_hindi(
    qtbot: QtBot, project: Project, tmp_path: Path, hindi_large: bool
) -> None:
    start = show(qtbot, StartScreen(AppState()))
    check(start)
    start._sample_failed("cannot read file (Permission denied)")
    check(start)

    dialog = show(qtbot, WorkerDialog(project, AppState()))
    check(dialog)
    dialog.add_worker()  # no name typed
    check(dialog)
    dialog.name_edit.setText("x" * 81)
    dialog.name_edit.setMaxLength(200)
    dialog.name_edit.setText("x" * 81)
    dialog.add_worker()  # the core refuses a name this long
    assert dialog.error_label.isVisible()
    check(dialog, "x" * 81)

    new = show(qtbot, NewProjectDialog())
    check(new)
    new.start_build()  # no folder chosen
    check(new)

    enroll = show(qtbot, EnrollDialog(project))
    check(enroll)
    bad = tmp_path / "pc.hitl-enroll"
    bad.write_text("not json", encoding="utf-8")
    with pytest.raises(LabelerError):
        read_enrollment(bad)
    enroll.path.setText(str(bad))
    enroll.check(str(bad))
    assert enroll.error.isVisible()
    check(enroll, str(bad))
    lan = tmp_path / "lan.hitl-enroll"  # a plain-http server on the centre's network
    fields = ("project_id", "device_id", "device_secret", "server_public_key")
    doc = {"format": "hitl-enrollment", "version": 1, "server_url": "http://10.0.0.5:8000"}
    lan.write_text(json.dumps(doc | dict.fromkeys(fields, "x")), encoding="utf-8")
    enroll.path.setText(str(lan))
    enroll.check(str(lan))
    assert enroll.allow_http.isVisible()
    check(enroll, str(lan), "http://10.0.0.5:8000")
