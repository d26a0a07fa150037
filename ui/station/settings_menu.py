"""The station window's File menu, as the labeling window has it: switch worker, open another
project, Settings… (language, large text, high contrast) and Quit.

The texts and keys are the labeling window's (``ui.actions``), the dialog is its
``SettingsDialog`` (changes show at once; Cancel puts the old ones back) and the settings are
the supervisor's ``WorkerSettings``, kept for her in the project file like a worker's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMenu

from labeler.errors import LabelerError
from ui.actions import KEYS, action_texts, key_sequence
from ui.settings import WorkerSettings
from ui.settings_dialog import SettingsDialog, apply_settings

if TYPE_CHECKING:
    from ui.station.window import StationWindow

NAMES = ("switch_worker", "open_project", None, "settings", "quit")


class StationMenu:
    """Builds and wires the menu; ``retranslate`` sets the texts in the current language."""

    def __init__(self, window: StationWindow) -> None:
        self.window = window
        self.file: QMenu = window.menuBar().addMenu("")
        self.actions: dict[str, QAction] = {}
        for name in NAMES:
            if name is None:
                self.file.addSeparator()
                continue
            action = QAction(window)
            action.setShortcuts([key_sequence(k) for k in KEYS[name]])
            self.file.addAction(action)
            self.actions[name] = action
        self.actions["switch_worker"].triggered.connect(window.switchWorkerRequested)
        self.actions["open_project"].triggered.connect(window.openProjectRequested)
        self.actions["settings"].triggered.connect(self.open_settings)
        self.actions["quit"].triggered.connect(window.close)

    def open_settings(self) -> None:
        w = self.window
        dialog = SettingsDialog(w.settings, w)
        if dialog.exec():
            self.apply(dialog.settings)

    def apply(self, settings: WorkerSettings) -> None:
        """Language, text size and contrast, live; saved for the supervisor."""
        w = self.window
        w.settings = settings
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_settings(app, settings)
        w.review.canvas.refresh_names()
        try:
            settings.save(w.project, w.reviewer)
        except LabelerError as exc:
            w.review.message.show_message(str(exc))

    def retranslate(self, file_title: str) -> None:
        self.file.setTitle(file_title)
        texts = action_texts()
        for name, action in self.actions.items():
            action.setText(texts[name])
