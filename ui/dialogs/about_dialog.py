"""Help > About: the version, the licence, and where this PC keeps the user's data and logs.

A supervisor on the phone with support reads the version from here, opens the log folder
with one click, and copies every detail in one go to paste into a message.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, metadata

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QGuiApplication, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

import labeler
from labeler import appdirs
from labeler.resources import resource
from ui import logging_setup
from ui.i18n import Retranslating


def licence() -> str:
    """The licence named in the package metadata (pyproject), e.g. "Apache-2.0"."""
    try:
        meta = metadata("hitl-labeler")
    except PackageNotFoundError:
        return "Apache-2.0"
    return meta.get("License-Expression") or meta.get("License") or "Apache-2.0"


def folders() -> dict[str, str]:
    """The per-user folders, by what they hold."""
    return {
        "data": str(appdirs.data_dir()),
        "settings": str(appdirs.config_dir()),
        "logs": str(appdirs.log_dir()),
    }


def details() -> str:
    """Everything in the box as plain text, for pasting into a message to support."""
    f = folders()
    return "\n".join(
        [
            logging_setup.describe(),
            f"licence: {licence()}",
            f"data folder: {f['data']}",
            f"settings folder: {f['settings']}",
            f"log folder: {f['logs']}",
        ]
    )


class AboutDialog(Retranslating, QDialog):
    """Version, licence, folders; buttons to open the log folder and copy the details."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.icon = QLabel()
        pix = QPixmap(str(resource("icons", "hitl-labeler-64.png")))
        if not pix.isNull():
            self.icon.setPixmap(pix)
        self.title = QLabel()
        self.version = QLabel(labeler.__version__)
        self.licence = QLabel(licence())
        f = folders()
        self.data_dir = QLabel(f["data"])
        self.config_dir = QLabel(f["settings"])
        self.log_dir = QLabel(f["logs"])
        for label in (self.version, self.data_dir, self.config_dir, self.log_dir):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.form = QFormLayout()
        self._labels = [QLabel() for _ in range(5)]
        for caption, value in zip(
            self._labels,
            (self.version, self.licence, self.data_dir, self.config_dir, self.log_dir),
            strict=True,
        ):
            self.form.addRow(caption, value)

        self.open_logs = QPushButton()
        self.open_logs.clicked.connect(self.open_log_folder)
        self.copy = QPushButton()
        self.copy.clicked.connect(self.copy_details)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.buttons.accepted.connect(self.accept)

        head = QHBoxLayout()
        head.addWidget(self.icon)
        head.addWidget(self.title, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.open_logs)
        actions.addWidget(self.copy)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(self.form)
        layout.addLayout(actions)
        layout.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("About HITL Labeler"))
        self.title.setText(
            "<b>"
            + self.tr("HITL Labeler")
            + "</b><br>"
            + self.tr("Offline image labeling; finished work travels to the central server.")
        )
        captions = (
            self.tr("Version:"),
            self.tr("Licence:"),
            self.tr("Data folder:"),
            self.tr("Settings folder:"),
            self.tr("Log folder:"),
        )
        for label, text in zip(self._labels, captions, strict=True):
            label.setText(text)
        self.open_logs.setText(self.tr("Open log folder"))
        self.copy.setText(self.tr("Copy details"))

    def open_log_folder(self) -> bool:
        """Show the log folder in the file manager (to zip it and send it)."""
        return QDesktopServices.openUrl(QUrl.fromLocalFile(folders()["logs"]))

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(details())


class _AboutAction(QObject):
    """Keeps the menu entry's text in the window's language (actions get no LanguageChange)."""

    def __init__(self, window: QMainWindow, action: QAction) -> None:
        super().__init__(window)
        self.action = action
        window.installEventFilter(self)
        self.retranslate()

    def retranslate(self) -> None:
        self.action.setText(QCoreApplication.translate("AboutDialog", "About HITL Labeler…"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False


def add_about_action(window: QMainWindow, menu: QMenu) -> QAction:
    """Help › About in ``menu``; the main window needs only this one call."""
    action = menu.addAction("")
    action.setMenuRole(QAction.MenuRole.AboutRole)
    action.triggered.connect(lambda: AboutDialog(window).exec())
    _AboutAction(window, action)
    return action
