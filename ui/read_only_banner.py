"""The banner over a project that is open for viewing only (a read-only file or drive).

The core opens such a file read-only (``Store.readonly``) and refuses every write with a
plain error; this line says so before anyone tries, and what to do to label.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui.error_label import ErrorLabel
from ui.i18n import Retranslating


class ReadOnlyBanner(Retranslating, ErrorLabel):
    """Shown only when the project cannot be written; its reason (English) is the tooltip."""

    def __init__(self, reason: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reason = reason
        self.setContentsMargins(8, 6, 8, 6)
        self.retranslate()

    def retranslate(self) -> None:
        if self.reason is None:
            self.show_message("")
            return
        self.show_message(
            self.tr(
                "This project file is read-only: you can look at the work but not change it."
                " To label, copy the project folder to a place you can write (or unlock the"
                " USB drive) and open the copy."
            ),
            self.reason,
        )
