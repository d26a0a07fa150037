"""The strip that says a submitted image is on screen, and whether it is being corrected.

Editing submitted work makes a new revision, so it is an explicit act the screen shows:
"This image is submitted" with a *Correct it* button, then "Correcting a submitted image,
revision 2" with *Cancel the correction*.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from ui.i18n import Retranslating


class CorrectionBar(Retranslating, QFrame):
    correctRequested = Signal()
    cancelRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.button = QPushButton()
        self.button.clicked.connect(self._clicked)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.text, 1)
        row.addWidget(self.button)
        self._state: tuple[bool, bool, int] = (False, False, 0)
        self.setVisible(False)
        self.retranslate()

    def set_state(self, submitted: bool, correcting: bool, revision: int) -> None:
        """``submitted``: a submitted image is on screen; ``correcting``: open for a fix."""
        self._state = (submitted, correcting, revision)
        self.setVisible(submitted)
        self.retranslate()

    @property
    def correcting(self) -> bool:
        return self._state[1]

    def _clicked(self) -> None:
        (self.cancelRequested if self.correcting else self.correctRequested).emit()

    def retranslate(self) -> None:
        _submitted, correcting, revision = self._state
        if correcting:
            self.text.setText(
                self.tr(
                    "Correcting a submitted image, revision %1. Enter submits the correction."
                ).replace("%1", str(revision))
            )
            self.button.setText(self.tr("Cancel the correction"))
        else:
            self.text.setText(
                self.tr("This image is submitted. To change it, correct it (Ctrl+E).")
            )
            self.button.setText(self.tr("Correct it"))
