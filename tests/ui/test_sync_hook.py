"""The main window's sync controls: no thread until enrolled; after enrollment, submits reach
the server in the background and the status bar says so."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from sync.enrollment import enroll
from tests.sync.conftest import RunningServer
from tests.ui.window_helpers import OpenWindow, new_project, settled
from ui.sync_hook import SyncHook


@pytest.fixture
def server(tmp_path: Path) -> Iterator[RunningServer]:
    running = RunningServer(tmp_path / "server-data")
    running.start()
    try:
        yield running
    finally:
        running.close()


def test_hook_enrolls_and_delivers_submits(
    qtbot, open_window: OpenWindow, server: RunningServer, tmp_path: Path
) -> None:
    project = new_project(tmp_path / "pc", 4)
    window = open_window(project)
    hook = getattr(window, "sync_hook", None) or SyncHook(window, interval_s=30)
    assert hook.worker is None  # not enrolled: no thread, no network
    assert hook.sync_now in window.menus["file"].actions()
    assert hook.enroll.text() == "Join the central server…"
    info = server.create_project(kind="boxes")
    path = tmp_path / "pc.hitl-enroll"
    path.write_text(json.dumps(server.enroll_device(info.id)), encoding="utf-8")
    enroll(project, path)
    hook.after_enroll()
    assert hook.worker is not None and hook.enroll.text() == "Join the central server again…"
    for _ in range(4):
        qtbot.waitUntil(lambda: settled(window), timeout=10_000)
        if window.session.current is None:
            break
        window.session.submit(allow_empty=True)  # nothing here, on purpose
    hook.run_now()
    qtbot.waitUntil(lambda: hook.worker.state.delivered == 4, timeout=20_000)
    qtbot.waitUntil(lambda: "4 delivered" in window.status.sync.text(), timeout=5_000)
    assert "online" in window.status.sync.text()
    assert hook.page.values[1].text() == "4 images"  # the transfer window's sync page
    hook.stop()
    assert not hook.worker.is_running()
