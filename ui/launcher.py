"""One project window at a time: open it, and replace it on *Switch worker* or *Open
another project* (File menu) without restarting the app.

The question (who is working, which project) is asked while the old window is still open:
cancelling it leaves everything as it was. Only then is the old window closed (its threads
stop, its position is saved) and, if another project was chosen, the old project file.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

from labeler.errors import LabelerError
from labeler.project import Project
from labeler.quality.station import is_supervisor
from ui import errors
from ui.main_window import MainWindow
from ui.settings import AppState, WorkerSettings
from ui.settings_dialog import apply_settings
from ui.start_screen import StartScreen
from ui.worker_dialog import WorkerDialog


def choose_worker(project: Project, state: AppState) -> str | None:
    """ "Who is working?" (several workers share a PC in shifts)."""
    dialog = WorkerDialog(project, state)
    dialog.exec()
    return dialog.worker


class Launcher(QObject):
    def __init__(self, app: QApplication, state: AppState) -> None:
        super().__init__()
        self.app = app
        self.state = state
        self.window: MainWindow | None = None
        self.project: Project | None = None
        self.station_allowed = True  # a supervisor's project opens the station's window

    def open(self, path: Path, worker: str | None = None) -> bool:
        """Open ``path`` for ``worker`` (asked if None); False if cancelled or unreadable."""
        try:
            project = Project.open(path)
        except LabelerError as exc:
            errors.show_error(self.window, exc)
            return False
        worker = worker or choose_worker(project, self.state)
        if not worker:
            project.close()
            return False
        self._show(project, worker)
        return True

    def switch_worker(self) -> None:
        """File › Switch worker…: the same project, the next shift's worker."""
        if self.project is None or self.window is None:
            return
        worker = choose_worker(self.project, self.state)
        if worker and worker != self.window.worker:
            self._show(self.project, worker)

    def open_other_project(self) -> None:
        """File › Open another project…: the start screen, then "who is working?"."""
        screen = StartScreen(self.state, self.window)
        screen.exec()
        if screen.chosen_path is not None:
            self.open(screen.chosen_path)

    def _show(self, project: Project, worker: str) -> None:
        project.add_worker(worker)
        settings = WorkerSettings.load(project, worker)
        apply_settings(self.app, settings)  # language and theme before the window is built
        self.state.add_recent(project.path)
        self.state.last_worker = worker
        with contextlib.suppress(OSError):
            self.state.save()
        old_window, old_project = self.window, self.project
        if old_window is not None:
            old_window.close()  # saves its position and stops its threads first
        window: Any = None
        if self.station_allowed and is_supervisor(project):
            from ui.station.window import StationWindow  # the supervisor's own window

            window = StationWindow(project, worker, settings)
        else:
            window = MainWindow(project, worker, settings)
        window.switchWorkerRequested.connect(self.switch_worker)
        window.openProjectRequested.connect(self.open_other_project)
        window.launcher = self  # keeps this object alive as long as its window
        self.window, self.project = window, project
        window.present()
        if old_window is not None:
            if old_project is not None and old_project is not project:
                old_window.destroyed.connect(old_project.close)
            old_window.deleteLater()

    def close(self) -> None:
        """The app is quitting: the window is gone; close the project file."""
        if self.window is not None and shiboken6.isValid(self.window):
            self.window.close()
        if self.project is not None:
            self.project.close()
