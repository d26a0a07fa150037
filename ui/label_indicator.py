"""Which label the next box gets, always on screen, and what a label key does right now.

The rule the worker can read: with nothing selected, a label key sets the label of the next
shape ("New shapes get: ■ Tree (1)"); with shapes selected (by her click or Tab), it
changes theirs; in "whole image" mode it labels the image.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from ui.elided_label import ElidedLabel
from ui.fonts import emphasise
from ui.i18n import Retranslating


class LabelIndicator(Retranslating, QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.swatch = QLabel()
        self.swatch.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text = ElidedLabel()
        emphasise(self.text)
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 2, 6, 2)
        row.addWidget(self.swatch)
        row.addWidget(self.text, 1)
        self._name, self._key, self._colour = "", "", "#ffffff"
        self._selected = 0
        self._tag_mode = False
        self.retranslate()

    def set_state(
        self, name: str, key: str, colour: str, *, selected: int = 0, tag_mode: bool = False
    ) -> None:
        state = (name, key, colour, selected, tag_mode, self.fontMetrics().height())
        if state == self._shown:
            return  # (asked several times per image switch: a style sheet is not cheap)
        self._name, self._key, self._colour = name, key, colour
        self._selected, self._tag_mode = selected, tag_mode
        self.retranslate()

    def retranslate(self) -> None:
        self._shown = (
            self._name,
            self._key,
            self._colour,
            self._selected,
            self._tag_mode,
            self.fontMetrics().height(),
        )
        c = QColor(self._colour)
        ink = "black" if c.lightnessF() > 0.55 else "white"
        side = self.fontMetrics().height() + 4  # from the font: large text, larger swatch
        self.swatch.setFixedSize(side + 8, side)
        self.swatch.setStyleSheet(
            f"background: {c.name()}; color: {ink}; border: 1px solid palette(window-text);"
            " font-weight: bold;"
        )
        self.swatch.setText(self._key)
        label = f"{self._name} ({self._key})" if self._key else self._name
        if self._tag_mode:
            text = self.tr("Label keys label the whole image")
        elif self._selected:
            text = self.tr("%n selected: a label key changes their label", "", self._selected)
        else:
            text = self.tr("New shapes get: %1").replace("%1", label)
        self.text.setText(text)
