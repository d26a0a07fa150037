"""The supervisor's USB panel: notice a drive, see every PC's state on it, act in one click.

It is a page of the ``TransferWindow`` (its own window, never a dock in the worker's).

A drive that carries the ``HITL`` folder is noticed on the usual mount roots
(``sync.usb.detect``; ``HITL_USB_ROOTS`` sets others) and its state is shown, but nothing is
written to it until the supervisor clicks Export, Import or Push (Push only when this
machine holds relay credentials). The work runs on the panel's ``TaskRunner`` with its own
project handle, reporting progress by signal; errors are shown in the panel in plain words.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from labeler.project import Project
from labeler.store import Store
from sync.identity import is_enrolled
from sync.usb.detect import DriveWatcher
from sync.usb.drive import Drive
from sync.usb.index import DeviceStatus
from sync.usb.layout import TOP
from sync.usb.relay import RelayCredentials, saved_relays
from ui import errors, usb_words
from ui.i18n import Retranslating
from ui.messages import show_original
from ui.tasks import TaskRunner
from ui.usb_table import DriveTable

if TYPE_CHECKING:  # the network and crypto libraries load when a transfer starts
    from sync.usb.pcstate import PcStatus

POLL_MS = 3000  # drive letters (Windows) cannot be watched: look again this often


class _Relay(QObject):
    """Lives on the main thread; emitted from watcher and task threads, so delivery is queued."""

    drives = Signal(list)
    progress = Signal(int, int, str)


class UsbPanel(Retranslating, QWidget):
    """A page of the transfer window (or a window of its own in tests)."""

    finished = Signal(str, object)  # action ("export", "import", "push"), its result
    failed = Signal(str, str)  # action, message
    drivesChanged = Signal(list)  # drives carrying the HITL folder now (list of Path)

    def __init__(
        self,
        project_path: str | None,
        parent: QWidget | None = None,
        *,
        roots: list[Path] | None = None,
        relays: Callable[[], list[RelayCredentials]] = saved_relays,
        poll_ms: int = POLL_MS,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("UsbPanel")
        self.project_path = project_path
        self.relays = relays
        self.runner = TaskRunner(1, self)
        self._relay = _Relay(self)
        self._relay.drives.connect(self._set_drives)
        self._relay.progress.connect(self._show_progress)
        self._busy = False
        self._enrolled = False
        self._has_relay = False
        self._manual: list[Path] = []  # folders chosen by hand ("Other folder…")
        self._build()
        self.watcher = DriveWatcher(self._relay.drives.emit, roots)
        self.poll = QTimer(self)
        self.poll.setInterval(poll_ms)
        self.poll.timeout.connect(self._poll)
        self.retranslate()

    # ---------------------------------------------------------------- widgets
    def _build(self) -> None:
        body = self
        lay = QVBoxLayout(body)
        row = QHBoxLayout()
        self.drive_label = QLabel(body)
        self.drive_combo = QComboBox(body)
        self.drive_combo.setMinimumContentsLength(24)
        self.drive_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.other_btn = QPushButton(body)
        self.other_btn.clicked.connect(self._choose_folder)
        row.addWidget(self.drive_label)
        row.addWidget(self.drive_combo, 1)
        row.addWidget(self.other_btn)
        lay.addLayout(row)
        self.this_pc = QLabel(body)
        self.this_pc.setWordWrap(True)
        self.this_pc.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.this_pc)
        self.tree = DriveTable(body)
        lay.addWidget(self.tree, 1)
        buttons = QHBoxLayout()
        self.import_btn = QPushButton(body)
        self.export_btn = QPushButton(body)
        self.push_btn = QPushButton(body)
        self.import_btn.clicked.connect(lambda: self.run("import"))
        self.export_btn.clicked.connect(lambda: self.run("export"))
        self.push_btn.clicked.connect(lambda: self.run("push"))
        for b in (self.import_btn, self.export_btn, self.push_btn):
            buttons.addWidget(b)
        lay.addLayout(buttons)
        self.progress = QProgressBar(body)
        self.progress.setVisible(False)
        lay.addWidget(self.progress)
        self.message = QLabel(body)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.message)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("USB drive"))
        self.drive_label.setText(self.tr("Drive:"))
        self.other_btn.setText(self.tr("Other folder…"))
        self.import_btn.setText(self.tr("Import receipts"))
        self.import_btn.setToolTip(
            self.tr("Mark this PC's work delivered from the receipts on the drive")
        )
        self.export_btn.setText(self.tr("Export work"))
        self.export_btn.setToolTip(self.tr("Copy this PC's undelivered work onto the drive"))
        self.push_btn.setText(self.tr("Push to server"))
        self.push_btn.setToolTip(
            self.tr("Upload every PC's work on the drive and bring the receipts back")
        )
        self.tree.retranslate()
        if self.drive_combo.count() == 0:
            self.drive_combo.setPlaceholderText(self.tr("no drive with a HITL folder"))
        self._update_buttons()

    # ---------------------------------------------------------------- drives
    def start(self) -> None:
        """Begin watching for drives (the main window calls this once it is shown)."""
        self.watcher.start()
        self.poll.start()
        self.refresh()

    def shutdown(self) -> None:
        self.poll.stop()
        self.watcher.stop()
        self.runner.shutdown()

    def closeEvent(self, event: Any) -> None:
        self.shutdown()
        super().closeEvent(event)

    def _poll(self) -> None:
        if not self.runner.busy():
            self.runner.submit(self.watcher.rescan)

    @property
    def drive(self) -> Path | None:
        data = self.drive_combo.currentData()
        return Path(data) if data else None

    def _set_drives(self, drives: list[Path]) -> None:
        current = self.drive
        self.drive_combo.blockSignals(True)
        self.drive_combo.clear()
        for d in drives:
            self.drive_combo.addItem(str(d), str(d))
        for d in self._manual:
            if d not in drives:
                self.drive_combo.addItem(f"{d} *", str(d))
        keep = self.drive_combo.findData(str(current)) if current else -1
        self.drive_combo.setCurrentIndex(keep if keep >= 0 else (0 if drives else -1))
        self.drive_combo.blockSignals(False)
        if current is None and drives:
            self.message.setText(self.tr("Drive found: %1").replace("%1", str(drives[0])))
        if self.drive != current or current is None:
            self.refresh()
        self.drivesChanged.emit(list(drives))

    def use_drive(self, folder: str | Path) -> None:
        """Use a folder as the drive (a fresh drive has no HITL folder yet to be noticed)."""
        folder = Path(folder)
        if folder.name == TOP:
            folder = folder.parent
        if folder not in self._manual:
            self._manual.append(folder)
        i = self.drive_combo.findData(str(folder))
        if i < 0:
            self.drive_combo.addItem(f"{folder} *", str(folder))
            i = self.drive_combo.count() - 1
        self.drive_combo.setCurrentIndex(i)
        self.refresh()

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose the USB drive"))
        if folder:
            self.use_drive(folder)

    # ---------------------------------------------------------------- state
    def refresh(self) -> None:
        """Read this PC's and the drive's state off the UI thread, then show it."""
        drive, path = self.drive, self.project_path
        self._update_buttons()
        self.runner.submit(
            _read_state,
            path,
            drive,
            self.relays,
            on_done=self._show_state,
            on_error=self._fail_state,
        )

    def _show_state(self, state: _State) -> None:
        pc, devices, self._has_relay = state
        self._enrolled = bool(pc and pc.enrolled)
        if pc is None:
            self.this_pc.setText(self.tr("No project is open on this machine."))
        elif not pc.enrolled:
            self.this_pc.setText(
                self.tr(
                    "This PC is not joined to the central server yet:"
                    " File › Join the central server…"
                )
            )
        else:
            self.this_pc.setText(
                self.tr(
                    "This PC: %1 records not delivered; bundles: %2 waiting, %3 on a drive,"
                    " %4 delivered, %5 refused."
                )
                .replace("%1", str(pc.records_pending))
                .replace("%2", str(len(pc.bundles_pending)))
                .replace("%3", str(len(pc.bundles_exported)))
                .replace("%4", str(pc.bundles_delivered))
                .replace("%5", str(len(pc.bundles_rejected)))
            )
        self.tree.show_statuses(devices or [], pc.device_id if pc and pc.enrolled else None)
        self._update_buttons()

    def _fail_state(self, exc: BaseException) -> None:
        self.tree.clear()
        self._say(exc)
        self._update_buttons()

    def _say(self, exc: BaseException) -> None:
        said = errors.detail(exc)
        self.message.setText(f"{errors.heading(exc)}: {said.text}")
        show_original(self.message, said.original)

    def _update_buttons(self) -> None:
        ready = self.drive is not None and not self._busy
        pc = ready and self.project_path is not None and self._enrolled
        self.export_btn.setEnabled(pc)
        self.import_btn.setEnabled(pc)
        self.push_btn.setVisible(self._has_relay)
        self.push_btn.setEnabled(ready and self._has_relay)
        self.other_btn.setEnabled(not self._busy)
        self.drive_combo.setEnabled(not self._busy)

    # ---------------------------------------------------------------- actions
    def run(self, action: str) -> None:
        """Export, import or push on the chosen drive, off the UI thread."""
        drive = self.drive
        if drive is None or self._busy:
            return
        self._busy = True
        self._update_buttons()
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.message.setText(self._doing(action))
        self.runner.submit(
            _run_action,
            action,
            self.project_path,
            drive,
            self.relays,
            self._relay.progress.emit,
            on_done=lambda result: self._done(action, result),
            on_error=lambda exc: self._failed(action, exc),
        )

    def _doing(self, action: str) -> str:
        return {
            "export": self.tr("Exporting this PC's work to the drive…"),
            "import": self.tr("Importing receipts from the drive…"),
            "push": self.tr("Pushing the drive to the server…"),
        }[action]

    def _show_progress(self, done: int, total: int, text: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(f"{done}/{total} {usb_words.progress_text(text)}".strip())

    def _done(self, action: str, result: Any) -> None:
        self._busy = False
        self.progress.setVisible(False)
        self.message.setText(usb_words.summary(action, result))
        show_original(self.message, result.summary())  # the counts in full, as the CLI says
        self.finished.emit(action, result)
        self.refresh()

    def _failed(self, action: str, exc: BaseException) -> None:
        self._busy = False
        self.progress.setVisible(False)
        text = str(exc) or type(exc).__name__
        said = errors.detail(exc)
        self.message.setText(self.tr("Could not finish: %1").replace("%1", said.text))
        show_original(self.message, said.original)
        self.failed.emit(action, text)
        self.refresh()


# ---------------------------------------------------------------- run on the task thread
def _open(project_path: str) -> Project:
    return Project(Store.open(project_path, check=False))


_State = tuple["PcStatus | _NotJoined | None", list[DeviceStatus] | None, bool]


class _NotJoined:
    """A PC not joined to a server: nothing of it to count."""

    enrolled = False
    device_id = None


NOT_JOINED = _NotJoined()


def _read_state(
    project_path: str | None,
    drive: Path | None,
    relays: Callable[[], list[RelayCredentials]],
) -> _State:
    """This PC's state, the drive's (read only: nothing is written before a click), and
    whether this machine may push."""
    has_relay = bool(relays())
    pc: Any = None
    if project_path:
        with _open(project_path) as project:
            if is_enrolled(project):
                from sync.usb.pcstate import pc_status  # crypto: only for a joined PC

                pc = pc_status(project)
            else:
                pc = NOT_JOINED
    if drive is None:
        return pc, None, has_relay
    if not (drive / TOP).is_dir():
        return pc, [], has_relay
    return pc, Drive.open(drive, read_only=True).statuses(), has_relay


def _run_action(
    action: str,
    project_path: str | None,
    drive: Path,
    relays: Callable[[], list[RelayCredentials]],
    progress: Callable[[int, int, str], None],
) -> Any:
    from sync.usb.export import export_to_drive
    from sync.usb.push import push_drive
    from sync.usb.receive import import_from_drive

    if action == "push":
        return push_drive(drive, relays(), progress=progress)
    if project_path is None:
        raise ValueError("no project is open")
    with _open(project_path) as project:
        if action == "export":
            return export_to_drive(project, drive, progress=progress)
        return import_from_drive(project, drive, progress=progress)
