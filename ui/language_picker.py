"""A small language choice for the screens before a worker is known.

The start screen and "Who is working?" come before any worker's settings are loaded, so a
worker who reads only Hindi needs a way to switch there. Each language is named in itself.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QApplication, QComboBox, QWidget

from ui.i18n import LANGUAGES, current_language, install_language
from ui.settings import AppState


class LanguagePicker(QComboBox):
    """Switches the whole app's language at once; emits ``languageChosen(code)``."""

    languageChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for code, name in LANGUAGES.items():
            self.addItem(name, code)
        self._sync()
        self.currentIndexChanged.connect(self._chosen)
        self.retranslate()

    def retranslate(self) -> None:
        self.setToolTip(self.tr("Language"))
        self.setAccessibleName(self.tr("Language"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._sync()
            self.retranslate()
        super().changeEvent(event)

    def _sync(self) -> None:
        """Show the language in use, also when another window changed it."""
        index = self.findData(current_language())
        if index >= 0 and index != self.currentIndex():
            self.blockSignals(True)
            self.setCurrentIndex(index)
            self.blockSignals(False)

    def _chosen(self) -> None:
        code = self.currentData()
        app = QApplication.instance()
        if isinstance(app, QApplication) and code != current_language():
            install_language(app, code)
        self.languageChosen.emit(code)


def show_in_remembered_language(state: AppState) -> None:
    """Switch to the language last picked on the first screens of this PC, if any."""
    app = QApplication.instance()
    if state.language and state.language != current_language() and isinstance(app, QApplication):
        install_language(app, state.language)
