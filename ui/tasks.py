"""The one way slow work leaves the UI thread.

``TaskRunner.submit(fn, *args, on_done=..., on_error=...)`` runs ``fn`` on a private
``QThreadPool`` and hands the result (or the exception) back to the main thread by a queued
signal. ``fn`` must not touch widgets. Every runner is registered so tests can fail a test that
leaves a task running, and ``shutdown()`` drops queued work and waits for running work.

The result travels on the ``Task`` object, not as a signal argument, and runnables are left
to the pool to delete: both avoid reference-count bugs PySide6 has had in those paths.

Work that reads the project store must run on Python threads (``python_threads=True``): the
store keeps one SQLite reader per thread in a ``threading.local``, and Python forgets that
storage each time a Qt pool thread finishes a task, so each task would open a new connection.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

RUNNERS: weakref.WeakSet[TaskRunner] = weakref.WeakSet()


class _Relay(QObject):
    """Lives on the main thread; emitting from a pool thread queues the call to it."""

    finished = Signal()


class Task:
    """One call of ``fn``; ``TaskRunner.cancel`` stops it if it has not started."""

    def __init__(self, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
        self.fn = fn
        self.args = args
        self.relay = _Relay()
        self.cancelled = False
        self.started = False
        self.result: Any = None
        self.exception: BaseException | None = None


def _run(task: Task) -> None:
    task.started = True
    if not task.cancelled:
        try:
            task.result = task.fn(*task.args)
        except BaseException as exc:  # handed to on_error on the main thread
            task.exception = exc
    task.relay.finished.emit()


class _Runnable(QRunnable):
    def __init__(self, task: Task) -> None:
        super().__init__()
        self.task = task

    def run(self) -> None:
        _run(self.task)


class TaskRunner(QObject):
    """A small thread pool whose results come back on the main thread."""

    def __init__(
        self, max_threads: int = 2, parent: QObject | None = None, *, python_threads: bool = False
    ) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max_threads)
        self._executor = (
            ThreadPoolExecutor(max_threads, thread_name_prefix="hitl-task")
            if python_threads
            else None
        )
        self._running = 0
        self._lock = threading.Lock()
        self._tasks: set[Task] = set()
        self._closed = False
        RUNNERS.add(self)

    def submit(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        priority: int = 0,
    ) -> Task:
        task = Task(fn, args)

        def finished() -> None:
            self._tasks.discard(task)
            result, exc = task.result, task.exception
            task.result = task.exception = None
            task.relay.finished.disconnect()  # breaks the task <-> slot cycle Qt holds
            task.relay.deleteLater()
            if self._closed or task.cancelled:
                return
            if exc is None:
                if on_done is not None:
                    on_done(result)
            elif on_error is not None:
                on_error(exc)
            else:
                raise exc

        task.relay.finished.connect(finished)
        if not self._closed:
            self._tasks.add(task)
            if self._executor is not None:
                self._executor.submit(self._counted, task)
            else:
                self.pool.start(_Runnable(task), priority)
        return task

    def _counted(self, task: Task) -> None:
        with self._lock:
            self._running += 1
        try:
            _run(task)
        finally:
            with self._lock:
                self._running -= 1

    def cancel(self, task: Task) -> bool:
        """Ask a task not to run; True (it runs nothing if it has not started)."""
        task.cancelled = True
        return True

    def busy(self) -> bool:
        """True while a task is queued or running, or its result not yet delivered."""
        return self.running() > 0 or bool(self._tasks)

    def running(self) -> int:
        if self._executor is not None:
            return self._running
        try:
            return self.pool.activeThreadCount()
        except RuntimeError:  # the pool was deleted with its window: nothing runs
            return 0

    def shutdown(self, timeout_ms: int = 10_000) -> bool:
        """Drop queued tasks, wait for running ones; results after this are ignored."""
        self._closed = True
        for task in self._tasks:
            task.cancelled = True
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            done = self._running == 0
        else:
            self.pool.clear()
            done = self.pool.waitForDone(timeout_ms)
        self._tasks.clear()
        return done
