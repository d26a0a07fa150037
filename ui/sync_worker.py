"""Sync in the background: a ``QThread`` of its own, so labeling never waits on the network.

``SyncWorker`` lives on the main thread and owns a ``_SyncLoop`` that runs in the thread,
with its own project handle (SQLite connection) and a ``SyncClient``. The window only calls
``start()``, ``sync_now()``, ``notify_submitted()`` (packs when enough work waits),
``identity_changed()`` (after enrollment) and ``stop()``; it listens to ``stateChanged``
(a ``sync.client.SyncState``) to update the status bar. All calls into the loop are queued
signals; nothing here blocks the UI thread except ``stop()``'s bounded wait at shutdown.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from labeler.errors import LabelerError
from labeler.project import Project
from labeler.store import Store
from sync.client import SyncClient, SyncState
from sync.http import OfflineError
from sync.identity import is_enrolled
from sync.outbox import Outbox

log = logging.getLogger(__name__)


class _SyncLoop(QObject):
    """Runs in the sync thread: every call here may take seconds (network, packing)."""

    state = Signal(object)
    failed = Signal(str)
    taxonomy = Signal()
    closed = Signal()

    def __init__(self, project_path: str, interval_s: float, stop: threading.Event) -> None:
        super().__init__()
        self.project_path = project_path
        self.interval_ms = int(interval_s * 1000)
        self.stop = stop
        self.project: Project | None = None
        self.client: SyncClient | None = None
        self.timer: QTimer | None = None

    @Slot()
    def open(self) -> None:
        try:
            self.project = Project(Store.open(self.project_path, check=False))
        except LabelerError as exc:
            self.failed.emit(str(exc))
            return
        self._make_client()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.run_pass)
        self.run_pass()

    def _make_client(self) -> None:
        assert self.project is not None
        if self.client is not None:
            self.client.close()
        self.client = SyncClient(self.project, stop_event=self.stop, on_state=self.state.emit)
        self.client.refresh_counts()

    @Slot()
    def reset(self) -> None:
        """Enrollment changed: read the identity again, then sync."""
        if self.project is not None:
            self._make_client()
            self.run_pass()

    @Slot()
    def run_pass(self) -> None:
        if self.client is None or self.project is None or self.stop.is_set():
            return
        wait = self.interval_ms
        try:
            if not is_enrolled(self.project):
                self.client.refresh_counts()
            elif self.client.sync_once().taxonomy_updated:
                self.taxonomy.emit()
        except OfflineError:
            wait = min(5 * self.interval_ms, 300_000)  # offline: look again less often
        except LabelerError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # a bug must not kill the thread; the log keeps it
            log.exception("sync pass failed")
            self.failed.emit(f"unexpected {type(exc).__name__}: {exc}")
        if self.timer is not None and not self.stop.is_set():
            self.timer.start(wait)

    @Slot()
    def after_submit(self) -> None:
        if self.client is None or self.project is None or not is_enrolled(self.project):
            return
        try:
            if Outbox(self.project, identity=self.client.outbox.identity).maybe_pack():
                self.run_pass()  # something new to send: try now rather than at the timer
            else:
                self.client.refresh_counts()
        except LabelerError as exc:
            self.failed.emit(str(exc))

    @Slot()
    def close(self) -> None:
        if self.timer is not None:
            self.timer.stop()
        if self.client is not None:
            self.client.close()
        if self.project is not None:
            self.project.close()
        self.client = self.project = None
        self.closed.emit()
        QThread.currentThread().quit()  # direct: the UI thread may be blocked in wait()


class SyncWorker(QObject):
    """The app's handle on background sync of one project file."""

    stateChanged = Signal(object)  # SyncState
    errorOccurred = Signal(str)  # a plain sentence, already in the state's last_error too
    taxonomyUpdated = Signal()  # the server sent a new label list (stored as a new version)

    _open = Signal()
    _sync_now = Signal()
    _submitted = Signal()
    _reset = Signal()
    _close = Signal()

    def __init__(
        self, project_path: str, *, interval_s: float = 60.0, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._stop = threading.Event()
        self._state = SyncState()
        self._thread = QThread()
        self._thread.setObjectName("sync")
        self._loop = _SyncLoop(project_path, interval_s, self._stop)
        self._loop.moveToThread(self._thread)
        self._open.connect(self._loop.open)
        self._sync_now.connect(self._loop.run_pass)
        self._submitted.connect(self._loop.after_submit)
        self._reset.connect(self._loop.reset)
        self._close.connect(self._loop.close)
        self._loop.state.connect(self._on_state)
        self._loop.failed.connect(self.errorOccurred)
        self._loop.taxonomy.connect(self.taxonomyUpdated)

    @property
    def state(self) -> SyncState:
        return self._state

    @Slot(object)
    def _on_state(self, state: SyncState) -> None:
        self._state = state
        self.stateChanged.emit(state)

    def start(self) -> None:
        self._thread.start()
        self._open.emit()

    def sync_now(self) -> None:
        """The "Sync now" action: a pass right away (queued behind one already running)."""
        self._sync_now.emit()

    def notify_submitted(self) -> None:
        """Call after each submit: packs a bundle when enough work waits (``PackPolicy``)."""
        self._submitted.emit()

    def identity_changed(self) -> None:
        """Call after enrollment so the loop reads the new server and key."""
        self._reset.emit()

    def is_running(self) -> bool:
        return self._thread.isRunning()

    def stop(self, timeout_ms: int = 8000) -> bool:
        """Stop syncing (retries end at once; a request in flight ends within its timeout).
        Returns True when the thread has ended."""
        if not self._thread.isRunning():
            return True
        self._stop.set()
        self._close.emit()
        return self._thread.wait(timeout_ms)
