"""Join this project to the central server with the enrollment file the supervisor brings.

The supervisor picks the ``*.hitl-enroll`` file (usually on a USB drive); the dialog checks
it at once (``sync.enrollment.read_enrollment``: format, the server's signature on the
project pack) and shows what it is for: server, centre, device. On "Enroll" the project is
joined (``sync.enrollment.enroll``); a mistake shows in the dialog, in plain words, and
nothing changes. A plain-http server address on another machine is refused (the PC's secret
would cross the network in clear text) unless the supervisor ticks "closed network": a
deliberate act, offered only when that is the one thing wrong.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from labeler.errors import LabelerError
from labeler.project import Project
from sync.enrollment import Enrollment, enroll, read_enrollment
from sync.errors import InsecureServerAddress
from sync.usb.detect import find_drives, mount_roots
from ui import errors
from ui.error_label import ErrorLabel
from ui.fonts import grow_to_fit
from ui.i18n import Retranslating

ENROLL_SUFFIX = ".hitl-enroll"


def usb_mount_points() -> list[Path]:
    """Drives plugged in now: those with a HITL folder first, then every mount point
    (``/media/<user>/<label>``, a drive letter) - an enrollment file may be on any of them."""
    found = find_drives()
    for root in mount_roots():
        candidates = [root] if root.parent == root else _below(root)
        found += [c for c in candidates if c not in found]
    return found


def _below(root: Path) -> list[Path]:
    """Folders one and two levels down (``/mnt/<label>``, ``/media/<user>/<label>``)."""
    out: list[Path] = []
    with contextlib.suppress(OSError):
        for first in sorted(p for p in root.iterdir() if p.is_dir()):
            out.append(first)
            with contextlib.suppress(OSError):
                out += sorted(p for p in first.iterdir() if p.is_dir())
    return out


class EnrollDialog(Retranslating, QDialog):
    """``enrollment`` holds what was applied after ``exec()`` returns Accepted."""

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.enrollment: Enrollment | None = None
        self._checked: Enrollment | None = None
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.path = QLineEdit()
        self.path.editingFinished.connect(lambda: self.check(self.path.text()))
        self.path.textEdited.connect(lambda _text: self._forget_http())
        self.browse = QPushButton()
        self.browse.clicked.connect(self.choose_file)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        self.server = QLabel()
        self.centre = QLabel()
        self.device = QLabel()
        self.captions = [QLabel(), QLabel(), QLabel()]
        self.form = QFormLayout()
        for caption, value in zip(
            self.captions, (self.server, self.centre, self.device), strict=True
        ):
            self.form.addRow(caption, value)
        self.error = ErrorLabel()
        self.allow_http = QCheckBox()  # shown only when a plain-http address is the problem
        self.allow_http.setVisible(False)
        self.allow_http.toggled.connect(lambda _on: self.check(self.path.text()))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(row)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.allow_http)
        layout.addWidget(self.buttons)
        self.retranslate()
        self._show(None)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Join the central server"))
        self.intro.setText(
            self.tr(
                "Choose the enrollment file your supervisor brought (it ends in .hitl-enroll)."
                " Work already done on this PC is kept and will be sent."
            )
        )
        self.browse.setText(self.tr("Choose file…"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Enroll"))
        self.allow_http.setText(
            self.tr("This is the centre's closed network (no internet): use this http server")
        )
        captions = (self.tr("Server"), self.tr("Centre"), self.tr("Device"))
        for caption, text in zip(self.captions, captions, strict=True):
            caption.setText(text)

    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Enrollment file"),
            str(self.picker_start()),
            self.tr("Enrollment files (*.hitl-enroll);;All files (*)"),
        )
        if name:
            self.path.setText(name)
            self._forget_http()
            self.check(name)

    def picker_start(self) -> Path:
        """Where the file picker opens: the file typed, else an enrollment file on a USB
        drive (the supervisor brings it on one), else the drive, else the home folder."""
        typed = self.path.text().strip()
        if typed:
            return Path(typed)
        drives = usb_mount_points()
        for drive in drives:
            found = sorted(drive.glob(f"*{ENROLL_SUFFIX}"))
            if found:
                return found[0]
        return drives[0] if drives else Path.home()

    def check(self, path: str) -> bool:
        """Read and verify the file; show what it is for, or why it cannot be used."""
        if not path.strip():
            self._show(None)
            return False
        try:
            e = read_enrollment(path.strip(), allow_insecure_http=self.allow_http.isChecked())
        except InsecureServerAddress as exc:
            self._show(None)
            self.allow_http.setVisible(True)
            message = self.tr(
                "The server address %1 starts with http, not https: this PC's secret key and"
                " work would cross the network unprotected. Ask the admin for an https"
                " address. Only on the centre's own closed network, tick the box below."
            ).replace("%1", exc.url)
            self.error.show_message(message, str(exc))
            grow_to_fit(self)
            return False
        except LabelerError as exc:
            self._show(None)
            self._error(exc)
            return False
        self._show(e)
        return True

    def _forget_http(self) -> None:
        """Another file: a plain-http address must be allowed again, for that file."""
        self.allow_http.blockSignals(True)
        self.allow_http.setChecked(False)
        self.allow_http.blockSignals(False)
        self.allow_http.setVisible(False)

    def _show(self, e: Enrollment | None) -> None:
        self._checked = e
        self.error.show_message("")
        self.server.setText(e.server_url if e else "—")
        self.centre.setText((e.centre or "—") if e else "—")
        self.device.setText(e.device_id if e else "—")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(e is not None)

    def accept(self) -> None:
        if self._checked is None and not self.check(self.path.text()):
            return
        try:
            self.enrollment = enroll(self.project, self._checked or self.path.text())
        except LabelerError as exc:
            self._error(exc)
            return
        super().accept()

    def _error(self, exc: LabelerError) -> None:
        said = errors.detail(exc)
        self.error.show_message(f"{errors.heading(exc)}: {said.text}", said.original)
        grow_to_fit(self)  # the message takes room: the dialog grows, nothing is squeezed
