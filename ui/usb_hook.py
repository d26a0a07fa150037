"""The USB panel for the main window: a page of the transfer window, and its notices.

``UsbHook(window)`` is all the main window needs (created after its menus, stopped in its
``closeEvent``). The panel watches for drives from the start; when one carrying the HITL
folder appears while the transfer window is hidden, the status bar says so (nothing is done
to the drive). After an import, the sync status is refreshed and a new label list is
shown at once.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from ui.usb_panel import UsbPanel

if TYPE_CHECKING:
    from ui.main_window import MainWindow

NOTICE_MS = 15_000


class UsbHook(QObject):
    """The USB controls of one main window."""

    def __init__(self, window: MainWindow, *, roots: list[Path] | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.panel = UsbPanel(window.project.path, roots=roots)
        window.transfer.add_page(self.panel, lambda: self.tr("USB drive"))
        self.panel.drivesChanged.connect(self._drives)
        self.panel.finished.connect(self._finished)
        self.panel.start()

    def show(self) -> None:
        """The transfer window, on the USB page."""
        self.window.transfer.show_page(self.panel)

    def stop(self) -> None:
        """Called by the window as it closes: the watcher and any transfer stop."""
        self.panel.shutdown()

    def _drives(self, drives: list[Path]) -> None:
        if drives and not self.window.transfer.isVisible():
            self.window.statusBar().showMessage(
                self.tr("USB drive found: %1 (Ctrl+U shows it)").replace("%1", str(drives[0])),
                NOTICE_MS,
            )

    def _finished(self, action: str, result: Any) -> None:
        if action != "import":
            return
        hook = getattr(self.window, "sync_hook", None)
        worker = getattr(hook, "worker", None)
        if worker is not None:  # delivered counts changed: let the status bar catch up
            worker.sync_now()
        if str(getattr(result, "taxonomy", "") or "").startswith("updated"):
            self.window.taxonomy_changed()  # the new labels show at once, no reopening
