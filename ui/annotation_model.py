"""The shapes of the image on screen, and every edit of them as an undoable command.

The model owns the shapes; the canvas draws them and writes only through this API. Each edit
is one ``QUndoCommand`` on the image's own ``QUndoStack`` (the stacks of recent images are
kept, so going back to an image keeps its undo history), and every change - including an undo
or redo - is saved at once as the image's draft, committed to SQLite before the signal that
redraws the canvas. There is no Save button because there is nothing left to save.
"""

from __future__ import annotations

from collections import OrderedDict
from itertools import count

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoGroup, QUndoStack

from labeler.annotations import Shape, ShapeType
from labeler.errors import LabelerError
from labeler.work import Work

KEEP_STACKS = 20  # images whose undo history stays in memory


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("AnnotationModel", text, None, n)


class _ImageState:
    def __init__(self, image_id: int, shapes: list[Shape], stack: QUndoStack) -> None:
        self.image_id = image_id
        self.uids = count(1)
        self.shapes: OrderedDict[int, Shape] = OrderedDict((next(self.uids), s) for s in shapes)
        self.stack = stack


class AnnotationModel(QObject):
    """Shapes of the current image, keyed by a uid that stays the same while it is edited."""

    reset = Signal()  # another image, or many shapes changed
    added = Signal(int)
    removed = Signal(int)
    changed = Signal(int)
    saved = Signal()  # the draft is committed
    error = Signal(object)  # a LabelerError while saving
    refused = Signal()  # an edit of an image that is not open for editing (submitted)

    def __init__(self, work: Work, worker: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.work = work
        self.worker = worker
        self.group = QUndoGroup(self)
        self._states: OrderedDict[int, _ImageState] = OrderedDict()
        self._state: _ImageState | None = None
        self.read_only = False  # a submitted image: editing it is an explicit act (correct)

    # ---------------------------------------------------------------- reading
    @property
    def image_id(self) -> int | None:
        return self._state.image_id if self._state else None

    @property
    def stack(self) -> QUndoStack | None:
        return self._state.stack if self._state else None

    def items(self) -> list[tuple[int, Shape]]:
        return list(self._state.shapes.items()) if self._state else []

    def shapes(self) -> list[Shape]:
        return list(self._state.shapes.values()) if self._state else []

    def get(self, uid: int) -> Shape | None:
        return self._state.shapes.get(uid) if self._state else None

    def tags(self) -> list[str]:
        return [s.label for s in self.shapes() if s.type is ShapeType.TAG]

    # ---------------------------------------------------------------- images
    def load(self, image_id: int, shapes: list[Shape]) -> None:
        """Show ``image_id`` with its stored shapes, keeping its undo history if still valid."""
        state = self._states.get(image_id)
        if state is None or list(state.shapes.values()) != shapes:
            if state is not None:
                self.group.removeStack(state.stack)
                state.stack.deleteLater()
            state = _ImageState(image_id, shapes, QUndoStack(self.group))
            self._states[image_id] = state
        self._states.move_to_end(image_id)
        while len(self._states) > KEEP_STACKS:
            _, old = self._states.popitem(last=False)
            self.group.removeStack(old.stack)
            old.stack.deleteLater()
        self._state = state
        self.group.setActiveStack(state.stack)
        self.reset.emit()

    def clear(self) -> None:
        """No image on screen (everything is done)."""
        self._state = None
        self.group.setActiveStack(None)
        self.reset.emit()

    def forget(self, image_id: int) -> None:
        """Drop an image's undo history (after it is submitted its draft is gone)."""
        state = self._states.pop(image_id, None)
        if state is not None:
            state.stack.clear()

    # ---------------------------------------------------------------- edits
    def add(self, shape: Shape) -> int | None:
        if not self._editable():
            return None
        state = self._need()
        uid = next(state.uids)
        state.stack.push(_Add(self, uid, shape))
        return uid

    def remove(self, uids: list[int]) -> None:
        if not self._editable():
            return
        state = self._need()
        uids = [u for u in uids if u in state.shapes]
        if not uids:
            return
        if len(uids) == 1:
            state.stack.push(_Remove(self, uids[0]))
            return
        state.stack.beginMacro(_tr("Delete %n shapes", len(uids)))
        for uid in uids:
            state.stack.push(_Remove(self, uid))
        state.stack.endMacro()

    def replace(self, uid: int, shape: Shape, text: str | None = None) -> None:
        """Move, resize or relabel one shape (``text`` names the edit in the undo history)."""
        if not self._editable():
            return
        state = self._need()
        old = state.shapes.get(uid)
        if old is None or old == shape:
            return
        state.stack.push(_Replace(self, uid, old, shape, text or _tr("Change shape")))

    def relabel(self, uids: list[int], label: str) -> None:
        if not self._editable():
            return
        state = self._need()
        todo = [u for u in uids if u in state.shapes and state.shapes[u].label != label]
        if not todo:
            return
        state.stack.beginMacro(_tr("Change label"))
        for uid in todo:
            old = state.shapes[uid]
            state.stack.push(_Replace(self, uid, old, _with_label(old, label), _tr("Change label")))
        state.stack.endMacro()

    def set_tag(self, label: str, single: bool) -> None:
        """Give the image a label (classification); ``single`` replaces the others."""
        if not self._editable():
            return
        state = self._need()
        tags = [(u, s) for u, s in state.shapes.items() if s.type is ShapeType.TAG]
        if single:
            if [s.label for _, s in tags] == [label]:
                return
            state.stack.beginMacro(_tr("Image label"))
            for uid, _ in tags:
                state.stack.push(_Remove(self, uid))
            state.stack.push(_Add(self, next(state.uids), Shape.tag(label)))
            state.stack.endMacro()
            return
        for uid, s in tags:
            if s.label == label:
                state.stack.push(_Remove(self, uid))
                return
        state.stack.push(_Add(self, next(state.uids), Shape.tag(label)))

    # ---------------------------------------------------------------- internals (commands)
    def _need(self) -> _ImageState:
        if self._state is None:
            raise LabelerError("no image is open")
        return self._state

    def _editable(self) -> bool:
        """False (and ``refused`` emitted) while the image is read only."""
        if self.read_only:
            self.refused.emit()
            return False
        return True

    def _apply_add(self, uid: int, shape: Shape, index: int | None = None) -> None:
        shapes = self._need().shapes
        shapes[uid] = shape
        if index is not None:
            for key in list(shapes)[index:-1]:
                shapes.move_to_end(key)
        self._save()
        self.added.emit(uid)

    def _apply_remove(self, uid: int) -> tuple[Shape, int]:
        shapes = self._need().shapes
        index = list(shapes).index(uid)
        shape = shapes.pop(uid)
        self._save()
        self.removed.emit(uid)
        return shape, index

    def _apply_replace(self, uid: int, shape: Shape) -> None:
        self._need().shapes[uid] = shape
        self._save()
        self.changed.emit(uid)

    def _save(self) -> None:
        state = self._need()
        try:
            self.work.save_draft(state.image_id, list(state.shapes.values()), self.worker)
        except LabelerError as exc:
            self.error.emit(exc)
            return
        self.saved.emit()


def _with_label(shape: Shape, label: str) -> Shape:
    return Shape(shape.type, label, shape.points, dict(shape.attrs))


class _Add(QUndoCommand):
    def __init__(self, model: AnnotationModel, uid: int, shape: Shape) -> None:
        super().__init__(_tr("Add shape"))
        self.model, self.uid, self.shape = model, uid, shape

    def redo(self) -> None:
        self.model._apply_add(self.uid, self.shape)

    def undo(self) -> None:
        self.model._apply_remove(self.uid)


class _Remove(QUndoCommand):
    def __init__(self, model: AnnotationModel, uid: int) -> None:
        super().__init__(_tr("Delete shape"))
        self.model, self.uid = model, uid
        self.shape: Shape | None = None
        self.index = 0

    def redo(self) -> None:
        self.shape, self.index = self.model._apply_remove(self.uid)

    def undo(self) -> None:
        assert self.shape is not None
        self.model._apply_add(self.uid, self.shape, self.index)


class _Replace(QUndoCommand):
    def __init__(self, model: AnnotationModel, uid: int, old: Shape, new: Shape, text: str) -> None:
        super().__init__(text)
        self.model, self.uid, self.old, self.new = model, uid, old, new

    def redo(self) -> None:
        self.model._apply_replace(self.uid, self.new)

    def undo(self) -> None:
        self.model._apply_replace(self.uid, self.old)
