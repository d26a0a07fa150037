"""The label palette: one big button per label, in its colour, with both names.

The worker's language comes first (``पेड़ · Tree``); the key that picks the label is shown on
the button. Typing in the filter box narrows a long taxonomy; the description shows on hover.
The palette only emits ``labelChosen``; what a choice means (relabel, tag, submit) is decided
by the session.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import QLineEdit, QPushButton, QScrollArea, QVBoxLayout, QWidget

from labeler.taxonomy import APP_KEYS, Label, Taxonomy
from ui.canvas.items import text_colour
from ui.i18n import Retranslating

RESERVED_KEYS = APP_KEYS  # the app's own single keys; a label may not take them
DIGITS = "1234567890"
MIN_BUTTON_HEIGHT = 40  # a big target for the mouse, even with small text


def label_keys(taxonomy: Taxonomy) -> dict[str, str]:
    """label id -> key: the taxonomy's own key if free, else 1-9, 0 for the first ten labels."""
    keys: dict[str, str] = {}
    taken: set[str] = set()
    active = taxonomy.active
    for lab in active:
        key = (lab.shortcut or "").upper()
        if key and key not in RESERVED_KEYS and key not in taken:
            keys[lab.id] = key
            taken.add(key)
    free = [d for d in DIGITS if d not in taken]
    for lab in active[:10]:
        if lab.id not in keys and free:
            keys[lab.id] = free.pop(0)
            taken.add(keys[lab.id])
    return keys


def both_names(label: Label, language: str) -> str:
    first = label.name(language)
    others = [n for lang, n in label.names.items() if n != first and lang != language]
    return f"{first} · {others[0]}" if others else first


class FilterEdit(QLineEdit):
    """Keeps Enter and Esc while the worker types: they pick or clear, never submit the image."""

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and event.key() in (  # type: ignore[attr-defined]
            Qt.Key.Key_Return,
            Qt.Key.Key_Enter,
            Qt.Key.Key_Escape,
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.clear()
            self.clearFocus()
            return
        super().keyPressEvent(event)


class LabelPalette(Retranslating, QWidget):
    """Buttons for the active labels; ``labelChosen(id)`` when one is clicked."""

    labelChosen = Signal(str)

    def __init__(self, taxonomy: Taxonomy, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.taxonomy = taxonomy
        self.language = language
        self.keys = label_keys(taxonomy)
        self.filter = FilterEdit()
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._apply_filter)
        self.filter.returnPressed.connect(self._choose_first_visible)
        self.buttons: dict[str, QPushButton] = {}
        self.suggested: dict[str, float] = {}  # label id -> the model's score (issue 15)
        box = QWidget()
        self._column = QVBoxLayout(box)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._add_buttons()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.filter)
        layout.addWidget(scroll, 1)
        self._size_buttons()
        self.retranslate()

    def set_taxonomy(self, taxonomy: Taxonomy) -> None:
        """A new label list (e.g. from the server), shown at once: no restart."""
        for b in self.buttons.values():
            self._column.removeWidget(b)
            b.deleteLater()
        self.buttons.clear()
        while self._column.count():  # the stretch
            self._column.takeAt(0)
        self.taxonomy = taxonomy
        self.keys = label_keys(taxonomy)
        self._add_buttons()
        self._size_buttons()
        self.retranslate()
        self._apply_filter(self.filter.text())

    def _add_buttons(self) -> None:
        for lab in self.taxonomy.active:
            b = QPushButton()
            b.setCheckable(True)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            c = QColor(lab.colour)
            b.setStyleSheet(
                f"QPushButton {{ background: {lab.colour}; color: {text_colour(c).name()};"
                " text-align: left; padding: 6px 10px; border: 2px solid transparent; }"
                " QPushButton:checked { border: 3px solid palette(highlight); font-weight: bold; }"
            )
            b.clicked.connect(lambda _=False, i=lab.id: self.labelChosen.emit(i))
            self._column.addWidget(b)
            self.buttons[lab.id] = b
        self._column.addStretch(1)

    def _size_buttons(self) -> None:
        """Tall enough for Devanagari with its marks above and below, at any text size."""
        height = max(MIN_BUTTON_HEIGHT, round(self.fontMetrics().height() * 1.9))
        for b in self.buttons.values():
            b.setMinimumHeight(height)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._size_buttons()
        super().changeEvent(event)

    def set_language(self, language: str) -> None:
        self.language = language
        self.retranslate()

    def set_current(self, label_ids: list[str]) -> None:
        """Mark the labels of the selection (or the label new shapes get)."""
        for lab_id, b in self.buttons.items():
            b.setChecked(lab_id in label_ids)

    def set_suggested(self, scores: dict[str, float]) -> None:
        """Mark the labels the model suggests for this image, with their scores."""
        if scores == self.suggested:
            return
        self.suggested = dict(scores)
        self.retranslate()

    def name(self, label_id: str) -> str:
        lab = self.taxonomy.get(label_id)
        return lab.name(self.language) if lab else label_id

    def _apply_filter(self, text: str) -> None:
        t = text.strip().lower()
        for lab in self.taxonomy.active:
            hay = " ".join([lab.id, *lab.names.values()]).lower()
            self.buttons[lab.id].setVisible(not t or t in hay)

    def _choose_first_visible(self) -> None:
        for lab in self.taxonomy.active:
            if not self.buttons[lab.id].isHidden():
                self.labelChosen.emit(lab.id)
                self.filter.clear()
                self.filter.clearFocus()
                return

    def retranslate(self) -> None:
        self.filter.setPlaceholderText(self.tr("Type to find a label"))
        for lab in self.taxonomy.active:
            key = self.keys.get(lab.id)
            text = both_names(lab, self.language)
            if lab.id in self.suggested:  # the model's suggestion: a star and its score
                text = f"★ {text}   {round(self.suggested[lab.id] * 100)}%"
            self.buttons[lab.id].setText(f"{key}   {text}" if key else text)
            self.buttons[lab.id].setToolTip(lab.description or lab.name(self.language))
