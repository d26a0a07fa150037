"""Sync on the main window: two menu entries, the status bar's sync part, the background worker.

``SyncHook(window)`` is all the main window needs (created after its menus, stopped in its
``closeEvent``): it adds *Sync now* and *Join the central server…* to the File menu and a
*Sync* page to the transfer window, starts
a ``SyncWorker`` when the project is enrolled (no thread at all otherwise), asks it to pack
after each submit, and shows its state in the status bar. Nothing here waits on the network.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction

from sync.identity import is_enrolled
from sync.restore import Recovery
from ui.actions import key_sequence
from ui.messages import localize, show_original
from ui.sync_page import SyncPage

if TYPE_CHECKING:  # the network and crypto libraries load only once a PC is enrolled
    from sync.client import SyncState
    from ui.main_window import MainWindow
    from ui.sync_worker import SyncWorker


class SyncHook(QObject):
    """The sync controls of one main window."""

    def __init__(self, window: MainWindow, *, interval_s: float = 60.0) -> None:
        super().__init__(window)
        self.window = window
        self.interval_s = interval_s
        self.worker: SyncWorker | None = None
        self.sync_now = QAction(window)
        self.sync_now.setShortcut(key_sequence("F9"))
        self.sync_now.triggered.connect(self.run_now)
        self.enroll = QAction(window)
        self.enroll.triggered.connect(self.open_enroll_dialog)
        window.addAction(self.sync_now)
        menu = window.menus["file"]
        first = menu.actions()[0] if menu.actions() else None
        menu.insertAction(first, self.sync_now)
        menu.insertAction(first, self.enroll)
        menu.insertSeparator(first)
        window.session.submitted.connect(self._submitted)
        self.page = SyncPage()
        self.page.syncRequested.connect(self.run_now)
        self.page.joinRequested.connect(self.open_enroll_dialog)
        window.transfer.add_page(self.page, lambda: self.tr("Sync"))
        self._state: SyncState | None = None
        window.installEventFilter(self)
        self.retranslate()
        if is_enrolled(window.project):
            self.start()

    # ---------------------------------------------------------------- worker
    def start(self) -> None:
        if self.worker is not None:
            return
        from ui.sync_worker import SyncWorker

        self.worker = SyncWorker(self.window.project.path, interval_s=self.interval_s, parent=self)
        self.worker.stateChanged.connect(self._show)
        self.worker.taxonomyUpdated.connect(self._taxonomy_updated)
        self.worker.start()

    def stop(self) -> None:
        """Called by the window as it closes; bounded wait for the thread to end."""
        if self.worker is not None:
            self.worker.stop()

    def run_now(self) -> None:
        """*Sync now*: a pass at once; not enrolled yet: the enrollment dialog."""
        if self.worker is None:
            if not is_enrolled(self.window.project):
                self.open_enroll_dialog()
                return
            self.start()
        else:
            self.worker.sync_now()

    def _submitted(self, _submission: object) -> None:
        if self.worker is not None:
            self.worker.notify_submitted()

    # ---------------------------------------------------------------- enrollment
    def open_enroll_dialog(self) -> None:
        from ui.dialogs.enroll_dialog import EnrollDialog

        dialog = EnrollDialog(self.window.project, self.window)
        if dialog.exec():
            self.after_enroll()

    def after_enroll(self) -> None:
        """The project was just enrolled: (re)start syncing with the new identity."""
        if self.worker is None:
            self.start()
        else:
            self.worker.identity_changed()
        self.retranslate()

    # ---------------------------------------------------------------- showing
    def _show(self, state: SyncState) -> None:
        self._state = state
        said = localize(state.last_error or "")
        self.page.show_state(state, is_enrolled(self.window.project), self._page_text(state))
        detail = said.text
        if not detail and state.sending:
            detail = self.tr("sending %1").replace("%1", str(state.sending))
        elif (
            not detail and state.notice and (rec := Recovery.last(self.window.project)) is not None
        ):
            detail = self.tr("restored from a copy: %n images to send again", "", rec.to_send)
        self.window.status.set_sync_state(state.pending, state.delivered, state.online, detail)
        show_original(self.window.status.sync, said.original)  # the whole error, in English

    def _page_text(self, state: SyncState | None) -> str:
        """The last error (localized), else what a recovery after a restore did."""
        if state is None:
            return ""
        if state.last_error or not state.notice:
            return localize(state.last_error or "").text
        rec = Recovery.last(self.window.project)
        if rec is None:
            return ""
        return (
            self.tr(
                "This PC was restored from an older copy. The server already had %1 of its"
                " images; %2 are sent again. Nothing was lost or sent twice."
            )
            .replace("%1", str(rec.already_held))
            .replace("%2", str(rec.to_send))
        )

    def _taxonomy_updated(self) -> None:
        self.window.taxonomy_changed()  # the new labels show at once, no reopening

    def retranslate(self) -> None:
        self.sync_now.setText(self.tr("Sync now"))
        self.sync_now.setToolTip(self.tr("Send finished work to the server now (F9)"))
        enrolled = is_enrolled(self.window.project)
        self.page.show_state(self._state, enrolled, self._page_text(self._state))
        self.enroll.setText(
            self.tr("Join the central server again…")
            if enrolled
            else self.tr("Join the central server…")
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False
