"""Keeping the image list current while the app runs.

At start the folder is scanned again (new, changed and removed files) and images without a
hash are hashed, in the background through the ``TaskRunner``; then a ``FolderWatch`` indexes
images copied into the folder while the worker labels. Either way the window only hears
``changed`` on its own thread and refreshes its counts and list.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal

from labeler.images import ImageIndex, ScanReport
from labeler.watch import FolderWatch
from ui.tasks import TaskRunner


class _Relay(QObject):
    poke = Signal()


class FolderRefresh(QObject):
    changed = Signal()  # the index changed: refresh lists and counts
    scanned = Signal(object)  # ScanReport of the start-up scan

    def __init__(
        self, index: ImageIndex, runner: TaskRunner, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.index = index
        self.runner = runner
        self.watch: FolderWatch | None = None
        self._stop = threading.Event()
        self._relay = _Relay()
        self._relay.poke.connect(self.changed)

    def start(self, watch: bool = True) -> None:
        """Rescan and hash in the background, then watch the folder (if ``watch``)."""

        def done(report: ScanReport) -> None:
            self.scanned.emit(report)
            self.changed.emit()
            if watch and not self._stop.is_set() and self.index.root.is_dir():
                self.watch = FolderWatch(
                    self.index,
                    lambda _ids: self._relay.poke.emit(),
                    on_removed=lambda _paths: self._relay.poke.emit(),
                )
                self.watch.start()

        self.runner.submit(self._scan_and_hash, on_done=done, on_error=lambda _e: None)

    def _scan_and_hash(self) -> ScanReport:
        report = self.index.scan()
        if not self._stop.is_set():
            self.index.hash_pending(stop=self._stop)
        return report

    def stop(self) -> None:
        """Stop hashing and watching (the window closes)."""
        self._stop.set()
        if self.watch is not None:
            self.watch.stop()
            self.watch = None
