"""Skip an image with a reason: a few common ones on number keys, or the worker's own words.

Nothing is chosen when it opens: S then Enter must not record a reason the worker never
picked. OK is enabled once a reason is chosen (a key 1-5, a click, or typed words).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from ui.dialogs.reason_dialog import ReasonDialog


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


class SkipDialog(ReasonDialog):
    """``reason`` holds the text to store after ``exec()`` returns Accepted."""

    REASONS = REASONS

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reason = ""
        self.other = self.words  # "Other reason:" is a reason of its own here
        self.other.textEdited.connect(lambda _: self.radios[-1].setChecked(True))
        self.finish_layout()

    def texts(self) -> list[str]:
        return reason_texts()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Skip this image"))
        self.heading.setText(self.tr("Why skip this image? (keys 1-5, Enter)"))
        self.label_reasons(self.texts())
        self.other.setPlaceholderText(self.tr("Write the reason"))

    def accept(self) -> None:
        reason = self.chosen()
        if reason is None:
            return  # no reason chosen yet: Enter does nothing
        if reason == "other":
            text = self.other.text().strip()
            if not text:
                self.other.setFocus()
                return
            self.reason = text
        else:
            self.reason = reason.replace("_", " ")  # a stable word for the admin
        super().accept()
