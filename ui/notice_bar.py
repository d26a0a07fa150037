"""A strip of good or neutral news for the worker: the admin's answers to her proposals.

It is not an error, so it does not look like one: the window's own text colour on a calm
framed strip (readable in the calm and the high-contrast look), and it stays until the
worker closes it — moving to the next image does not hide it, so an answer that arrives
while she works is not missed. (Mistakes she must fix go to ``ErrorLabel``, in red.)
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from ui.i18n import Retranslating


class NoticeBar(Retranslating, QFrame):
    """Text and a Close button; hidden while empty. ``add`` puts news under what is shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notice")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "QFrame#notice { background: palette(alternate-base);"
            " border: 1px solid palette(mid); border-left: 4px solid palette(highlight); }"
        )
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.close_button = QPushButton()
        self.close_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys stay on the image
        self.close_button.clicked.connect(self.dismiss)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.text, 1)
        row.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.setVisible(False)
        self.retranslate()

    def add(self, message: str) -> None:
        """Show ``message``, under any news the worker has not closed yet."""
        if not message:
            return
        shown = self.text.text() if self.isVisible() else ""
        self.text.setText(f"{shown}\n{message}" if shown else message)
        self.setVisible(True)

    def dismiss(self) -> None:
        self.text.setText("")
        self.setVisible(False)

    def retranslate(self) -> None:
        self.close_button.setText(self.tr("Close"))
