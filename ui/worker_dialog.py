""" "Who is working?": several workers share one PC in shifts, each with their own name.

After ``exec()``, ``worker`` is the chosen or newly added name (``None`` if closed). The name
goes on every submission, and the worker's settings (language, text size) follow it.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from labeler.errors import LabelerError
from labeler.project import Project
from ui import errors
from ui.error_label import ErrorLabel
from ui.fonts import emphasise
from ui.i18n import Retranslating, current_language
from ui.language_picker import LanguagePicker, show_in_remembered_language
from ui.settings import AppState, WorkerSettings

ROW_HEIGHT = 44


class WorkerDialog(Retranslating, QDialog):
    """Pick an existing worker or add a new name."""

    def __init__(
        self, project: Project, state: AppState | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.project = project
        self.worker: str | None = None
        self.state = state = state if state is not None else AppState.load()
        show_in_remembered_language(state)

        self.title_label = QLabel()
        emphasise(self.title_label, 1.5)
        self.language_picker = LanguagePicker()
        self.language_picker.languageChosen.connect(lambda code: setattr(state, "language", code))
        self.list = QListWidget()
        emphasise(self.list, 1.3, bold=False)
        self.list.itemActivated.connect(lambda item: self.choose(item.text()))
        self._known = project.workers()
        for name in self._known:
            item = QListWidgetItem(name)
            item.setSizeHint(QSize(0, ROW_HEIGHT))
            self.list.addItem(item)
            if name == state.last_worker:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        self.start_button = QPushButton()
        self.start_button.setMinimumHeight(ROW_HEIGHT)
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self._choose_current)

        self.new_label = QLabel()
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(80)
        self.new_label.setBuddy(self.name_edit)
        self.add_button = QPushButton()
        self.add_button.setMinimumHeight(ROW_HEIGHT)
        self.add_button.clicked.connect(self.add_worker)
        # Enter in the name field adds the name; elsewhere it starts the chosen worker.
        self.name_edit.textChanged.connect(
            lambda text: (self.add_button if text.strip() else self.start_button).setDefault(True)
        )
        self.error_label = ErrorLabel()

        has_workers = self.list.count() > 0
        self.list.setVisible(has_workers)
        self.start_button.setVisible(has_workers)
        new_row = QHBoxLayout()
        new_row.addWidget(self.name_edit, 1)
        new_row.addWidget(self.add_button)
        header = QHBoxLayout()
        header.addWidget(self.title_label, 1)
        header.addWidget(self.language_picker)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.start_button)
        layout.addSpacing(12)
        layout.addWidget(self.new_label)
        layout.addLayout(new_row)
        layout.addWidget(self.error_label)
        if not has_workers:
            layout.addStretch(1)  # the name row stays under its caption, not spread apart
        (self.list if has_workers else self.name_edit).setFocus()
        self.retranslate()
        self.resize(480, 420 if has_workers else 200)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Who is working?"))
        self.title_label.setText(self.tr("Who is working?"))
        self.start_button.setText(self.tr("&Start working"))
        self.new_label.setText(self.tr("New here? Type your &name:"))
        self.name_edit.setPlaceholderText(self.tr("Your name"))
        self.add_button.setText(self.tr("&Add and start"))

    def choose(self, name: str) -> None:
        self.worker = name
        self.accept()

    def _choose_current(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.choose(item.text())

    def add_worker(self) -> None:
        text = self.name_edit.text()
        if not text.strip():
            self._show_error(self.tr("Type your name first."))
            return
        try:
            name = self.project.add_worker(text)
            if name not in self._known:  # a new worker starts in the language on screen
                WorkerSettings(language=current_language()).save(self.project, name)
        except LabelerError as exc:
            said = errors.detail(exc)
            self._show_error(said.text, said.original)
            return
        self.choose(name)

    def _show_error(self, message: str, detail: str = "") -> None:
        self.error_label.show_message(message, detail)
        self.name_edit.setFocus()
