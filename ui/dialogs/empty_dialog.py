"""Asks before an image with nothing marked is submitted: Enter alone must not send it empty.

An image with nine objects went into Submitted empty after a double Enter. Here the default
button (Enter, Esc) goes back to the image; submitting it empty takes the other button, or
the "nothing here" key (Shift+Enter) in the first place.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from ui.i18n import Retranslating


class EmptyImageDialog(Retranslating, QMessageBox):
    """``exec()``, then ``submit_empty`` says what the worker chose."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Question)
        self.empty_button: QPushButton = self.addButton("", QMessageBox.ButtonRole.AcceptRole)
        self.back_button: QPushButton = self.addButton("", QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.back_button)
        self.setEscapeButton(self.back_button)
        self.retranslate()

    @property
    def submit_empty(self) -> bool:
        return self.clickedButton() is self.empty_button

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Nothing is marked"))
        self.setText(self.tr("Nothing is marked on this image."))
        self.setInformativeText(
            self.tr(
                "If there is really nothing to mark, submit it empty. Otherwise go back and"
                " draw around each object."
            )
        )
        self.empty_button.setText(self.tr("Nothing here: submit it empty"))
        self.back_button.setText(self.tr("Go back to the image"))
