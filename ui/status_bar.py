"""The status bar: who is working, today's count, project progress, and the sync state.

Numbers a worker and a supervisor can trust: *today* counts images first submitted today
(a correction does not count twice); *project* counts submitted images only, with the
images set aside (skipped, "none of these fit") shown apart, never as done. Every part is
an ``ElidedLabel``: a long sync message is shortened with "…" (whole in its tooltip) and
never widens the window past a small screen.

``set_sync_state`` is the slot the sync package fills (pending and delivered submissions,
online or not); until it is called the sync part stays empty.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QStatusBar, QWidget

from ui.elided_label import ElidedLabel
from ui.i18n import Retranslating


@dataclass(frozen=True)
class Progress:
    """What the status bar counts; read off the UI thread (``queue_panel.gather_state``)."""

    today: int = 0
    submitted: int = 0
    set_aside: int = 0  # skipped and flagged: not done, not to do
    total: int = 0


class StatusBar(Retranslating, QStatusBar):
    def __init__(self, worker: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker_name = worker
        self._progress = Progress()
        self._sync: tuple[int, int, bool | None, str] | None = None
        self.worker = ElidedLabel()
        self.today = ElidedLabel()
        self.progress = ElidedLabel()
        self.sync = ElidedLabel()
        # the short parts take the width they need; only the long ones share what is left
        # (with a stretch each, Qt shares by stretch alone: "Today: 0 im…" beside empty room)
        for w, stretch in ((self.worker, 0), (self.today, 0), (self.progress, 1)):
            self.addWidget(w, stretch)
        self.addPermanentWidget(self.sync, 1)
        self.retranslate()

    def set_counts(self, progress: Progress) -> None:
        self._progress = progress
        self._show_counts()

    def set_sync_state(
        self, pending: int, delivered: int, online: bool | None, detail: str = ""
    ) -> None:
        """Shown as text: "Sync: 12 waiting, 340 delivered · online"."""
        self._sync = (pending, delivered, online, detail)
        self._show_sync()

    def _show_counts(self) -> None:
        p = self._progress
        self.today.setText(self.tr("Today: %n images", "", p.today))
        text = (
            self.tr("Project: %1 of %2 submitted")
            .replace("%1", str(p.submitted))
            .replace("%2", str(p.total))
        )
        if p.set_aside:
            text += " · " + self.tr("%n set aside", "", p.set_aside)
        self.progress.setText(text)

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
