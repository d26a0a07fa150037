"""The "new project from a folder" form: images, project file, what to mark, the labels.

The slow part (scan and hash) runs in a ``BuildThread`` with a progress bar; mistakes are
shown inside the form in plain words, never as a crash.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from labeler import taxonomy
from labeler.errors import LabelerError
from labeler.project import PROJECT_SUFFIX
from ui import errors
from ui.error_label import ErrorLabel
from ui.i18n import Retranslating
from ui.messages import localize
from ui.project_build import BuildThread, Phase, ProjectSpec, build_project

KINDS = (
    "boxes",
    "polygons",
    "points",
    "classification",
    "multilabel",
    "boxes+multilabel",
    "boxes+polygons+points",
)


def default_project_path(folder: Path) -> Path:
    """Beside the image folder, named after it: ``photos/`` → ``photos.hitl``."""
    return folder.parent / f"{folder.name}{PROJECT_SUFFIX}"


class NewProjectDialog(Retranslating, QDialog):
    """Collects a ``ProjectSpec`` and builds it; after ``exec()``: ``.project_path``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project_path: Path | None = None
        self._thread: BuildThread | None = None
        self._path_edited = False

        self.folder_edit = QLineEdit()
        self.folder_button = QPushButton()
        self.folder_button.clicked.connect(self._choose_folder)
        self.folder_edit.textChanged.connect(self._folder_changed)
        self.name_edit = QLineEdit()
        self.path_edit = QLineEdit()
        self.path_edit.textEdited.connect(lambda _: setattr(self, "_path_edited", True))
        self.path_button = QPushButton()
        self.path_button.clicked.connect(self._choose_path)
        self.kind_combo = QComboBox()
        for kind in KINDS:
            self.kind_combo.addItem(kind, kind)

        self.typed_radio = QRadioButton()
        self.file_radio = QRadioButton()
        self.typed_radio.setChecked(True)
        self._source_group = QButtonGroup(self)
        self._source_group.addButton(self.typed_radio)
        self._source_group.addButton(self.file_radio)
        self.labels_edit = QPlainTextEdit()
        self.labels_edit.setTabChangesFocus(True)
        self.taxonomy_edit = QLineEdit()
        self.taxonomy_button = QPushButton()
        self.taxonomy_button.clicked.connect(self._choose_taxonomy)
        self.typed_radio.toggled.connect(self._source_changed)

        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.status_label = QLabel()
        self.error_label = ErrorLabel()

        self.buttons = QDialogButtonBox()
        self.create_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.start_build)
        self.cancel_button.clicked.connect(self.reject)

        self.row_labels = [QLabel() for _ in range(5)]
        fields = (
            _row(self.folder_edit, self.folder_button),
            self.name_edit,
            _row(self.path_edit, self.path_button),
            self.kind_combo,
        )
        buddies = (self.folder_edit, self.name_edit, self.path_edit, self.kind_combo)
        self.form = QFormLayout()
        for label, row_widget, buddy in zip(self.row_labels, fields, buddies, strict=False):
            label.setBuddy(buddy)
            self.form.addRow(label, row_widget)
        labels_box = QVBoxLayout()
        labels_box.addWidget(self.typed_radio)
        labels_box.addWidget(self.labels_edit)
        labels_box.addWidget(self.file_radio)
        labels_box.addWidget(_row(self.taxonomy_edit, self.taxonomy_button))
        self.form.addRow(self.row_labels[4], labels_box)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self._source_changed()
        self.retranslate()
        self.resize(640, 560)

    # ---------------------------------------------------------------- texts
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("New project from a folder"))
        self.folder_button.setText(self.tr("Choose…"))
        self.path_button.setText(self.tr("Choose…"))
        self.taxonomy_button.setText(self.tr("Choose…"))
        texts = (
            self.tr("&Image folder:"),
            self.tr("Project &name:"),
            self.tr("&Save the project as:"),
            self.tr("&What to mark:"),
            self.tr("Labels:"),
        )
        for label, text in zip(self.row_labels, texts, strict=True):
            label.setText(text)
        kind_texts = {
            "boxes": self.tr("Boxes around objects"),
            "polygons": self.tr("Outlines (polygons) around objects"),
            "points": self.tr("Points on objects"),
            "classification": self.tr("One label per image"),
            "multilabel": self.tr("Several labels per image"),
            "boxes+multilabel": self.tr("Boxes, and labels for the whole image"),
            "boxes+polygons+points": self.tr("Boxes, outlines and points"),
        }
        for i in range(self.kind_combo.count()):
            self.kind_combo.setItemText(i, kind_texts[self.kind_combo.itemData(i)])
        self.typed_radio.setText(self.tr("Type the labels, one per line"))
        self.file_radio.setText(self.tr("Read the labels from a taxonomy file"))
        self.labels_edit.setPlaceholderText(self.tr("For example:\nTree\nHouse\nCattle"))
        self.folder_edit.setPlaceholderText(self.tr("The folder that holds the images"))
        self.taxonomy_edit.setPlaceholderText(self.tr("A .txt file with one label per line"))
        self.create_button.setText(self.tr("Create project"))

    # ---------------------------------------------------------------- choosing files
    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Choose the image folder"), self.folder_edit.text()
        )
        if folder:
            self.folder_edit.setText(folder)

    def _choose_path(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the project as"),
            self.path_edit.text(),
            self.tr("Projects (*.hitl)"),
        )
        if path:
            if not path.endswith(PROJECT_SUFFIX):
                path += PROJECT_SUFFIX
            self.path_edit.setText(path)
            self._path_edited = True

    def _choose_taxonomy(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose a taxonomy file"),
            "",
            self.tr("Text files (*.txt);;All files (*)"),
        )
        if path:
            self.taxonomy_edit.setText(path)
            self.file_radio.setChecked(True)

    def _folder_changed(self, text: str) -> None:
        folder = Path(text.strip())
        if not text.strip():
            return
        if not self._path_edited:
            self.path_edit.setText(str(default_project_path(folder)))
        if not self.name_edit.isModified():
            self.name_edit.setText(folder.name)

    def _source_changed(self) -> None:
        typed = self.typed_radio.isChecked()
        self.labels_edit.setEnabled(typed)
        self.taxonomy_edit.setEnabled(not typed)
        self.taxonomy_button.setEnabled(not typed)

    # ---------------------------------------------------------------- building
    def spec(self) -> ProjectSpec:
        """The form as a ProjectSpec; raises LabelerError with a message for the person."""
        folder_text = self.folder_edit.text().strip()
        if not folder_text:
            raise LabelerError(self.tr("Choose the folder that holds the images."))
        folder = Path(folder_text)
        if not folder.is_dir():
            raise LabelerError(
                self.tr("This folder does not exist: {folder}").format(folder=folder)
            )
        path_text = self.path_edit.text().strip()
        path = Path(path_text) if path_text else default_project_path(folder)
        if path.suffix != PROJECT_SUFFIX:
            path = path.with_name(path.name + PROJECT_SUFFIX)
        if path.exists():
            raise LabelerError(
                self.tr(
                    "A project file already exists here: {path}. Open it instead,"
                    " or choose another name."
                ).format(path=path)
            )
        if self.typed_radio.isChecked():
            names = [n.strip() for n in self.labels_edit.toPlainText().splitlines() if n.strip()]
            if not names:
                raise LabelerError(self.tr("Type at least one label, one per line."))
            tax, source = taxonomy.from_names(names), ""
        else:
            tax_text = self.taxonomy_edit.text().strip()
            if not tax_text:
                raise LabelerError(self.tr("Choose the taxonomy file."))
            tax, source = taxonomy.load(tax_text), Path(tax_text).name
        return ProjectSpec(
            path=path,
            name=self.name_edit.text().strip() or folder.name,
            image_root=folder,
            kind=self.kind_combo.currentData(),
            taxonomy=tax,
            taxonomy_source=source,
        )

    def start_build(self) -> None:
        self.show_error("")
        try:
            spec = self.spec()
        except LabelerError as exc:
            said = errors.detail(exc)
            self.show_error(said.text, said.original)
            return

        def job(report: Phase, stop: threading.Event) -> Path:
            return build_project(spec, report, stop)

        self._thread = BuildThread(job, self)
        self._thread.progress.connect(self._on_progress)
        self._thread.succeeded.connect(self._on_built)
        self._thread.failed.connect(self._on_failed)
        self._thread.cancelled.connect(self._on_cancelled)
        self._set_busy(True)
        self._thread.start()

    def _on_progress(self, phase: str, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 0))
        self.progress.setValue(done)
        if phase == "scan":
            self.status_label.setText(self.tr("Looking for images… {count}").format(count=done))
        else:
            self.status_label.setText(
                self.tr("Checking images: {done} of {total}").format(done=done, total=total)
            )

    def _on_built(self, path: str) -> None:
        self._finish_thread()
        self.project_path = Path(path)
        self.accept()

    def _on_failed(self, message: str) -> None:
        self._finish_thread()
        self._set_busy(False)
        said = localize(message)
        self.show_error(
            self.tr("The project could not be made: {reason}").format(reason=said.text),
            said.original,
        )

    def _on_cancelled(self) -> None:
        self._finish_thread()
        self._set_busy(False)
        super().reject()

    def _finish_thread(self) -> None:
        if self._thread is not None:
            self._thread.wait()
            self._thread.deleteLater()
            self._thread = None

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.progress.setRange(0, 0)
        self.status_label.setText(self.tr("Making the project…") if busy else "")
        self.create_button.setEnabled(not busy)
        for w in (self.folder_edit, self.name_edit, self.path_edit, self.kind_combo):
            w.setEnabled(not busy)

    def show_error(self, message: str, detail: str = "") -> None:
        self.error_label.show_message(message, detail)

    def reject(self) -> None:
        if self._thread is not None:  # stop the build first; _on_cancelled closes the dialog
            self.status_label.setText(self.tr("Stopping…"))
            self._thread.request_stop()
            return
        super().reject()


def _row(*widgets: QWidget) -> QWidget:
    box = QWidget()
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    for w in widgets:
        layout.addWidget(w)
    return box
