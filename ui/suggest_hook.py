"""Model suggestions in the main window: the engine, the canvas layer, the keys, the submit.

Built only when the project has an active model. Suggestions for the image on screen are
drawn by ``ui.canvas.suggestions``; the worker decides each from the keyboard:

- **Y** accepts the focused suggestion (it becomes her shape, selected: arrows move it, a
  label key relabels it, the mouse resizes it); **Shift+Y** accepts all;
- **X** rejects the focused one; **Shift+X** rejects all; **N** / **Shift+N** move the focus.

Accepts and rejects are undoable (Ctrl+Z). In classification projects the top suggestions are
marked in the label palette and Y takes the best one. On submit the record of who decided
goes with the work (``labeler.models.outcomes``); nothing predicted is submitted unless
accepted. A model that cannot be used is reported once, and labeling goes on without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtGui import QAction, QUndoCommand

from labeler.annotations import Shape, ShapeType
from labeler.errors import LabelerError
from labeler.models.outcomes import (
    WORKING_KEY,
    from_suggestion,
    rejections,
    save_rejections,
    submit_with_suggestions,
)
from labeler.models.predictions import Prediction
from labeler.queue import ImageRecord, Status
from labeler.work import Submission
from ui.actions import key_sequence
from ui.canvas.suggestions import SuggestionLayer
from ui.suggestion_engine import AHEAD, SuggestionEngine

if TYPE_CHECKING:
    from ui.main_window import MainWindow

KEYS = {
    "accept": ("Y",),
    "accept_all": ("Shift+Y",),
    "reject": ("X",),
    "reject_all": ("Shift+X",),
    "next_suggestion": ("N",),
    "previous_suggestion": ("Shift+N",),
}


class SuggestionHook(QObject):
    """Everything suggestions add to one main window."""

    def __init__(self, window: MainWindow, *, threads: int = 1) -> None:
        super().__init__(window)
        self.window = window
        self.project = window.project
        self.session = window.session
        self.model = window.model
        self.canvas = window.canvas
        self.threads = threads
        self.engine: SuggestionEngine | None = None
        self.layer = SuggestionLayer(self.canvas.scene(), window._label_info)
        self.preds: list[Prediction] = []
        self._preds_image: int | None = None  # the image ``preds`` are for
        self.rejected: dict[int, set[int]] = {}  # image id -> rejected suggestion indexes
        self.focus: int | None = None
        self.actions: dict[str, QAction] = {}
        self._build_actions()
        self.session.submit_work = self._submit
        self.session.imageChanged.connect(self._image_changed)
        for signal in (self.model.reset, self.model.added, self.model.removed, self.model.changed):
            signal.connect(self._refresh)
        self.canvas.painted.connect(self._follow_zoom)
        self._after = QTimer(self)  # store and queue reads wait until the image is painted
        self._after.setSingleShot(True)
        self._after.setInterval(0)
        self._after.timeout.connect(self._after_paint)
        self._waiting = QTimer(self)  # a model named by the pack whose file has not arrived
        self._waiting.setInterval(30_000)
        self._waiting.timeout.connect(self.start)
        self.start()

    # ---------------------------------------------------------------- engine
    def start(self) -> bool:
        """Start suggesting if the project's model is here; True if it runs."""
        if self.engine is not None:
            return True
        entry = self.project.models.active()
        if entry is None:
            return False
        if entry.source != "import" and (entry.file is None or not entry.file.is_file()):
            self._waiting.start()
            return False
        self._waiting.stop()
        self.engine = SuggestionEngine(self.project, entry, self.threads)
        self.engine.ready.connect(self._ready)
        self.engine.failed.connect(self._failed)
        self._image_changed(self.session.current)
        return True

    def stop(self) -> None:
        self._waiting.stop()
        self._after.stop()
        if self.engine is not None:
            self.engine.shutdown()

    def _upcoming(self, rec: ImageRecord) -> list[tuple[int, str, object]]:
        out = [rec, *self.project.queue.next_todos(rec.seq, AHEAD)]
        index = self.project.index
        return [(r.id, r.sha256, index.abspath(r.path)) for r in out if r.sha256 and not r.problem]

    def _image_changed(self, rec: ImageRecord | None) -> None:
        """A new image on screen: its suggestions if the engine has them in memory (the usual
        case: predicted ahead); the store and the queue are read after the paint."""
        self.preds = []
        self.focus = None
        self._preds_image = rec.id if rec is not None else None
        if rec is not None and self.engine is not None and self.engine.alive:
            self.preds = self.engine.remembered(rec.sha256) or []
            if rec.id not in self.rejected and rec.status is not Status.TODO:
                self._load_rejected(rec.id)  # kept with its draft (the app was closed)
            self._after.start()
        self._refresh(draw=False)  # keys and palette now; the outlines after the image's paint

    def _after_paint(self) -> None:
        """After the new image is painted: its suggestions drawn (from the store if memory
        had none), and the images to predict next."""
        rec = self.session.current
        if rec is None or self.engine is None or not self.engine.alive:
            return
        if not self.preds:
            self.preds = self.engine.predictions(rec.sha256) or []
        self._refresh()
        self.engine.want(self._upcoming(rec))

    def _load_rejected(self, image_id: int) -> None:
        assert self.engine is not None
        try:
            kept = rejections(self.project, image_id, self.engine.sha256)
        except LabelerError:
            kept = set()
        if kept:
            self.rejected[image_id] = kept

    def _ready(self, image_id: int) -> None:
        rec = self.session.current
        if rec is not None and rec.id == image_id and not self.preds and self.engine:
            self.preds = self.engine.predictions(rec.sha256) or []
            self._refresh()

    def _failed(self, message: str) -> None:
        self.layer.clear()
        self.preds = []
        self.window.palette.set_suggested({})
        if message:  # once per model and project, in the worker's language
            self.window.message.show_message(
                self.tr(
                    "Model suggestions are off: the model could not be used ({detail})."
                    " Label as usual; tell your supervisor."
                ).replace("{detail}", message)
            )

    # ---------------------------------------------------------------- state
    def pending(self) -> list[int]:
        """Suggestions not yet decided on the image on screen, best first."""
        image_id = self.model.image_id
        if image_id is None or not self.preds or image_id != self._preds_image:
            return []  # (the model has the next image already; its suggestions come next)
        taken = {s.attrs.get(WORKING_KEY) for s in self.model.shapes()}
        if any(p.shape.type is ShapeType.TAG for p in self.preds):
            tags = set(self.model.tags())
            taken |= {i for i, p in enumerate(self.preds) if p.label in tags}
        rejected = self.rejected.get(image_id, set())
        return [i for i in range(len(self.preds)) if i not in taken and i not in rejected]

    def _refresh(self, *_: object, draw: bool = True) -> None:
        """Bring the layer, the palette's marks and the keys up to date; ``draw=False``
        leaves the outlines to a later refresh (the switch paints the image first)."""
        if self.model.image_id != self._preds_image and self.model.image_id is not None:
            self.layer.clear()  # the next image is loading: its own refresh follows at once
            return
        pending = self.pending()
        if self.focus not in pending:
            self.focus = pending[0] if pending else None
        if draw:
            self.layer.set_px(self.canvas.px)
            self.layer.show(self.preds, pending, self.focus)
        else:
            self.layer.clear()
        tags = {
            self.preds[i].label: self.preds[i].score
            for i in pending
            if self.preds[i].shape.type is ShapeType.TAG
        }
        self.window.palette.set_suggested(tags)
        for name in (
            "accept",
            "accept_all",
            "reject",
            "reject_all",
            "next_suggestion",
            "previous_suggestion",
        ):
            self.actions[name].setEnabled(bool(pending))

    def _follow_zoom(self) -> None:
        if self.layer.px != self.canvas.px:
            self.layer.set_px(self.canvas.px)

    # ---------------------------------------------------------------- decisions
    def accept(self, indexes: list[int] | None = None) -> None:
        pending = self.pending()
        todo = [i for i in (indexes if indexes is not None else pending[:1]) if i in pending]
        if not todo:
            return
        first = self.preds[todo[0]]
        if first.shape.type is ShapeType.TAG:  # classification: the best label, as a key would
            self.session.choose_label(first.label)
            return
        stack = self.model.stack
        if stack is not None and len(todo) > 1:
            stack.beginMacro(self.tr("Accept all suggestions"))
        uids = [
            self.model.add(from_suggestion(self.preds[i], i))
            for i in todo
            if self.preds[i].shape.type is not ShapeType.TAG
        ]
        if stack is not None and len(todo) > 1:
            stack.endMacro()
        self.canvas.select(uids[-1:])

    def accept_all(self) -> None:
        self.accept(self.pending())

    def reject(self, indexes: list[int] | None = None) -> None:
        pending = self.pending()
        todo = [i for i in (indexes if indexes is not None else pending[:1]) if i in pending]
        image_id = self.model.image_id
        stack = self.model.stack
        if not todo or image_id is None or stack is None:
            return
        stack.push(_Reject(self, image_id, set(todo)))

    def reject_all(self) -> None:
        self.reject(self.pending())

    def move_focus(self, step: int) -> None:
        pending = self.pending()
        if not pending:
            return
        at = pending.index(self.focus) if self.focus in pending else -step
        self.focus = pending[(at + step) % len(pending)]
        self._refresh()

    def accept_focused(self) -> None:
        if self.focus is not None:
            self.accept([self.focus])

    def reject_focused(self) -> None:
        if self.focus is not None:
            self.reject([self.focus])

    def _submit(self, rec: ImageRecord, shapes: list[Shape]) -> Submission:
        """The session's submit: with the record of who decided when suggestions were shown."""
        if not self.preds or self.engine is None:
            return self.project.work.submit(rec.id, shapes, self.session.worker)
        sub, _ = submit_with_suggestions(
            self.project,
            rec.id,
            shapes,
            self.session.worker,
            model_sha256=self.engine.sha256,
            predictions=self.preds,
            rejected=frozenset(self.rejected.get(rec.id, set())),
        )
        self.rejected.pop(rec.id, None)
        return sub

    def _keep_rejected(self, image_id: int) -> None:
        """Save the rejections with the image's draft (not for an image open read only)."""
        if self.engine is None or self.model.image_id != image_id or self.model.read_only:
            return
        try:
            save_rejections(
                self.project,
                image_id,
                self.engine.sha256,
                self.rejected.get(image_id, set()),
                self.model.shapes(),
                self.session.worker,
            )
        except LabelerError as exc:  # the store refused: said as any failed save is
            self.session.error.emit(exc)

    # ---------------------------------------------------------------- actions
    def _build_actions(self) -> None:
        menu = self.window.menus["edit"]
        menu.addSeparator()
        slots = {
            "accept": self.accept_focused,
            "accept_all": self.accept_all,
            "reject": self.reject_focused,
            "reject_all": self.reject_all,
            "next_suggestion": lambda: self.move_focus(1),
            "previous_suggestion": lambda: self.move_focus(-1),
        }
        for name, keys in KEYS.items():
            a = QAction(self.window)
            a.setShortcuts([key_sequence(k) for k in keys])
            a.triggered.connect(slots[name])
            a.setEnabled(False)
            self.window.addAction(a)
            menu.addAction(a)
            self.actions[name] = a
        self.retranslate()

    def retranslate(self) -> None:
        texts = {
            "accept": self.tr("Accept the suggestion"),
            "accept_all": self.tr("Accept all suggestions"),
            "reject": self.tr("Reject the suggestion"),
            "reject_all": self.tr("Reject all suggestions"),
            "next_suggestion": self.tr("Next suggestion"),
            "previous_suggestion": self.tr("Previous suggestion"),
        }
        for name, text in texts.items():
            self.actions[name].setText(text)

    def cheat_sheet(self) -> list[tuple[str, str]]:
        """(keys, what they do) for the cheat sheet."""
        return [(", ".join(KEYS[n]), self.actions[n].text()) for n in KEYS]


class _Reject(QUndoCommand):
    """Rejecting suggestions, undoable like any edit of the image."""

    def __init__(self, hook: SuggestionHook, image_id: int, indexes: set[int]) -> None:
        super().__init__(QCoreApplication.translate("SuggestionHook", "Reject suggestion"))
        self.hook, self.image_id, self.indexes = hook, image_id, indexes

    def redo(self) -> None:
        self.hook.rejected.setdefault(self.image_id, set()).update(self.indexes)
        self.hook._keep_rejected(self.image_id)
        self.hook._refresh()

    def undo(self) -> None:
        self.hook.rejected.get(self.image_id, set()).difference_update(self.indexes)
        self.hook._keep_rejected(self.image_id)
        self.hook._refresh()
