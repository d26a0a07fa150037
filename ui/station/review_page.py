"""The review loop, keyboard first: the worker's shapes on the canvas, one key per decision.

A or Enter accepts; R rejects (then 1-5 picks the reason; the image goes back to the worker);
C corrects (the canvas's tools and label keys edit a copy of the shapes; Enter saves the
correction as the supervisor's revision, Esc leaves it); N or Page Down skips to the next
item, P or Page Up goes back. Every decision is an immutable record in the project file
before the next image shows. The page never shows the supervisor her own work.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from labeler.errors import LabelerError
from labeler.project import Project
from labeler.quality.station import QueueItem, Station
from sync.station.messages import image_file
from ui.canvas import CanvasView, Tool
from ui.decode import decode_image
from ui.dialogs.flag_dialog import flag_note_text
from ui.error_label import ErrorLabel
from ui.i18n import Retranslating, current_language
from ui.station.reason_dialog import ReasonDialog, reason_text
from ui.station.review_model import ReviewModel

_TOOL_KEYS = {"B": Tool.BOX, "W": Tool.BOX, "P": Tool.POLYGON, "O": Tool.POINT, "V": Tool.SELECT}


def origin_text(item: QueueItem) -> str:
    if item.origin == "proposed":
        names = ", ".join(p["name"] for p in item.proposals) or "?"
        return QCoreApplication.translate(
            "ReviewPage", "Flagged: the worker proposed “{names}”"
        ).format(names=names)
    if item.origin == "flagged":
        # a quick reason from "ask the supervisor" in the supervisor's language
        notes = " · ".join(f"{f['worker']}: {flag_note_text(f['note'])}" for f in item.flags)
        notes = notes or "?"
        if item.flag_only:
            return QCoreApplication.translate(
                "ReviewPage",
                "Flagged, not labeled yet — {notes}. A accepts the flag, R sends it back"
                " to be labeled.",
            ).format(notes=notes)
        return QCoreApplication.translate("ReviewPage", "Flagged by the worker — {notes}").format(
            notes=notes
        )
    if item.origin == "overlap":
        other = item.other.submission.worker if item.other else "?"
        return QCoreApplication.translate(
            "ReviewPage", "Second opinion differs ({other} labeled it too)"
        ).format(other=other)
    if item.origin == "gold":
        return QCoreApplication.translate("ReviewPage", "Reference image answered wrongly")
    return QCoreApplication.translate("ReviewPage", "Spot check")


class ReviewPage(Retranslating, QWidget):
    """The queue on the left, the canvas in the middle, the decision keys below."""

    decided = Signal(str)  # the decision made ("accept", "reject", "correct")

    def __init__(self, project: Project, reviewer: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.reviewer = reviewer
        self.station = Station(project)
        self.items: list[QueueItem] = []
        self.index = 0
        self.correcting = False
        self.shown_at = time.monotonic()
        self.keys_pressed = 0
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the decision keys live here
        self.model = ReviewModel(project.work, reviewer, self)
        self.canvas = CanvasView(self.model, self._label_info)
        self.canvas.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.list = QListWidget()
        self.list.setMaximumWidth(260)
        self.list.currentRowChanged.connect(self._row_chosen)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-weight: bold; padding: 4px;")
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.message = ErrorLabel()
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.accept_button = QPushButton()
        self.reject_button = QPushButton()
        self.correct_button = QPushButton()
        self.next_button = QPushButton()
        for b in (self.accept_button, self.reject_button, self.correct_button, self.next_button):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.setMinimumHeight(36)
        self.accept_button.clicked.connect(self.accept)
        self.reject_button.clicked.connect(self.reject_item)
        self.correct_button.clicked.connect(self.toggle_correct)
        self.next_button.clicked.connect(lambda: self.step(1))
        buttons = QHBoxLayout()
        for b in (self.accept_button, self.reject_button, self.correct_button, self.next_button):
            buttons.addWidget(b)
        middle = QVBoxLayout()
        middle.addWidget(self.heading)
        middle.addWidget(self.detail)
        middle.addWidget(self.message)
        middle.addWidget(self.canvas, 1)
        middle.addWidget(self.empty, 1)
        middle.addLayout(buttons)
        row = QHBoxLayout(self)
        row.addWidget(self.list)
        row.addLayout(middle, 1)
        self._shortcuts()
        self.retranslate()
        self.reload()

    # ---------------------------------------------------------------- keys
    def _shortcuts(self) -> None:
        self.editing_keys: list[QShortcut] = []  # live only while correcting

        def key(seq: str | QKeySequence.StandardKey | Qt.Key, fn) -> QShortcut:  # type: ignore[no-untyped-def]
            s = QShortcut(QKeySequence(seq), self)
            s.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            s.activated.connect(fn)
            return s

        key("A", self._key_accept)
        key(Qt.Key.Key_Return, self._key_enter)
        key(Qt.Key.Key_Enter, self._key_enter)
        key("R", self._key(self.reject_item))
        key("C", self._key(self.toggle_correct))
        key("N", self._key(lambda: self.step(1)))
        key(Qt.Key.Key_PageDown, self._key(lambda: self.step(1)))
        key(Qt.Key.Key_PageUp, self._key(lambda: self.step(-1)))
        key(Qt.Key.Key_Escape, self._key(self._escape))
        key(Qt.Key.Key_Delete, self._key(self._delete))
        self.editing_keys.append(
            key("Ctrl+Z", self._key(lambda: self.model.stack and self.model.stack.undo()))
        )
        for letter, tool in _TOOL_KEYS.items():
            self.editing_keys.append(key(letter, self._key(lambda t=tool: self._set_tool(t))))
        for lab in self.project.taxonomy.labels:
            if lab.shortcut and not lab.retired and lab.shortcut.upper() not in "ARCN":
                self.editing_keys.append(
                    key(lab.shortcut, self._key(lambda i=lab.id: self._label(i)))
                )
        for s in self.editing_keys:
            s.setEnabled(False)

    def _key(self, fn):  # type: ignore[no-untyped-def]
        def counted() -> None:
            self.keys_pressed += 1
            fn()

        return counted

    def _key_accept(self) -> None:
        self.keys_pressed += 1
        if not self.correcting:
            self.accept()

    def _key_enter(self) -> None:
        self.keys_pressed += 1
        if self.correcting:
            self.save_correction()
        else:
            self.accept()

    # ---------------------------------------------------------------- queue
    def reload(self) -> None:
        """Read the queue again (after a collection)."""
        current = self.current.uuid if self.current else None
        self.items = self.station.queue(self.reviewer)
        self.list.blockSignals(True)
        self.list.clear()
        for it in self.items:
            QListWidgetItem(f"{it.worker} · {Path(it.image_path).name}", self.list)
        self.list.blockSignals(False)
        uuids = [it.uuid for it in self.items]
        self.index = uuids.index(current) if current in uuids else 0
        self.show_current()

    @property
    def current(self) -> QueueItem | None:
        return self.items[self.index] if 0 <= self.index < len(self.items) else None

    def _row_chosen(self, row: int) -> None:
        if 0 <= row < len(self.items) and row != self.index:
            self.index = row
            self.show_current()

    def step(self, delta: int) -> None:
        if self.items:
            self.index = (self.index + delta) % len(self.items)
            self.show_current()

    def show_current(self) -> None:
        self._leave_correction()
        item = self.current
        has = item is not None
        self.canvas.setVisible(has)
        self.empty.setVisible(not has)
        for b in (self.accept_button, self.reject_button, self.correct_button, self.next_button):
            b.setEnabled(has)
        self.message.show_message("")
        if item is None:
            self.heading.clear()
            self.detail.clear()
            self.model.clear()
            return
        self.list.blockSignals(True)
        self.list.setCurrentRow(self.index)
        self.list.blockSignals(False)
        self.heading.setText(
            self.tr("{n} of {total}: {worker}, {image}").format(
                n=self.index + 1, total=len(self.items), worker=item.worker, image=item.image_path
            )
        )
        self.detail.setText(origin_text(item))
        self.correct_button.setEnabled(not item.flag_only)
        path = image_file(self.project, item.image_sha256)
        pixmap = None
        if path is not None:
            try:
                decoded = decode_image(path)
                pixmap = QPixmap.fromImage(decoded.image)
            except LabelerError as exc:
                self.message.show_message(str(exc))
        else:
            self.message.show_message(
                self.tr("This image is not on this PC: only the shapes show.")
            )
        if item.flag_only:  # no work yet: the picture alone
            size = (pixmap.width(), pixmap.height()) if pixmap else (1, 1)
            self.canvas.set_image(pixmap, size)
            self.model.load(-1 - self.index, [])
        else:
            s = item.work.submission
            self.canvas.set_image(pixmap, (s.width, s.height))
            self.model.load(-1 - self.index, list(s.shapes))
        self.canvas.fit()
        self.shown_at = time.monotonic()

    # ---------------------------------------------------------------- decisions
    def _decide(self, decision: str, **kw) -> bool:  # type: ignore[no-untyped-def]
        item = self.current
        if item is None:
            return False
        try:
            self.station.decide(
                item.uuid,
                self.reviewer,
                decision,
                origin=item.origin,
                duration_ms=int((time.monotonic() - self.shown_at) * 1000),
                **kw,
            )
        except LabelerError as exc:
            self.message.show_message(str(exc))
            return False
        del self.items[self.index]
        self.list.takeItem(self.index)
        if self.index >= len(self.items):
            self.index = 0
        self.show_current()
        self.decided.emit(decision)
        return True

    def accept(self) -> None:
        self._decide("accept")

    def reject_item(self) -> None:
        if self.current is None or self.correcting:
            return
        dialog = ReasonDialog(self.window())  # not a child of the page: its keys are its own
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.reason:
            self._decide("reject", reason=dialog.reason, note=dialog.note.text())

    def toggle_correct(self) -> None:
        if self.current is None or self.current.flag_only:
            return
        if self.correcting:
            self.show_current()  # leave without saving: the worker's shapes again
            return
        self.correcting = True
        for s in self.editing_keys:
            s.setEnabled(True)
        self.canvas.set_allowed_tools(self.project.kind.shapes)
        self.canvas.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.canvas.viewport().setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, False)
        labels = [lab for lab in self.project.taxonomy.labels if not lab.retired]
        if labels and not self.canvas.current_label:
            self.canvas.current_label = labels[0].id
        self.message.show_message(
            self.tr("Correcting: draw or fix the shapes, Enter saves, Esc leaves.")
        )
        self.canvas.setFocus()

    def save_correction(self) -> None:
        self._decide("correct", shapes=self.model.shapes())

    def _leave_correction(self) -> None:
        self.correcting = False
        for s in getattr(self, "editing_keys", []):
            s.setEnabled(False)
        self.canvas.set_allowed_tools(frozenset())
        self.canvas.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.canvas.viewport().setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.setFocus()

    def _escape(self) -> None:
        if self.correcting:
            self.show_current()

    def _delete(self) -> None:
        if self.correcting and self.canvas.selected:
            self.model.remove(list(self.canvas.selected))

    def _set_tool(self, tool: Tool) -> None:
        if tool in self.canvas.allowed_tools():
            self.canvas.set_tool(tool)

    def _label(self, label_id: str) -> None:
        if not self.correcting:
            return
        self.canvas.current_label = label_id
        if self.canvas.selected:
            self.model.relabel(list(self.canvas.selected), label_id)
        elif self.project.kind.tags and not self.project.kind.shapes:
            self.model.set_tag(label_id, single=self.project.kind.tags == "single")

    def _label_info(self, label_id: str) -> tuple[str, str]:
        lab = self.project.taxonomy.get(label_id)
        return (lab.name(current_language()), lab.colour) if lab else (label_id, "#ff00ff")

    # ---------------------------------------------------------------- text
    def retranslate(self) -> None:
        self.accept_button.setText(self.tr("Accept (A)"))
        self.reject_button.setText(self.tr("Send back (R)"))
        self.correct_button.setText(self.tr("Correct (C)"))
        self.next_button.setText(self.tr("Later (N)"))
        self.empty.setText(
            self.tr("Nothing to review. Collect the PCs' work from the USB drive or the server.")
        )
        if self.current is not None:
            self.show_current()


__all__ = ["ReviewPage", "origin_text", "reason_text"]
