"""The status bar: who is working, today's count, project progress, and the sync state.

``set_sync_state`` is the slot the sync package fills (pending and delivered submissions,
online or not); until it is called the sync part stays empty.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from ui.i18n import Retranslating


class StatusBar(Retranslating, QStatusBar):
    def __init__(self, worker: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker_name = worker
        self._today = 0
        self._done = 0
        self._total = 0
        self._sync: tuple[int, int, bool | None, str] | None = None
        self.worker = QLabel()
        self.today = QLabel()
        self.progress = QLabel()
        self.sync = QLabel()
        for w in (self.worker, self.today, self.progress):
            self.addWidget(w)
        self.addPermanentWidget(self.sync)
        self.retranslate()

    def set_counts(self, today: int, done: int, total: int) -> None:
        self._today, self._done, self._total = today, done, total
        self._show_counts()

    def set_sync_state(
        self, pending: int, delivered: int, online: bool | None, detail: str = ""
    ) -> None:
        """Shown as text: "Sync: 12 waiting, 340 delivered · online"."""
        self._sync = (pending, delivered, online, detail)
        self._show_sync()

    def _show_counts(self) -> None:
        self.today.setText(self.tr("Today: %n images", "", self._today))
        self.progress.setText(
            self.tr("Project: %1 of %2 done")
            .replace("%1", str(self._done))
            .replace("%2", str(self._total))
        )

    def _show_sync(self) -> None:
        if self._sync is None:
            self.sync.setText("")
            return
        pending, delivered, online, detail = self._sync
        text = (
            self.tr("Sync: %1 waiting, %2 delivered")
            .replace("%1", str(pending))
            .replace("%2", str(delivered))
        )
        if online is True:
            text += " · " + self.tr("online")
        elif online is False:
            text += " · " + self.tr("offline")
        if detail:
            text += " · " + detail
        self.sync.setText(text)

    def retranslate(self) -> None:
        self.worker.setText(self.tr("Worker: %1").replace("%1", self.worker_name))
        self._show_counts()
        self._show_sync()
