"""Starting the app: ``labeler-app PROJECT`` and ``python -m ui``."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.window_helpers import close, new_project, settled
from ui import logging_setup
from ui.app import open_window as start_app
from ui.settings import AppState


@pytest.fixture(autouse=True)
def _log_hooks_removed() -> Iterator[None]:
    """Starting the app installs a log file and crash hooks; take them away afterwards."""
    yield
    logging_setup.uninstall()


def test_named_project_opens_and_is_remembered(qtbot: QtBot, tmp_path: Path) -> None:
    project = new_project(tmp_path, 2)
    path = project.path
    project.close()
    _app, window, opened = start_app([path, "--worker", "Asha"])
    try:
        assert window is not None and opened is not None
        qtbot.waitUntil(lambda: settled(window), timeout=10_000)
        assert window.isVisible() and window.session.current is not None
        assert window.worker == "Asha" and "Asha" in opened.workers()
    finally:
        if window is not None:
            close(qtbot, window)
        if opened is not None:
            opened.close()
    state = AppState.load()
    assert state.last_project == str(Path(path).resolve()) and state.last_worker == "Asha"

    # no argument: the last project again
    _app, window, opened = start_app(["--worker", "Asha"])
    try:
        assert opened is not None and opened.path == str(Path(path).resolve())
    finally:
        if window is not None:
            close(qtbot, window)
        if opened is not None:
            opened.close()


def test_python_dash_m_ui_starts() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "ui", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert "labeler-app" in out.stdout and "--worker" in out.stdout
