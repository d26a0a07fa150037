"""Fixtures for the desktop app's tests: no test may leave a thread or pool task running."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QThread, QThreadPool

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
