"""The USB drive and sync, in plain words: "3 PCs have work to send", "safe to remove the
drive", "2 corrections waiting for Asha's PC". Bundles, records and bytes stay behind the
"Show details" box. Collecting and sending run off the UI thread (``TaskRunner``); while one
runs the page says not to remove the drive.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from labeler.project import Project
from sync.station.collect import collect_from_drive
from sync.station.drive_view import DriveView, drive_view
from sync.station.transfer import send_to_drive
from sync.usb.detect import find_drives
from ui.error_label import ErrorLabel
from ui.i18n import Retranslating
from ui.tasks import TaskRunner


def _collect_and_send(project_path: str, drive: str) -> tuple[Any, Any, DriveView]:
    """On the runner's thread, with its own connection to the project file."""
    with Project.open(project_path) as project:
        got = collect_from_drive(project, drive)
        sent = send_to_drive(project, drive)
        return got, sent, drive_view(project, drive)


class DrivePage(Retranslating, QWidget):
    """One drive at a time; ``Exchange`` collects the PCs' work and writes what goes back."""

    changed = Signal()  # new work was collected: the queue and reports read again

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.drive: Path | None = None
        self.view: DriveView | None = None
        self.busy = False
        self.runner = TaskRunner(1, self, python_threads=True)
        self.where = QLabel()
        self.where.setWordWrap(True)
        self.choose = QPushButton()
        self.choose.clicked.connect(self._choose)
        self.exchange = QPushButton()
        self.exchange.setMinimumHeight(40)
        self.exchange.clicked.connect(self.run_exchange)
        self.lines = QLabel()
        self.lines.setWordWrap(True)
        self.lines.setTextFormat(Qt.TextFormat.PlainText)
        self.lines.setStyleSheet("font-size: 14pt; padding: 6px;")
        self.safe = QLabel()
        self.safe.setStyleSheet("font-size: 14pt; font-weight: bold; padding: 6px;")
        self.error = ErrorLabel()
        self.show_details = QCheckBox()
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setVisible(False)
        self.show_details.toggled.connect(self.details.setVisible)
        top = QHBoxLayout()
        top.addWidget(self.where, 1)
        top.addWidget(self.choose)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.exchange)
        layout.addWidget(self.error)
        layout.addWidget(self.lines)
        layout.addWidget(self.safe)
        layout.addWidget(self.show_details)
        layout.addWidget(self.details, 1)
        layout.addStretch(0)
        found = find_drives()
        if found:
            self.set_drive(found[0])
        self.retranslate()

    def set_drive(self, path: Path) -> None:
        self.drive = Path(path)
        self.refresh()

    def _choose(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose the USB drive"))
        if folder:
            self.set_drive(Path(folder))

    def refresh(self) -> None:
        self.error.show_message("")
        self.view = None
        if self.drive is not None and (self.drive / "HITL").is_dir():
            try:
                self.view = drive_view(self.project, self.drive)
            except Exception as exc:  # a pulled drive: say so in one sentence
                self.error.show_message(str(exc))
        self.retranslate()

    def run_exchange(self) -> None:
        if self.drive is None or self.busy:
            return
        self.busy = True
        self.error.show_message("")
        self.retranslate()
        self.runner.submit(
            _collect_and_send,
            self.project.path,
            str(self.drive),
            on_done=self._done,
            on_error=self._failed,
        )

    def _done(self, result: tuple[Any, Any, DriveView]) -> None:
        self.busy = False
        got, _sent, self.view = result
        if got.refused:
            self.error.show_message(self.tr("Some work on the drive is damaged: see the details."))
        self.view.details += got.refused
        self.retranslate()
        self.changed.emit()

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        self.error.show_message(str(exc))
        self.retranslate()

    def plain_lines(self) -> list[str]:
        """The default view's sentences, in the current language."""
        v = self.view
        if v is None:
            return []
        out = []
        n = len(v.pcs_with_work)
        if n:
            out.append(self.tr("%n PCs have work to send", "", n))
        if v.not_collected:
            out.append(self.tr("New work from the PCs to check: press Exchange."))
        for device, count in sorted(v.corrections.items()):
            if count:
                who = (v.names.get(device) or "").split(",")[0].strip()
                if who:
                    text = self.tr("%n corrections waiting for {name}'s PC", "", count)
                    out.append(text.format(name=who))
                else:
                    text = self.tr("%n corrections waiting for PC {id}", "", count)
                    out.append(text.format(id=device[:12]))
        images = sum(v.new_images.values())
        if images:
            out.append(self.tr("%n new images for the PCs", "", images))
        if not out:
            out.append(self.tr("Nothing waiting on this drive."))
        return out

    def retranslate(self) -> None:
        self.choose.setText(self.tr("Other drive…"))
        self.exchange.setText(self.tr("Exchange: take the PCs' work, give back corrections"))
        self.show_details.setText(self.tr("Show details"))
        if self.drive is None:
            self.where.setText(self.tr("No USB drive found. Plug one in or choose it."))
        else:
            self.where.setText(self.tr("USB drive: {path}").format(path=str(self.drive)))
        self.exchange.setEnabled(self.drive is not None and not self.busy)
        self.lines.setText("\n".join(self.plain_lines()))
        self.safe.setText(
            self.tr("Busy: do not remove the drive.")
            if self.busy
            else self.tr("Safe to remove the drive.")
        )
        self.details.setPlainText("\n".join(self.view.details if self.view else []))
