"""Skip an image with a reason: a few common ones on number keys, or the worker's own words.

Nothing is chosen when it opens: S then Enter must not record a reason the worker never
picked. OK is enabled once a reason is chosen (a key 1-5, a click, or typed words).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
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


def _tr(text: str) -> str:
    return QCoreApplication.translate("SkipDialog", text)


REASONS = ("blurred", "empty", "not_relevant", "unsure", "other")


def skip_reason_text(stored: str) -> str:
    """A stored skip reason as the worker reads it (the stable word in her language; her
    own words as she wrote them)."""
    texts = dict(zip(REASONS, reason_texts(), strict=True))
    return texts.get(stored.replace(" ", "_"), stored)


def reason_texts() -> list[str]:
    return [
        _tr("Blurred or too dark"),
        _tr("Nothing to label"),
        _tr("Not part of this project"),
        _tr("I am not sure"),
        _tr("Other reason:"),
    ]


class SkipDialog(Retranslating, QDialog):
    """``reason`` holds the text to store after ``exec()`` returns Accepted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reason = ""
        self.heading = QLabel()
        self.group = QButtonGroup(self)
        self.radios: list[QRadioButton] = []
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        for i, _ in enumerate(REASONS):
            r = QRadioButton()
            self.group.addButton(r, i)
            self.radios.append(r)
            layout.addWidget(r)
        self.other = QLineEdit()
        layout.addWidget(self.other)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.group.idToggled.connect(lambda *_: self._update_ok())
        self.other.textEdited.connect(lambda _: self.radios[-1].setChecked(True))
        self._update_ok()
        self.retranslate()

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(self.group.checkedId() >= 0)

    def texts(self) -> list[str]:
        return reason_texts()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Skip this image"))
        self.heading.setText(self.tr("Why skip this image? (keys 1-5, Enter)"))
        for i, (r, text) in enumerate(zip(self.radios, self.texts(), strict=True)):
            r.setText(f"{i + 1}  {text}")
        self.other.setPlaceholderText(self.tr("Write the reason"))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if Qt.Key.Key_1 <= key <= Qt.Key.Key_5 and not self.other.hasFocus():
            i = key - Qt.Key.Key_1
            self.radios[i].setChecked(True)
            if REASONS[i] == "other":
                self.other.setFocus()
            return
        super().keyPressEvent(event)

    def accept(self) -> None:
        i = self.group.checkedId()
        if i < 0:
            return  # no reason chosen yet: Enter does nothing
        if REASONS[i] == "other":
            text = self.other.text().strip()
            if not text:
                self.other.setFocus()
                return
            self.reason = text
        else:
            self.reason = REASONS[i].replace("_", " ")  # a stable word for the admin
        super().accept()
