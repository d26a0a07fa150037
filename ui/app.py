"""``labeler-app [PROJECT]``: start the desktop app.

QApplication, fonts, then the project (the one named, else the last one, else the start
screen), then "who is working?", then that worker's language and theme, then the window.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import QApplication

from labeler.project import Project
from ui import app_identity, launch_modes, logging_setup
from ui.launcher import Launcher
from ui.main_window import MainWindow
from ui.settings import AppState
from ui.start_screen import StartScreen
from ui.theme import load_fonts


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


def open_window(
    argv: Sequence[str] | None = None,
) -> tuple[QApplication, MainWindow | None, Project | None]:
    """Everything up to a shown window; (app, window or None, project). ``main`` runs it."""
    parser = argparse.ArgumentParser(prog="labeler-app", description="HITL Labeler desktop app")
    parser.add_argument("project", nargs="?", help="project file (*.hitl) or its folder")
    parser.add_argument("--worker", help="work as this worker (skips the question)")
    parser.add_argument(
        "--label",
        action="store_true",
        help="on a supervisor station: open the labeling window instead of the station",
    )
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
    launcher = Launcher(app, state)
    launcher.station_allowed = not args.label
    if not launcher.open(path, args.worker):
        return app, None, None
    return app, launcher.window, launcher.project  # the window keeps its launcher


def main(argv: Sequence[str] | None = None) -> int:
    mode = launch_modes.run_mode(argv)  # --version, --self-test: before any window
    if mode is not None:
        return mode
    app, window, _project = open_window(argv)
    if window is None:
        return 0
    launcher = window.launcher  # File › Switch worker / Open another project replace the window
    code = app.exec()
    launcher.close()
    return int(code)


if __name__ == "__main__":
    sys.exit(main())
