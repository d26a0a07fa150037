"""A label for a mistake the person can fix, readable in both the calm and high-contrast look.

Dark red on the calm light background; yellow on the high-contrast black one (red on black is
hard to read). It follows palette changes, so switching the look while it shows is fine.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QWidget

from ui.fonts import emphasise
from ui.messages import show_original

ON_LIGHT = "#b00020"
ON_DARK = "#ffff00"


class ErrorLabel(QLabel):
    """Bold, wrapped, selectable (so it can be copied into a message), hidden while empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        emphasise(self)
        self.setVisible(False)
        self._recolour()

    def show_message(self, message: str, detail: str = "") -> None:
        """``detail``: the English original of a translated message, as the tooltip."""
        self.setText(message)
        show_original(self, detail)
        self.setVisible(bool(message))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self._recolour()
        super().changeEvent(event)

    def _recolour(self) -> None:
        background = self.palette().color(QPalette.ColorRole.Window)  # inherited from the app
        colour = ON_DARK if background.lightness() < 128 else ON_LIGHT
        pal = QPalette(self.palette())
        if pal.color(QPalette.ColorRole.WindowText).name() != colour:
            pal.setColor(QPalette.ColorRole.WindowText, QColor(colour))
            self.setPalette(pal)
