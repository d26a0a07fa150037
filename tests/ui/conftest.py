"""Fixtures for the desktop app's tests: no test may leave a thread or pool task running."""

from __future__ import annotations

import gc
import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QThread, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication

from tests.ui.window_helpers import open_window  # noqa: F401 (a fixture for every UI test)
from ui.tasks import RUNNERS


def leaked_work() -> list[str]:
    """Pool tasks and QThreads still running: what a closed window must not leave behind."""
    out = [f"TaskRunner with {r.running()} running task(s)" for r in list(RUNNERS) if r.busy()]
    if QThreadPool.globalInstance().activeThreadCount():
        out.append("a task on the global QThreadPool")
    out += [
        f"running QThread {type(o).__name__}"
        for o in gc.get_objects()
        if isinstance(o, QThread) and _running(o)
    ]
    return out


def _running(thread: QThread) -> bool:
    try:
        return thread.isRunning()
    except RuntimeError:  # its C++ object is already gone
        return False


@pytest.fixture(autouse=True)
def _no_leaked_threads() -> Iterator[None]:
    """Autouse fixtures are set up first, so this checks after qtbot has closed its widgets."""
    yield
    leaks = leaked_work()
    if leaks:
        for runner in list(RUNNERS):  # so the next test starts clean
            runner.shutdown(5_000)
        pytest.fail("test left work running: " + "; ".join(leaks))


MODAL_LIMIT_S = 20.0  # a dialog nobody answers: the test is stuck, not slow


@pytest.fixture(autouse=True)
def _no_stuck_modal_dialog(qapp: QApplication) -> Iterator[None]:
    """Fail (instead of hanging the suite) when a modal dialog waits for an answer no test
    gives, e.g. a confirmation a test did not expect."""
    stuck: list[str] = []
    seen: dict[int, float] = {}

    def check() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None:
            seen.clear()
            return
        first = seen.setdefault(id(modal), time.monotonic())
        if time.monotonic() - first > MODAL_LIMIT_S:
            stuck.append(f"{type(modal).__name__} {modal.windowTitle()!r}")
            modal.close()

    timer = QTimer()
    timer.setInterval(500)
    timer.timeout.connect(check)
    timer.start()
    yield
    timer.stop()
    if stuck:
        pytest.fail("a modal dialog was left waiting: " + "; ".join(stuck))


@pytest.fixture(autouse=True, scope="session")
def _english_catalogue(qapp: QApplication) -> None:
    """The app always installs a language (English plurals: "1 image"); so do the tests."""
    from ui.i18n import install_language

    install_language(qapp, "en")
