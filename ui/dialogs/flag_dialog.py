"""Ask the supervisor about an image: a few quick reasons on number keys, and/or the worker's
own words. The flag travels to the supervisor's station with the note (``Work.flag``).

Nothing is chosen when it opens (like the skip dialog): Q then Enter must not send a
question the worker never asked. OK is enabled once a reason is chosen or words are typed.
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

# the stable words stored (and read by the supervisor); "other" stores the worker's words only
REASONS = ("not sure of the label", "several objects overlap", "image looks wrong", "other")


def _tr(text: str) -> str:
    return QCoreApplication.translate("FlagDialog", text)


def reason_texts() -> list[str]:
    return [
        _tr("I am not sure of the label"),
        _tr("Several objects overlap"),
        _tr("The image looks wrong"),
        _tr("Something else:"),
    ]


def flag_note_text(stored: str) -> str:
    """A stored flag note as the worker reads it: the quick reason in her language, then her
    own words as she wrote them."""
    texts = dict(zip(REASONS, reason_texts(), strict=True))
    head, sep, rest = stored.partition(": ")
    if head in texts and head != "other":
        return f"{texts[head]}: {rest}" if sep else texts[head]
    return stored


def flag_note(reason: str, words: str) -> str:
    """The note to store for a quick reason (or "other") and the worker's words."""
    words = words.strip()
    if reason == "other":
        return words
    return f"{reason}: {words}" if words else reason


class FlagDialog(Retranslating, QDialog):
    """``note`` holds the text to store after ``exec()`` returns Accepted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.note = ""
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.group = QButtonGroup(self)
        self.radios: list[QRadioButton] = []
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        for i, _ in enumerate(REASONS):
            r = QRadioButton()
            self.group.addButton(r, i)
            self.radios.append(r)
            layout.addWidget(r)
        self.words = QLineEdit()
        self.words.setMaxLength(1500)  # a flag's note is at most 2,000 characters
        layout.addWidget(self.words)
        self.info = QLabel()
        self.info.setWordWrap(True)
        layout.addWidget(self.info)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.group.idToggled.connect(lambda *_: self._update_ok())
        self.words.textChanged.connect(lambda _: self._update_ok())
        self._update_ok()
        self.retranslate()

    def _ready(self) -> bool:
        i = self.group.checkedId()
        if i < 0 or REASONS[i] == "other":
            return bool(self.words.text().strip())
        return True

    def _update_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self._ready())

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Ask the supervisor"))
        self.heading.setText(
            self.tr("What should the supervisor look at? (keys 1-4, or write it; Enter)")
        )
        for i, (r, text) in enumerate(zip(self.radios, reason_texts(), strict=True)):
            r.setText(f"{i + 1}  {text}")
        self.words.setPlaceholderText(self.tr("Your words for the supervisor"))
        self.info.setText(
            self.tr(
                "The image is set aside with your note and reaches the supervisor's list."
                " Work you already submitted stays submitted."
            )
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        n = len(REASONS)
        if Qt.Key.Key_1 <= key < Qt.Key.Key_1 + n and not self.words.hasFocus():
            i = key - Qt.Key.Key_1
            self.radios[i].setChecked(True)
            if REASONS[i] == "other":
                self.words.setFocus()
            return
        super().keyPressEvent(event)

    def accept(self) -> None:
        if not self._ready():  # nothing chosen, or "other" with no words: Enter does nothing
            self.words.setFocus()
            return
        i = self.group.checkedId()
        self.note = flag_note(REASONS[i] if i >= 0 else "other", self.words.text())
        super().accept()
