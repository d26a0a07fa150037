"""The one way slow work leaves the UI thread.

``TaskRunner.submit(fn, *args, on_done=..., on_error=...)`` runs ``fn`` on a private
``QThreadPool`` and hands the result (or the exception) back to the main thread by a queued
signal. ``fn`` must not touch widgets. Every runner is registered so tests can fail a test that
leaves a task running, and ``shutdown()`` drops queued work and waits for running work.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

RUNNERS: weakref.WeakSet[TaskRunner] = weakref.WeakSet()


class _Relay(QObject):
    """Lives on the main thread; emitting from a pool thread queues the call to it."""

    finished = Signal(object, object)  # result, exception


class Task(QRunnable):
    """One call of ``fn``; keep the object to cancel it while it is still queued."""

    def __init__(self, fn: Callable[..., Any], args: tuple[Any, ...], relay: _Relay) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.fn = fn
        self.args = args
        self.relay = relay

    def run(self) -> None:
        try:
            result = self.fn(*self.args)
        except BaseException as exc:  # handed to on_error on the main thread
            self.relay.finished.emit(None, exc)
        else:
            self.relay.finished.emit(result, None)


class TaskRunner(QObject):
    """A small thread pool whose results come back on the main thread."""

    def __init__(self, max_threads: int = 2, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max_threads)
        self._tasks: dict[Task, _Relay] = {}
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
        relay = _Relay()
        task = Task(fn, args, relay)

        def finished(result: Any, exc: BaseException | None) -> None:
            self._tasks.pop(task, None)
            if self._closed:
                return
            if exc is None:
                if on_done is not None:
                    on_done(result)
            elif on_error is not None:
                on_error(exc)
            else:
                raise exc

        relay.finished.connect(finished)
        self._tasks[task] = relay
        if not self._closed:
            self.pool.start(task, priority)
        return task

    def cancel(self, task: Task) -> bool:
        """Drop a task that has not started yet; True if it will not run."""
        if self.pool.tryTake(task):
            self._tasks.pop(task, None)
            return True
        return False

    def busy(self) -> bool:
        """True while a task is queued or running (or its result not yet delivered)."""
        return self.pool.activeThreadCount() > 0 or bool(self._tasks)

    def running(self) -> int:
        return self.pool.activeThreadCount()

    def shutdown(self, timeout_ms: int = 10_000) -> bool:
        """Drop queued tasks, wait for running ones; results after this are ignored."""
        self._closed = True
        self.pool.clear()
        done = self.pool.waitForDone(timeout_ms)
        self._tasks.clear()
        return done
