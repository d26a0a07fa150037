"""The zoom on the toolbar, in percent of the image's actual size (100 % = 1:1)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from ui.i18n import Retranslating


class ZoomLabel(Retranslating, QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.zoom = 1.0
        self.retranslate()

    def show_zoom(self, zoom: float) -> None:
        self.zoom = zoom
        self.setText(f"{zoom * 100:.0f} %")

    def retranslate(self) -> None:
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("3200 %") + 8)
        self.setToolTip(self.tr("Zoom: 100 % shows the image at its actual size"))
        self.show_zoom(self.zoom)
