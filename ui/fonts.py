"""Bigger or bold text that follows the app's text size when the worker changes it.

A widget given its own font keeps it: after *large text* was switched on, titles set to
1.5× the old size stayed small beside large body text (mixed sizes), and after it was
switched off they stayed huge. ``emphasise`` sets the font from the app font and sets it
again whenever the app font changes.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QWidget

from ui.theme import DEVANAGARI_FAMILY


class _FollowAppFont(QObject):
    def __init__(self, widget: QWidget, scale: float, bold: bool) -> None:
        super().__init__(widget)
        self.widget, self.scale, self.bold = widget, scale, bold
        widget.installEventFilter(self)
        self.apply()

    def apply(self) -> None:
        font = QApplication.font()
        if self.scale != 1.0:
            font.setPointSizeF(font.pointSizeF() * self.scale)
        font.setBold(self.bold)
        self.widget.setFont(font)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget and event.type() == QEvent.Type.ApplicationFontChange:
            self.apply()
        return False


def emphasise(widget: QWidget, scale: float = 1.0, bold: bool = True) -> None:
    """``widget`` in the app font × ``scale``, bold if asked, now and after every change."""
    _FollowAppFont(widget, scale, bold)


def line_height(font: QFont) -> int:
    """Pixels one line of text needs in ``font``, Devanagari included: a PC's own font
    (Segoe UI, DejaVu Sans) is often shorter than the Devanagari fallback's marks."""
    height = QFontMetrics(font).height()
    deva = QFont(DEVANAGARI_FAMILY)
    deva.setPointSizeF(font.pointSizeF() if font.pointSizeF() > 0 else 10.0)
    deva.setBold(font.bold())
    return max(height, QFontMetrics(deva).height()) + 2


def grow_to_fit(window: QWidget) -> None:
    """After a text changed (an error appeared, the language or text size changed): make
    ``window`` at least as tall as its wrapped texts need at its width, never smaller."""
    layout = window.layout()
    if layout is None:
        return
    layout.activate()
    width = window.width()
    need = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else -1
    need = max(need, layout.totalMinimumSize().height())
    if need > window.height():
        window.resize(width, need)
