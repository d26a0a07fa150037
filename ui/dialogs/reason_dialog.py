"""The shape the skip and "ask the supervisor" dialogs share: quick reasons on number keys,
a line for the worker's own words, OK and Cancel.

Nothing is chosen when it opens, so the key that opened it followed by Enter stores nothing
the worker never picked. A subclass names its ``REASONS`` (the last one, ``"other"``, is
"my own words"), says when OK may be pressed (``ready``) and what it keeps (``accept``)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import Retranslating


class ReasonDialog(Retranslating, QDialog):
    REASONS: tuple[str, ...] = ()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel()
        self.group = QButtonGroup(self)
        self.radios: list[QRadioButton] = []
        self.layout_ = QVBoxLayout(self)
        self.layout_.addWidget(self.heading)
        for i, _ in enumerate(self.REASONS):
            r = QRadioButton()
            self.group.addButton(r, i)
            self.radios.append(r)
            self.layout_.addWidget(r)
        self.words = QLineEdit()
        self.layout_.addWidget(self.words)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.group.idToggled.connect(lambda *_: self.update_ok())

    def finish_layout(self) -> None:
        """Call at the end of a subclass's ``__init__`` (after its own widgets)."""
        self.layout_.addWidget(self.buttons)
        self.update_ok()
        self.retranslate()

    def chosen(self) -> str | None:
        i = self.group.checkedId()
        return self.REASONS[i] if i >= 0 else None

    def ready(self) -> bool:
        return self.chosen() is not None

    def update_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.ready())

    def label_reasons(self, texts: list[str]) -> None:
        for i, (r, text) in enumerate(zip(self.radios, texts, strict=True)):
            r.setText(f"{i + 1}  {text}")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        i = event.key() - Qt.Key.Key_1
        if 0 <= i < len(self.REASONS) and not self.words.hasFocus():
            self.radios[i].setChecked(True)
            if self.REASONS[i] == "other":
                self.words.setFocus()
            return
        super().keyPressEvent(event)
