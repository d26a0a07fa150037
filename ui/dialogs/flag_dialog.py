"""Ask the supervisor about an image: a few quick reasons on number keys, and/or the worker's
own words. The flag travels to the supervisor's station with the note (``Work.flag``).

Nothing is chosen when it opens (like the skip dialog): Q then Enter must not send a
question the worker never asked. OK is enabled once a reason is chosen or words are typed.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QWidget

from ui.dialogs.reason_dialog import ReasonDialog

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


class FlagDialog(ReasonDialog):
    """``note`` holds the text to store after ``exec()`` returns Accepted."""

    REASONS = REASONS

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.note = ""
        self.heading.setWordWrap(True)
        self.words.setMaxLength(1500)  # a flag's note is at most 2,000 characters
        self.words.textChanged.connect(lambda _: self.update_ok())
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.layout_.addWidget(self.info)
        self.finish_layout()

    def ready(self) -> bool:
        """A quick reason, or her own words (which "something else" needs)."""
        reason = self.chosen()
        if reason is None or reason == "other":
            return bool(self.words.text().strip())
        return True

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Ask the supervisor"))
        self.heading.setText(
            self.tr("What should the supervisor look at? (keys 1-4, or write it; Enter)")
        )
        self.label_reasons(reason_texts())
        self.words.setPlaceholderText(self.tr("Your words for the supervisor"))
        self.info.setText(
            self.tr(
                "The image is set aside with your note and reaches the supervisor's list."
                " Work you already submitted stays submitted."
            )
        )

    def accept(self) -> None:
        if not self.ready():  # nothing chosen, or "other" with no words: Enter does nothing
            self.words.setFocus()
            return
        self.note = flag_note(self.chosen() or "other", self.words.text())
        super().accept()
