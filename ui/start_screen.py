"""The start screen: reopen a recent project, make one from a folder, or try the sample.

After ``exec()``, ``chosen_path`` is the project file to open (``None`` if the person closed
the window). The caller records it in ``AppState`` and opens it.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from labeler.sample import create_sample_project
from ui.error_label import ErrorLabel
from ui.fonts import emphasise
from ui.i18n import Retranslating
from ui.language_picker import LanguagePicker, show_in_remembered_language
from ui.messages import localize
from ui.new_project_dialog import NewProjectDialog
from ui.project_build import BuildThread, Phase
from ui.settings import AppState

BUTTON_HEIGHT = 44


class StartScreen(Retranslating, QDialog):
    """Choose the project to work on."""

    def __init__(self, state: AppState | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chosen_path: Path | None = None
        self.state = state if state is not None else AppState.load()
        self._thread: BuildThread | None = None
        show_in_remembered_language(self.state)

        self.title_label = QLabel()
        emphasise(self.title_label, 1.5)
        self.language_picker = LanguagePicker()
        self.language_picker.languageChosen.connect(
            lambda code: setattr(self.state, "language", code)
        )
        self.recent_label = QLabel()
        self.recent_list = QListWidget()
        self.recent_list.itemActivated.connect(self._open_item)
        self.recent_label.setBuddy(self.recent_list)
        for path in self.state.recent_projects:
            item = QListWidgetItem(f"{Path(path).stem}\n{path}")
            item.setData(Qt.ItemDataRole.UserRole, path)
            item.setToolTip(path)
            self.recent_list.addItem(item)
        if self.recent_list.count():
            self.recent_list.setCurrentRow(0)
        self.no_recent_label = QLabel()
        self.no_recent_label.setWordWrap(True)

        self.open_recent_button = QPushButton()
        self.open_recent_button.clicked.connect(self._open_current)
        self.new_button = QPushButton()
        self.new_button.clicked.connect(self.new_project)
        self.sample_button = QPushButton()
        self.sample_button.clicked.connect(self.open_sample)
        self.open_file_button = QPushButton()
        self.open_file_button.clicked.connect(self.open_file)
        self.buttons = (
            self.open_recent_button,
            self.new_button,
            self.open_file_button,
            self.sample_button,
        )
        for b in self.buttons:
            b.setMinimumHeight(BUTTON_HEIGHT)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setVisible(False)
        self.error_label = ErrorLabel()

        has_recent = self.recent_list.count() > 0
        self.recent_list.setVisible(has_recent)
        self.open_recent_button.setVisible(has_recent)
        self.no_recent_label.setVisible(not has_recent)

        left = QVBoxLayout()
        left.addWidget(self.recent_label)
        left.addWidget(self.recent_list, 1)
        left.addWidget(self.no_recent_label, 1)
        left.addWidget(self.open_recent_button)
        right = QVBoxLayout()
        for b in self.buttons[1:]:
            right.addWidget(b)
        right.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        header = QHBoxLayout()
        header.addWidget(self.title_label, 1)
        header.addWidget(self.language_picker)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addLayout(columns, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.error_label)
        (self.recent_list if has_recent else self.new_button).setFocus()
        self.retranslate()
        self.resize(760, 420)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("HITL Labeler"))
        self.title_label.setText(self.tr("Which project do you want to work on?"))
        self.recent_label.setText(self.tr("&Recent projects"))
        self.no_recent_label.setText(
            self.tr("No recent projects yet. Make a new one from a folder, or try the sample.")
        )
        self.open_recent_button.setText(self.tr("&Open the selected project"))
        self.new_button.setText(self.tr("&New project from a folder…"))
        self.open_file_button.setText(self.tr("Open a project &file…"))
        self.sample_button.setText(self.tr("Open the &sample project"))

    # ---------------------------------------------------------------- choices
    def choose(self, path: str | Path) -> None:
        self.chosen_path = Path(path)
        self.accept()

    def _open_item(self, item: QListWidgetItem) -> None:
        self.choose(item.data(Qt.ItemDataRole.UserRole))

    def _open_current(self) -> None:
        item = self.recent_list.currentItem()
        if item is not None:
            self._open_item(item)

    def new_project(self) -> None:
        dialog = NewProjectDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.project_path:
            self.choose(dialog.project_path)

    def open_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open a project file"), "", self.tr("Projects (*.hitl)")
        )
        if path:
            self.choose(path)

    def open_sample(self) -> None:
        """Make the sample project (first time only) off the UI thread, then choose it."""

        def job(_report: Phase, _stop: threading.Event) -> Path:
            return create_sample_project()

        self.error_label.show_message("")
        self._thread = BuildThread(job, self)
        self._thread.succeeded.connect(self._sample_ready)
        self._thread.failed.connect(self._sample_failed)
        self._set_busy(True)
        self._thread.start()

    def _sample_ready(self, path: str) -> None:
        self._finish_thread()
        self.choose(path)

    def _sample_failed(self, message: str) -> None:
        self._finish_thread()
        self._set_busy(False)
        said = localize(message)
        self.error_label.show_message(
            self.tr("The sample project could not be made: {reason}").format(reason=said.text),
            said.original,
        )

    def _finish_thread(self) -> None:
        if self._thread is not None:
            self._thread.wait()
            self._thread.deleteLater()
            self._thread = None

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        for b in self.buttons:
            b.setEnabled(not busy)
        self.recent_list.setEnabled(not busy)

    def reject(self) -> None:
        if self._thread is not None:
            return  # the sample is being copied; it takes a second, then the dialog closes
        super().reject()
