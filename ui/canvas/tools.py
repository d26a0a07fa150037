"""The canvas tools: select (move, resize), box, polygon, point.

A tool turns mouse events in image coordinates into edits through the ``AnnotationModel``.
Drawing shows a ``Preview`` in the colour of the label the shape will get; moving or resizing
changes only the item's picture until the button is released, then one command goes to the
model, so a whole drag is one undo step.

A shape just drawn is *not* selected: a label key pressed next sets the label of the next
shape and never relabels one the worker did not pick. A click (no drag) on a shape with the
box tool selects it, as the select tool does, so fixing a label is click, then key (Tab
selects by keyboard with any tool).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QMouseEvent, QPolygonF

from labeler.annotations import MIN_BOX_SIDE, Shape, ShapeType, drop_repeats
from ui.canvas.items import HANDLE_PX, POINT_PX, Preview, handles

if TYPE_CHECKING:
    from ui.canvas.view import CanvasView


class BaseTool:
    def __init__(self, view: CanvasView) -> None:
        self.view = view

    def press(self, pos: QPointF, event: QMouseEvent) -> None: ...

    def move(self, pos: QPointF, event: QMouseEvent) -> None: ...

    def release(self, pos: QPointF, event: QMouseEvent) -> None: ...

    def double_click(self, pos: QPointF, event: QMouseEvent) -> None: ...

    def finish(self) -> bool:
        """Complete a shape in progress (Enter); True if there was one."""
        return False

    def cancel(self) -> bool:
        """Drop a shape in progress (Esc); True if there was one."""
        return False


class SelectTool(BaseTool):
    """Click selects, drag moves, a handle resizes, a drag on empty space pans."""

    def __init__(self, view: CanvasView) -> None:
        super().__init__(view)
        self.uid: int | None = None
        self.handle: int | None = None
        self.start = QPointF()
        self.original: Shape | None = None
        self.panning = False

    def press(self, pos: QPointF, event: QMouseEvent) -> None:
        view = self.view
        self.start = pos
        hit = view.handle_at(pos)
        if hit is not None:
            self.uid, self.handle = hit
        else:
            self.handle = None
            self.uid = view.shape_at(pos)
            additive = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
            if self.uid is None:
                if not additive:
                    view.select([])
                self.panning = True
                view.start_pan(event.position())
                return
            if additive:
                view.toggle_selected(self.uid)
            elif self.uid not in view.selected:
                view.select([self.uid])
        self.original = view.model.get(self.uid) if self.uid is not None else None

    def move(self, pos: QPointF, event: QMouseEvent) -> None:
        if self.panning:
            self.view.pan_to(event.position())
            return
        if self.original is None or self.uid is None:
            return
        shape = self._dragged(pos)
        if shape is not None:
            self.view.preview_shape(self.uid, shape)

    def release(self, pos: QPointF, event: QMouseEvent) -> None:
        if self.panning:
            self.panning = False
            return
        if self.original is None or self.uid is None:
            return
        shape = self._dragged(pos)
        uid, self.uid, original, self.original = self.uid, None, self.original, None
        if shape is None or shape == original:
            self.view.preview_shape(uid, original)
            return
        text = (
            QCoreApplication.translate("CanvasView", "Resize shape")
            if self.handle is not None
            else QCoreApplication.translate("CanvasView", "Move shape")
        )
        self.view.model.replace(uid, shape, text)

    def _dragged(self, pos: QPointF) -> Shape | None:
        assert self.original is not None
        s = self.original
        dx, dy = pos.x() - self.start.x(), pos.y() - self.start.y()
        w, h = self.view.image_size
        if self.handle is None:
            x1, y1, x2, y2 = s.bbox
            dx = min(max(dx, -x1), w - x2)
            dy = min(max(dy, -y1), h - y2)
            return Shape(s.type, s.label, tuple((x + dx, y + dy) for x, y in s.points), s.attrs)
        px, py = min(max(pos.x(), 0.0), w), min(max(pos.y(), 0.0), h)
        if s.type is ShapeType.BOX:
            (x1, y1), (x2, y2) = s.points
            i = self.handle
            if i in (0, 6, 7):
                x1 = px
            if i in (2, 3, 4):
                x2 = px
            if i in (0, 1, 2):
                y1 = py
            if i in (4, 5, 6):
                y2 = py
            if abs(x2 - x1) < MIN_BOX_SIDE or abs(y2 - y1) < MIN_BOX_SIDE:
                return None
            box = Shape.box(s.label, x1, y1, x2, y2)
            return Shape(box.type, box.label, box.points, s.attrs)
        pts = list(s.points)
        pts[self.handle] = (px, py)
        return Shape(s.type, s.label, tuple(pts), s.attrs)


class BoxTool(BaseTool):
    """Press at one corner, release at the other."""

    def __init__(self, view: CanvasView) -> None:
        super().__init__(view)
        self.start: QPointF | None = None
        self.preview = Preview()

    def press(self, pos: QPointF, event: QMouseEvent) -> None:
        self.start = self.view.clamp(pos)
        self.preview.colour = self.view.label_colour()
        self.view.show_preview(self.preview)
        self.preview.set(ShapeType.BOX, [self.start, self.start])

    def move(self, pos: QPointF, event: QMouseEvent) -> None:
        if self.start is not None:
            self.preview.set(ShapeType.BOX, [self.start, self.view.clamp(pos)])

    def release(self, pos: QPointF, event: QMouseEvent) -> None:
        if self.start is None:
            return
        end = self.view.clamp(pos)
        start, self.start = self.start, None
        self.view.hide_preview(self.preview)
        rect = QRectF(start, end).normalized()
        if rect.width() < max(MIN_BOX_SIDE, 3 * self.view.px) or rect.height() < max(
            MIN_BOX_SIDE, 3 * self.view.px
        ):
            self.view.click_select(end, event)  # a click, not a box
            return
        shape = Shape.box(
            self.view.current_label, rect.left(), rect.top(), rect.right(), rect.bottom()
        )
        self.view.add_drawn(shape)

    def cancel(self) -> bool:
        if self.start is None:
            return False
        self.start = None
        self.view.hide_preview(self.preview)
        return True


class PolygonTool(BaseTool):
    """Click each corner; double-click, Enter or a click on the first corner closes it."""

    kind = ShapeType.POLYGON
    closed = True  # a click on the first corner closes the outline
    min_points = 3

    def __init__(self, view: CanvasView) -> None:
        super().__init__(view)
        self.points: list[QPointF] = []
        self.preview = Preview()

    def press(self, pos: QPointF, event: QMouseEvent) -> None:
        pos = self.view.clamp(pos)
        if self.closed and len(self.points) >= 3:
            first = self.points[0]
            if (first - pos).manhattanLength() < HANDLE_PX * self.view.px:
                self.finish()
                return
        if not self.points:
            self.preview.colour = self.view.label_colour()
            self.view.show_preview(self.preview)
        self.points.append(pos)
        self.preview.set(self.kind, self.points)

    def move(self, pos: QPointF, event: QMouseEvent) -> None:
        if self.points:
            self.preview.set(self.kind, self.points, self.view.clamp(pos))

    def double_click(self, pos: QPointF, event: QMouseEvent) -> None:
        self.finish()

    def finish(self) -> bool:
        if not self.points:
            return False
        pts = _dedupe([(p.x(), p.y()) for p in self.points], self.closed)
        self.cancel()
        extent = QPolygonF([QPointF(x, y) for x, y in pts]).boundingRect()
        if len(pts) >= self.min_points and (extent.width() > 0 or not self.closed):
            self.view.add_drawn(Shape(self.kind, self.view.current_label, tuple(pts)))
        return True

    def cancel(self) -> bool:
        had = bool(self.points)
        self.points = []
        self.view.hide_preview(self.preview)
        return had


class PolylineTool(PolygonTool):
    """An open line (a road, a wire, a crack): click each point; double-click or Enter ends
    it (two points or more)."""

    kind = ShapeType.POLYLINE
    closed = False
    min_points = 2


class PointTool(BaseTool):
    def press(self, pos: QPointF, event: QMouseEvent) -> None:
        p = self.view.clamp(pos)
        self.view.add_drawn(Shape.point(self.view.current_label, p.x(), p.y()))


def _dedupe(pts: list[tuple[float, float]], closed: bool = True) -> list[tuple[float, float]]:
    return drop_repeats(pts, closed)


def hit_shape(shape: Shape, pos: QPointF, px: float) -> bool:
    """Whether ``pos`` (image pixels) is on ``shape``, with a tolerance of a few screen pixels."""
    tol = 4 * px
    if shape.type is ShapeType.BOX:
        (x1, y1), (x2, y2) = shape.points
        return QRectF(x1, y1, x2 - x1, y2 - y1).adjusted(-tol, -tol, tol, tol).contains(pos)
    if shape.type is ShapeType.POLYGON:
        poly = QPolygonF([QPointF(x, y) for x, y in shape.points])
        return poly.containsPoint(pos, Qt.FillRule.OddEvenFill)
    if shape.type is ShapeType.POINT:
        x, y = shape.points[0]
        return (QPointF(x, y) - pos).manhattanLength() <= (POINT_PX + 4) * px
    if shape.type is ShapeType.POLYLINE:
        pts = shape.points
        return any(_near_segment(pos, pts[i], pts[i + 1], tol) for i in range(len(pts) - 1))
    return False


def _near_segment(p: QPointF, a: tuple[float, float], b: tuple[float, float], tol: float) -> bool:
    """Whether ``p`` is within ``tol`` of the segment from ``a`` to ``b``."""
    ax, ay, bx, by = a[0], a[1], b[0], b[1]
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    t = (
        0.0
        if length2 == 0
        else max(0.0, min(1.0, ((p.x() - ax) * dx + (p.y() - ay) * dy) / length2))
    )
    cx, cy = ax + t * dx - p.x(), ay + t * dy - p.y()
    return cx * cx + cy * cy <= tol * tol


def hit_handle(shape: Shape, pos: QPointF, px: float) -> int | None:
    for i, h in enumerate(handles(shape)):
        if abs(h.x() - pos.x()) <= HANDLE_PX * px and abs(h.y() - pos.y()) <= HANDLE_PX * px:
            return i
    return None
