"""USB drive and sync details in a window of their own, not a dock in the worker's window.

Docked, the USB panel took about 60 % of the main window (at 1024x600 the image was 220
pixels wide). Here it is a separate top-level window the supervisor opens from *View ›
USB drive and sync…* (Ctrl+U); the worker's canvas keeps its room. Each part is a page
(``add_page``): the USB panel and the sync details now; the supervisor station (issue 12)
extends this class with its own pages.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ui.i18n import Retranslating

Title = Callable[[], str]  # the page's title in the language on screen


class TransferWindow(Retranslating, QWidget):
    """A top-level window of pages; hidden until asked for, kept while the app runs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("TransferWindow")
        self.tabs = QTabWidget()
        self._titles: list[tuple[QWidget, Title]] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.tabs)
        QShortcut(QKeySequence.StandardKey.Close, self, self.close)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)
        self.retranslate()

    def add_page(self, page: QWidget, title: Title) -> None:
        self.tabs.addTab(page, title())
        self._titles.append((page, title))

    def show_page(self, page: QWidget | None = None) -> None:
        """Show the window (raised, inside the screen), on ``page`` if given."""
        if page is not None:
            self.tabs.setCurrentWidget(page)
        if not self.isVisible():
            screen = self.screen() or QGuiApplication.primaryScreen()
            if screen is not None:
                area = screen.availableGeometry()
                self.resize(min(900, area.width() - 40), min(560, area.height() - 60))
                geo = self.frameGeometry()
                geo.moveCenter(area.center())
                self.move(geo.topLeft())
        self.show()
        self.raise_()
        self.activateWindow()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("USB drive and sync"))
        for page, title in self._titles:
            i = self.tabs.indexOf(page)
            if i >= 0:
                self.tabs.setTabText(i, title())
