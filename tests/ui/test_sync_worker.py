"""Background sync in the app: enroll through the dialog, label, and see work delivered while
the UI thread stays free; the thread ends cleanly."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from labeler.project import Project
from sync.client import SyncState
from sync.identity import is_enrolled
from tests.sync.conftest import RunningServer
from tests.sync.support import label_all, make_pc
from ui.dialogs.enroll_dialog import EnrollDialog
from ui.sync_worker import SyncWorker


@pytest.fixture
def server(tmp_path: Path) -> Iterator[RunningServer]:
    running = RunningServer(tmp_path / "server-data")
    running.start()
    try:
        yield running
    finally:
        running.close()


@pytest.fixture
def pc(tmp_path: Path) -> Iterator[Project]:
    project = make_pc(tmp_path / "pc", None, 6)
    yield project
    project.close()


def enrollment_file(server: RunningServer, tmp_path: Path) -> Path:
    info = server.create_project()
    path = tmp_path / "centre-a.hitl-enroll"
    path.write_text(json.dumps(server.enroll_device(info.id)), encoding="utf-8")
    return path


def test_enroll_dialog_checks_the_file_then_enrolls(
    qtbot, server: RunningServer, pc: Project, tmp_path: Path
) -> None:
    dialog = EnrollDialog(pc)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    bad = tmp_path / "bad.hitl-enroll"
    bad.write_text("not an enrollment", encoding="utf-8")
    assert dialog.check(str(bad)) is False
    assert "not an enrollment file" in dialog.error.text() and not ok.isEnabled()
    good = enrollment_file(server, tmp_path)
    dialog.path.setText(str(good))
    assert dialog.check(str(good)) is True
    assert dialog.server.text() == server.url and dialog.centre.text() == "Village A"
    assert ok.isEnabled() and not dialog.error.isVisible()
    ok.click()
    assert dialog.result() == EnrollDialog.DialogCode.Accepted
    assert dialog.enrollment is not None and is_enrolled(pc)


def test_a_plain_http_server_on_the_network_needs_the_closed_network_box(
    qtbot, server: RunningServer, pc: Project, tmp_path: Path
) -> None:
    """http:// to another machine: refused in plain words, enrollable only by ticking the
    box, and the box is not carried over to another file."""
    doc = json.loads(enrollment_file(server, tmp_path).read_text(encoding="utf-8"))
    doc["server_url"] = "http://192.168.1.20:8000"
    lan = tmp_path / "lan.hitl-enroll"
    lan.write_text(json.dumps(doc), encoding="utf-8")
    dialog = EnrollDialog(pc)
    qtbot.addWidget(dialog)
    dialog.show()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not dialog.allow_http.isVisible()
    dialog.path.setText(str(lan))
    assert dialog.check(str(lan)) is False
    assert "starts with http, not https" in dialog.error.text() and not ok.isEnabled()
    assert dialog.allow_http.isVisible() and not dialog.allow_http.isChecked()
    dialog.allow_http.click()  # the deliberate act
    assert ok.isEnabled() and dialog.server.text() == "http://192.168.1.20:8000"
    qtbot.keyClicks(dialog.path, "x")  # another file: allowed again only by a new tick
    assert not dialog.allow_http.isChecked() and not dialog.allow_http.isVisible()
    dialog.path.setText(str(lan))
    assert dialog.check(str(lan)) is False and not ok.isEnabled()
    dialog.allow_http.click()
    ok.click()
    assert dialog.result() == EnrollDialog.DialogCode.Accepted and is_enrolled(pc)


def test_worker_delivers_in_the_background_and_stops(
    qtbot, server: RunningServer, pc: Project, tmp_path: Path
) -> None:
    worker = SyncWorker(pc.path, interval_s=30)
    states: list[SyncState] = []
    worker.stateChanged.connect(states.append)
    worker.start()
    try:
        qtbot.waitUntil(lambda: bool(states) and states[-1].enrolled is False, timeout=10_000)
        # enroll from the UI thread, then label: the worker picks both up
        from sync.enrollment import enroll

        enroll(pc, enrollment_file(server, tmp_path))
        worker.identity_changed()
        t = time.perf_counter()
        label_all(pc)
        for _ in range(6):
            worker.notify_submitted()  # must return at once, whatever the network does
        assert time.perf_counter() - t < 1.0
        worker.sync_now()
        qtbot.waitUntil(lambda: worker.state.delivered == 6, timeout=20_000)
        assert worker.state.pending == 0 and worker.state.online is True
    finally:
        assert worker.stop()
    assert not worker.is_running()


def test_worker_offline_shows_the_reason(qtbot, pc: Project, tmp_path: Path) -> None:
    server = RunningServer(tmp_path / "server-data")  # never started: nobody answers
    try:
        from sync.enrollment import enroll

        enroll(pc, enrollment_file(server, tmp_path))
        label_all(pc)
        worker = SyncWorker(pc.path, interval_s=30)
        worker.start()
        try:
            qtbot.waitUntil(lambda: worker.state.online is False, timeout=30_000)
            assert worker.state.pending == 6
            assert "cannot reach the server" in (worker.state.last_error or "")
        finally:
            assert worker.stop()
    finally:
        server.close()
