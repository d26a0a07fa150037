"""The sync details, a page of the transfer window: what waits, what arrived, the last error.

The status bar has room for one short line; here the supervisor reads the whole state in
plain words and can start a pass (*Sync now*, F9) or join the PC to the central server.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.error_label import ErrorLabel
from ui.i18n import Retranslating

if TYPE_CHECKING:
    from sync.client import SyncState


class SyncPage(Retranslating, QWidget):
    syncRequested = Signal()
    joinRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state: SyncState | None = None
        self.enrolled = False
        self.error_text = ""
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.captions = [QLabel() for _ in range(4)]
        self.values = [QLabel() for _ in range(4)]
        form = QFormLayout()
        for caption, value in zip(self.captions, self.values, strict=True):
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(caption, value)
        self.error = ErrorLabel()
        self.sync_button = QPushButton()
        self.sync_button.clicked.connect(self.syncRequested)
        self.join_button = QPushButton()
        self.join_button.clicked.connect(self.joinRequested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.sync_button)
        buttons.addWidget(self.join_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.retranslate()

    def show_state(self, state: SyncState | None, enrolled: bool, error_text: str = "") -> None:
        """``error_text``: the last error in the worker's language (``ui.errors``)."""
        self.state, self.enrolled, self.error_text = state, enrolled, error_text
        self.retranslate()

    def retranslate(self) -> None:
        s = self.state
        if not self.enrolled:
            self.intro.setText(
                self.tr(
                    "This PC is not joined to the central server yet: work stays on it"
                    " until a supervisor carries it on a USB drive, or the PC joins."
                )
            )
        else:
            self.intro.setText(
                self.tr(
                    "Finished work goes to the central server by itself whenever a link"
                    " exists; nothing is lost while offline."
                )
            )
        captions = (
            self.tr("Waiting to be sent:"),
            self.tr("Delivered:"),
            self.tr("Connection:"),
            self.tr("Last sent:"),
        )
        for caption, text in zip(self.captions, captions, strict=True):
            caption.setText(text)
        if s is None:
            values = ["—"] * 4
        else:
            net = {
                True: self.tr("online"),
                False: self.tr("offline"),
                None: self.tr("not tried yet"),
            }
            values = [
                self.tr("%n images", "", s.pending),
                self.tr("%n images", "", s.delivered),
                net[s.online],
                (s.last_sync or "—")[:16].replace("T", " "),
            ]
        for value, text in zip(self.values, values, strict=True):
            value.setText(text)
        self.error.show_message(self.error_text)
        self.sync_button.setText(self.tr("Sync now (F9)"))
        self.sync_button.setEnabled(self.enrolled)
        self.join_button.setText(
            self.tr("Join the central server again…")
            if self.enrolled
            else self.tr("Join the central server…")
        )
