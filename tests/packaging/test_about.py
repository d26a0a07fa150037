"""One version, stamped in pyproject.toml, is what the About box and ``--version`` show."""

from __future__ import annotations

import tomllib
from pathlib import Path

from PySide6.QtGui import QGuiApplication

import labeler
from ui.dialogs.about_dialog import AboutDialog, details

ROOT = Path(__file__).resolve().parents[2]


def pyproject_version() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]


def test_version_comes_from_pyproject() -> None:
    assert labeler.__version__ == pyproject_version()


def test_about_box_shows_version_licence_and_folders(qtbot, _user_home: Path) -> None:
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    assert dialog.version.text() == pyproject_version()
    assert dialog.licence.text() == "Apache-2.0"
    assert dialog.log_dir.text() == str(_user_home / "logs")
    assert dialog.data_dir.text() == str(_user_home / "data")
    dialog.copy.click()
    copied = QGuiApplication.clipboard().text()
    assert copied == details()
    assert pyproject_version() in copied and str(_user_home / "logs") in copied


def test_help_menu_opens_the_about_box(qtbot, project) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from ui.main_window import MainWindow

    window = MainWindow(project, "asha", refresh_folder=False, hooks=False)
    qtbot.addWidget(window)
    action = window.about_action
    assert action in window.menus["help"].actions()
    assert action.text() == "About HITL Labeler…"
    shown: list[str] = []

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, AboutDialog):
            shown.append(box.version.text())
            box.reject()
        else:
            QTimer.singleShot(10, read_and_close)

    QTimer.singleShot(0, read_and_close)
    action.trigger()
    assert shown == [pyproject_version()]
    window.close()
