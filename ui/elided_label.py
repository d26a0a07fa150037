"""A one-line label that shortens its text with "…" instead of widening the window.

A ``QLabel`` asks for the width of its whole text, so a long sync error in the status bar,
or a label name in large Hindi text, pushed the window past a 1024-pixel screen. This label
asks for a few characters, draws what fits, and shows the whole text as its tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui.fonts import line_height

MIN_CHARS = 6  # it never asks for less than this many average characters


class ElidedLabel(QWidget):
    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._tooltip_is_text = True
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setText(text)

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:
        if text == self._text:
            return
        self._text = text
        if self._tooltip_is_text:
            super().setToolTip(text)
        self.updateGeometry()
        self.update()

    def setToolTip(self, tip: str) -> None:
        """A tooltip of its own (else the tooltip is the whole text)."""
        self._tooltip_is_text = not tip
        super().setToolTip(tip or self._text)

    def shown_text(self) -> str:
        """The text as drawn now (elided to the width)."""
        fm = self.fontMetrics()
        return fm.elidedText(self._text, Qt.TextElideMode.ElideRight, max(self.width(), 1))

    def is_elided(self) -> bool:
        return self.shown_text() != self._text

    def sizeHint(self) -> QSize:
        fm = self.fontMetrics()
        return QSize(fm.horizontalAdvance(self._text) + 2, line_height(self.font()))

    def minimumSizeHint(self) -> QSize:
        fm = self.fontMetrics()
        return QSize(
            min(fm.horizontalAdvance(self._text), fm.averageCharWidth() * MIN_CHARS),
            line_height(self.font()),
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(self.rect(), align, self.shown_text())
        painter.end()
