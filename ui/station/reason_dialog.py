"""Why the supervisor rejects: one key per reason (1-5), a note for "other"."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from labeler.quality.records import REASONS
from ui.i18n import Retranslating


def reason_text(code: str) -> str:
    """The reason in the current language."""
    from PySide6.QtCore import QCoreApplication

    t = {
        "wrong_label": QCoreApplication.translate("Reasons", "Wrong label"),
        "missed_object": QCoreApplication.translate("Reasons", "Missed object"),
        "loose_box": QCoreApplication.translate("Reasons", "Loose box"),
        "not_labelable": QCoreApplication.translate("Reasons", "Not labelable"),
        "other": QCoreApplication.translate("Reasons", "Other (write a note)"),
    }
    return t.get(code, code)


class ReasonDialog(Retranslating, QDialog):
    """Pick a reason by its number key or button; Enter confirms; Esc cancels."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reason: str | None = None
        self.title = QLabel()
        self.title.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        self.buttons: list[QPushButton] = []
        for _i, code in enumerate(REASONS):
            b = QPushButton()
            b.setCheckable(True)
            b.setAutoExclusive(True)
            b.clicked.connect(lambda _=False, c=code: self._pick(c))
            b.setProperty("reason", code)
            self.buttons.append(b)
            layout.addWidget(b)
        self.note = QLineEdit()
        self.note.setMaxLength(2000)
        layout.addWidget(self.note)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b71c1c; font-weight: bold;")
        layout.addWidget(self.error)
        box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        box.accepted.connect(self._confirm)
        box.rejected.connect(self.reject)
        layout.addWidget(box)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Send back to the worker"))
        self.title.setText(self.tr("Why is it wrong? Press 1-5."))
        for i, b in enumerate(self.buttons):
            b.setText(f"{i + 1}  {reason_text(REASONS[i])}")
        self.note.setPlaceholderText(self.tr("Note for the worker (needed for Other)"))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.activateWindow()  # its number keys, never the review page's label keys
        self.buttons[0].setFocus()

    def _pick(self, code: str) -> None:
        self.reason = code
        for b in self.buttons:
            b.setChecked(b.property("reason") == code)
        self.error.clear()
        if code == "other":
            self.note.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if not self.note.hasFocus() and text.isdigit() and 1 <= int(text) <= len(REASONS):
            self._pick(REASONS[int(text) - 1])
            if REASONS[int(text) - 1] != "other":
                self._confirm()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._confirm()
            return
        super().keyPressEvent(event)

    def _confirm(self) -> None:
        if self.reason is None:
            self.error.setText(self.tr("Choose a reason first (1-5)."))
            return
        if self.reason == "other" and not self.note.text().strip():
            self.error.setText(self.tr("Write a note: the worker needs to know what to fix."))
            self.note.setFocus()
            return
        self.accept()
