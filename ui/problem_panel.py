"""What the canvas area shows instead of an image: one that cannot be read (S skips it), or none left."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from ui.fonts import emphasise
from ui.i18n import Retranslating
from ui.messages import Localized, show_original


class ProblemPanel(Retranslating, QWidget):
    skipRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = ""
        self.reason_text = ""
        self.title = QLabel()
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        emphasise(self.title, 1.6)
        self.reason = QLabel()
        self.reason.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.reason.setWordWrap(True)
        self.reason.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.skip = QPushButton()
        self.skip.setMinimumHeight(48)
        self.skip.clicked.connect(self.skipRequested)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addWidget(self.reason)
        layout.addWidget(self.skip, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        self.retranslate()

    def show_problem(self, path: str, reason: Localized) -> None:
        """``reason``: why it cannot be shown, in the language on screen."""
        self.path, self.reason_text = path, reason.text
        self.reason.setText(f"{path}\n\n{reason.text}")
        show_original(self.reason, reason.original)

    def retranslate(self) -> None:
        self.title.setText(self.tr("This image cannot be shown"))
        self.skip.setText(self.tr("Skip it and go on (S)"))


class DonePanel(Retranslating, QWidget):
    """Shown when nothing is left to do in the project, or the chosen list is empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        emphasise(self.title, 1.6)
        self.hint = QLabel()
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addStretch(1)
        self.empty_list = False
        self.retranslate()

    def set_empty_list(self, empty_list: bool) -> None:
        """True: the list the worker chose has no images (not: the project is done)."""
        self.empty_list = empty_list
        self.retranslate()

    def retranslate(self) -> None:
        if self.empty_list:
            self.title.setText(self.tr("No images in this list"))
            self.hint.setText(self.tr("Choose another list above the images on the left."))
            return
        self.title.setText(self.tr("Everything is done. Thank you!"))
        self.hint.setText(
            self.tr("Skipped and flagged images are in the list on the left (choose the filter).")
        )
