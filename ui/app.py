"""``labeler-app [PROJECT]``: start the desktop app.

QApplication, fonts, then the project (the one named, else the last one, else the start
screen), then "who is working?", then that worker's language and theme, then the window.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import QApplication

from labeler.errors import LabelerError
from labeler.project import Project
from ui import app_identity, errors, launch_modes, logging_setup
from ui.main_window import MainWindow
from ui.settings import AppState, WorkerSettings
from ui.settings_dialog import apply_settings
from ui.start_screen import StartScreen
from ui.theme import load_fonts
from ui.worker_dialog import WorkerDialog


def choose_project(arg: str | None, state: AppState) -> Path | None:
    """The project named on the command line, else the last one used, else ask."""
    if arg:
        p = Path(arg)
        if p.is_dir():
            found = sorted(p.glob("*.hitl"))
            if len(found) == 1:
                return found[0]
        return p
    if state.last_project and Path(state.last_project).is_file():
        return Path(state.last_project)
    screen = StartScreen(state)
    screen.exec()
    return screen.chosen_path


def choose_worker(project: Project, state: AppState) -> str | None:
    """ "Who is working?" (several workers share a PC in shifts)."""
    dialog = WorkerDialog(project, state)
    dialog.exec()
    return dialog.worker


def open_window(
    argv: Sequence[str] | None = None,
) -> tuple[QApplication, MainWindow | None, Project | None]:
    """Everything up to a shown window; (app, window or None, project). ``main`` runs it."""
    parser = argparse.ArgumentParser(prog="labeler-app", description="HITL Labeler desktop app")
    parser.add_argument("project", nargs="?", help="project file (*.hitl) or its folder")
    parser.add_argument("--worker", help="work as this worker (skips the question)")
    launch_modes.add_arguments(parser)  # --version, --self-test, --measure-startup
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))

    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    app_identity.apply(app)  # name, version, icon, .desktop entry
    logging_setup.install()
    load_fonts()
    state = AppState.load()

    path = choose_project(args.project, state)
    if path is None:
        return app, None, None
    try:
        project = Project.open(path)
    except LabelerError as exc:
        errors.show_error(None, exc)
        return app, None, None
    worker = args.worker or choose_worker(project, state)
    if not worker:
        project.close()
        return app, None, None
    project.add_worker(worker)
    settings = WorkerSettings.load(project, worker)
    apply_settings(app, settings)  # language and theme before the window is built
    state.add_recent(path)
    state.last_worker = worker
    with contextlib.suppress(OSError):
        state.save()
    window = MainWindow(project, worker, settings)
    window.show()
    return app, window, project


def main(argv: Sequence[str] | None = None) -> int:
    mode = launch_modes.run_mode(argv)  # --version, --self-test: before any window
    if mode is not None:
        return mode
    app, window, project = open_window(argv)
    if window is None or project is None:
        return 0
    code = app.exec()
    project.close()
    return int(code)


if __name__ == "__main__":
    sys.exit(main())
