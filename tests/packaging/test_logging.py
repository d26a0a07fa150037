"""The log file rotates, and an error nobody caught leaves a crash report instead of vanishing."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import labeler
from ui import logging_setup

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(logging_setup, "MAX_BYTES", 4_000)
    old_level = logging.getLogger().level
    path = logging_setup.install(tmp_path / "logs")
    yield path
    logging_setup.uninstall()
    logging.getLogger().setLevel(old_level)


def test_log_file_rotates_and_keeps_five_old_files(installed: Path) -> None:
    log = logging.getLogger("hitl.test")
    for i in range(2_000):
        log.info("line %05d of a long working day", i)
    names = sorted(p.name for p in installed.parent.glob("hitl-labeler.log*"))
    assert names == ["hitl-labeler.log"] + [f"hitl-labeler.log.{i}" for i in range(1, 6)]
    for p in installed.parent.glob("hitl-labeler.log*"):
        assert p.stat().st_size <= 4_200
    assert "line 01999" in installed.read_text(encoding="utf-8")


def test_startup_line_names_version_and_platform(installed: Path) -> None:
    text = installed.read_text(encoding="utf-8")
    assert f"hitl-labeler {labeler.__version__}" in text
    assert "Python" in text


def test_crash_reports_are_pruned_to_the_newest(tmp_path: Path) -> None:
    try:
        raise ValueError("boom")
    except ValueError as e:
        for _ in range(logging_setup.KEEP_CRASH_REPORTS + 3):
            logging_setup.write_crash_report(type(e), e, e.__traceback__, folder=tmp_path)
    reports = list(tmp_path.glob("crash-*.txt"))
    assert len(reports) == logging_setup.KEEP_CRASH_REPORTS
    assert not list(tmp_path.glob("*.partial"))


def _run(code: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HITL_LABELER_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_uncaught_error_writes_a_crash_report(tmp_path: Path) -> None:
    proc = _run(
        """
        from ui import logging_setup
        logging_setup.install()
        def label_image():
            raise RuntimeError("the disk went away")
        label_image()
        """,
        tmp_path,
    )
    assert proc.returncode != 0
    (report,) = (tmp_path / "logs").glob("crash-*.txt")
    text = report.read_text(encoding="utf-8")
    assert f"version: {labeler.__version__}" in text
    assert "RuntimeError: the disk went away" in text
    assert "label_image" in text  # the traceback, not just the message
    assert str(report) in proc.stderr
    assert "the disk went away" in (tmp_path / "logs" / "hitl-labeler.log").read_text("utf-8")


def test_error_in_a_thread_writes_a_report_naming_the_thread(tmp_path: Path) -> None:
    proc = _run(
        """
        import threading
        from ui import logging_setup
        logging_setup.install()
        def work():
            raise OSError("no space left on device")
        t = threading.Thread(target=work, name="bundle-packer")
        t.start(); t.join()
        print("still running")
        """,
        tmp_path,
    )
    assert proc.returncode == 0 and "still running" in proc.stdout
    (report,) = (tmp_path / "logs").glob("crash-*.txt")
    text = report.read_text(encoding="utf-8")
    assert "thread: bundle-packer" in text
    assert "OSError: no space left on device" in text


def test_error_in_a_qt_slot_is_reported_and_the_app_keeps_running(tmp_path: Path) -> None:
    proc = _run(
        """
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication
        app = QApplication([])
        from ui import logging_setup
        logging_setup.install()
        def on_click():
            raise KeyError("label_42")
        QTimer.singleShot(0, on_click)
        QTimer.singleShot(50, lambda: (print("alive after the error"), app.quit()))
        app.exec()
        """,
        tmp_path,
    )
    assert "alive after the error" in proc.stdout, proc.stderr
    (report,) = (tmp_path / "logs").glob("crash-*.txt")
    text = report.read_text(encoding="utf-8")
    assert "KeyError: 'label_42'" in text
    assert "Qt: 6." in text


def test_crash_message_says_work_is_safe_and_where_the_report_is(tmp_path: Path) -> None:
    text = logging_setup.crash_message(tmp_path / "crash-x.txt")
    assert "submitted are saved" in text
    assert str(tmp_path / "crash-x.txt") in text


def test_worker_sees_a_plain_message_on_a_real_screen(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    monkeypatch.setattr(QApplication, "platformName", staticmethod(lambda: "xcb"))
    seen: list[str] = []

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            box.accept()
        else:
            QTimer.singleShot(10, read_and_close)

    QTimer.singleShot(0, read_and_close)
    logging_setup._show_message(logging_setup.crash_message(tmp_path / "crash-1.txt"))
    assert seen and "submitted are saved" in seen[0]


def test_a_hard_crash_leaves_its_trace_in_faults_log(tmp_path: Path) -> None:
    proc = _run(
        """
        import ctypes
        from ui import logging_setup
        logging_setup.install()
        ctypes.string_at(0)  # a crash inside native code, as a Qt bug would be
        """,
        tmp_path,
    )
    assert proc.returncode != 0
    text = (tmp_path / "logs" / "faults.log").read_text(encoding="utf-8")
    assert "Fatal Python error" in text
