"""The canvas widget: one image, its shapes, zoom and pan, and the active tool.

Scene coordinates are image pixels of the image as displayed. The decoded pixmap is usually
smaller than the image (decoded to screen size), so it is scaled up to the image's size in the
scene; shapes therefore always use full-image coordinates. The view listens to the
``AnnotationModel`` and redraws only the shape a signal names.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPixmap,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPixmapItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsView,
    QWidget,
)

from labeler.annotations import Shape, ShapeType
from ui.annotation_model import AnnotationModel
from ui.canvas import keyboard, tools
from ui.canvas.cursor import label_cursor
from ui.canvas.items import ShapeItem

ZOOM_STEP = 1.25
MAX_ZOOM = 32.0


class Tool(StrEnum):
    SELECT = "select"
    BOX = "box"
    POLYGON = "polygon"
    POINT = "point"
    POLYLINE = "polyline"


_SHAPE_TOOL = {
    ShapeType.BOX: Tool.BOX,
    ShapeType.POLYGON: Tool.POLYGON,
    ShapeType.POINT: Tool.POINT,
    ShapeType.POLYLINE: Tool.POLYLINE,
}
LabelInfo = Callable[[str], tuple[str, str]]  # label id -> (name to show, colour)


class CanvasView(QGraphicsView):
    """Shows the current image; the active tool turns the mouse into model edits."""

    selectionChanged = Signal()
    toolChanged = Signal(str)
    currentLabelChanged = Signal(str)  # the label the next shape gets
    zoomChanged = Signal(float)  # screen pixels per image pixel (1.0 is 100 %)
    editRefused = Signal()  # a drawing or edit on an image that is not open for editing
    painted = Signal()
    detailWanted = Signal()  # zoomed in past the decoded pixmap's resolution
    resized = Signal(QSize)  # the viewport's new size (decode targets follow it)

    def __init__(
        self, model: AnnotationModel, label_info: LabelInfo, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.label_info = label_info
        self._current_label = ""
        self.selected: list[int] = []
        self.hidden: set[int] = set()  # shapes the worker hid from view (shapes list)
        self.image_size = (1, 1)
        self.px = 1.0
        self.paints = 0
        self._items: dict[int, ShapeItem] = {}
        self._fit = True
        self._detail = False
        self._space = False
        self._pan_from: QPointF | None = None
        self.setScene(QGraphicsScene(self))
        self.setBackgroundBrush(QBrush(QColor("#303030")))
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.FullViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState, True)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._backdrop = QGraphicsRectItem()
        self._backdrop.setBrush(QColor("#505050"))
        self._backdrop.setPen(Qt.PenStyle.NoPen)
        self._pixmap = QGraphicsPixmapItem()
        self._pixmap.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.scene().addItem(self._backdrop)
        self.scene().addItem(self._pixmap)
        self._allowed: set[Tool] = {Tool.SELECT}
        self._tools: dict[Tool, tools.BaseTool] = {
            Tool.SELECT: tools.SelectTool(self),
            Tool.BOX: tools.BoxTool(self),
            Tool.POLYGON: tools.PolygonTool(self),
            Tool.POINT: tools.PointTool(self),
            Tool.POLYLINE: tools.PolylineTool(self),
        }
        self.tool = Tool.SELECT
        model.reset.connect(self._rebuild)
        model.added.connect(self._added)
        model.removed.connect(self._removed)
        model.changed.connect(self._changed)

    # ---------------------------------------------------------------- image
    def set_image(self, pixmap: QPixmap | None, full_size: tuple[int, int]) -> None:
        """Show a decoded image (or a grey placeholder of its size while it decodes)."""
        w, h = max(1, full_size[0]), max(1, full_size[1])
        new_size = (w, h) != self.image_size
        self.image_size = (w, h)
        self._backdrop.setRect(QRectF(0, 0, w, h))
        self._detail = False
        if pixmap is None or pixmap.isNull():
            self._pixmap.setPixmap(QPixmap())
        else:
            self._pixmap.setPixmap(pixmap)
            self._pixmap.setScale(w / pixmap.width())
        self.scene().setSceneRect(QRectF(0, 0, w, h))
        if new_size or self._fit:
            self.fit()
        else:
            self._check_detail()
        self.viewport().update()

    def set_detail(self, pixmap: QPixmap) -> None:
        """A sharper decode of the image on screen, for zooming in; the view stays put."""
        if pixmap.isNull():
            return
        self._detail = True
        self._pixmap.setPixmap(pixmap)
        self._pixmap.setScale(self.image_size[0] / pixmap.width())

    def _check_detail(self) -> None:
        pm = self._pixmap.pixmap()
        if self._detail or pm.isNull() or pm.width() >= self.image_size[0]:
            return
        if self.transform().m11() * self._pixmap.scale() > 1.05:
            self._detail = True  # asked once per image
            self.detailWanted.emit()

    def has_pixmap(self) -> bool:
        return not self._pixmap.pixmap().isNull()

    def set_allowed_tools(self, shape_types: frozenset[ShapeType]) -> None:
        """The tools a project's annotation kind allows; classification has only select."""
        self._allowed = {Tool.SELECT} | {_SHAPE_TOOL[t] for t in shape_types if t in _SHAPE_TOOL}
        if self.tool not in self._allowed:
            self.set_tool(Tool.SELECT)

    def allowed_tools(self) -> set[Tool]:
        return set(self._allowed)

    def set_tool(self, tool: Tool) -> None:
        if tool not in self._allowed:
            return
        self._tools[self.tool].cancel()
        changed = tool is not self.tool
        self.tool = tool
        self._show_cursor()
        if changed:
            self.toolChanged.emit(str(tool))

    # ---------------------------------------------------------------- the label of new shapes
    @property
    def current_label(self) -> str:
        """The label the next shape drawn gets (shown on the cursor and in the palette)."""
        return self._current_label

    @current_label.setter
    def current_label(self, label_id: str) -> None:
        if label_id == self._current_label:
            return
        self._current_label = label_id
        self._show_cursor()
        self.currentLabelChanged.emit(label_id)

    def label_colour(self) -> QColor:
        return QColor(self.label_info(self._current_label)[1])

    def _show_cursor(self) -> None:
        if self.tool is Tool.SELECT:
            self.viewport().setCursor(Qt.CursorShape.ArrowCursor)
        else:
            self.viewport().setCursor(label_cursor(self.label_colour(), self.cursor_key))

    cursor_key = ""  # the current label's key, drawn on the cursor (set by the window)

    def set_cursor_key(self, key: str) -> None:
        self.cursor_key = key
        self._show_cursor()

    # ---------------------------------------------------------------- drawing
    def add_drawn(self, shape: Shape) -> None:
        """A shape the worker just drew: into the model, and nothing selected, so the next
        label key sets the next shape's label and cannot relabel this one by surprise."""
        if self.model.read_only:
            self.editRefused.emit()
            return
        self.select([])
        self.model.add(shape)

    def click_select(self, pos: QPointF, event: QMouseEvent) -> bool:
        """A click with a drawing tool: select the shape under it (Ctrl adds), else clear."""
        uid = self.shape_at(pos)
        additive = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if uid is None:
            if not additive:
                self.select([])
            return False
        if additive:
            self.toggle_selected(uid)
        else:
            self.select([uid])
        return True

    def finish_pending(self) -> bool:
        """Close a polygon in progress; True if there was one (Enter then does not submit)."""
        return self._tools[self.tool].finish()

    def cancel_pending(self) -> bool:
        return self._tools[self.tool].cancel()

    # ---------------------------------------------------------------- zoom and pan
    def fit(self) -> None:
        self._fit = True
        self.fitInView(self._backdrop.rect(), Qt.AspectRatioMode.KeepAspectRatio)
        self._zoomed()

    def one_to_one(self) -> None:
        """One image pixel per screen pixel, around the view's centre."""
        centre = self.mapToScene(self.viewport().rect().center())
        self.setTransform(self.transform().fromScale(1.0, 1.0))
        self.centerOn(centre)
        self._fit = False
        self._zoomed()

    def zoom_by(self, factor: float, anchor: QPointF | None = None) -> None:
        """Zoom keeping the image point under ``anchor`` (viewport position) where it is."""
        scale = self.transform().m11()
        factor = max(min(factor, MAX_ZOOM / scale), 0.05 / scale)
        if anchor is None:
            local = self.viewport().mapFromGlobal(self.cursor().pos())
            inside = self.viewport().rect().contains(local)
            anchor = QPointF(local) if inside else QPointF(self.viewport().rect().center())
        before = self.mapToScene(anchor.toPoint())
        self.scale(factor, factor)
        after = self.mapToScene(anchor.toPoint())
        delta = after - before
        self.translate(delta.x(), delta.y())
        self._fit = False
        self._zoomed()

    def _zoomed(self) -> None:
        self.px = 1.0 / max(self.transform().m11(), 1e-6)
        for item in self._items.values():
            item.set_px(self.px)
        self._check_detail()
        self.zoomChanged.emit(self.zoom())

    def zoom(self) -> float:
        """Screen pixels per image pixel: 1.0 shows the image at its actual size."""
        return self.transform().m11()

    def start_pan(self, at: QPointF) -> None:
        self._pan_from = at

    def pan_to(self, at: QPointF) -> None:
        if self._pan_from is None:
            return
        d = at - self._pan_from
        self._pan_from = at
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - round(d.x()))
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() - round(d.y()))
        self._fit = False

    # ---------------------------------------------------------------- selection and hits
    def select(self, uids: list[int]) -> None:
        uids = [u for u in uids if u in self._items and u not in self.hidden]
        if uids == self.selected:
            return
        self.selected = uids
        for uid, item in self._items.items():
            item.set_selected(uid in self.selected)
        self.selectionChanged.emit()

    def toggle_selected(self, uid: int) -> None:
        sel = [u for u in self.selected if u != uid]
        self.select(sel if uid in self.selected else [*sel, uid])

    def shape_at(self, pos: QPointF) -> int | None:
        shown = [(u, s) for u, s in reversed(self.model.items()) if u not in self.hidden]
        for uid, shape in shown:
            if uid in self.selected and tools.hit_shape(shape, pos, self.px):
                return uid
        for uid, shape in shown:
            if tools.hit_shape(shape, pos, self.px):
                return uid
        return None

    def set_hidden(self, uid: int, hidden: bool) -> None:
        """Hide a shape from view (it stays in the image's work); it cannot be selected."""
        if hidden:
            self.hidden.add(uid)
        else:
            self.hidden.discard(uid)
        item = self._items.get(uid)
        if item is not None:
            item.setVisible(not hidden)
        if hidden and uid in self.selected:
            self.select([u for u in self.selected if u != uid])

    def handle_at(self, pos: QPointF) -> tuple[int, int] | None:
        for uid in self.selected:
            shape = self.model.get(uid)
            if shape is not None and shape.type is not ShapeType.TAG:
                i = tools.hit_handle(shape, pos, self.px)
                if i is not None:
                    return uid, i
        return None

    def clamp(self, pos: QPointF) -> QPointF:
        w, h = self.image_size
        return QPointF(min(max(pos.x(), 0.0), w), min(max(pos.y(), 0.0), h))

    def preview_shape(self, uid: int, shape: Shape) -> None:
        item = self._items.get(uid)
        if item is not None:
            item.set_shape(shape)

    def show_preview(self, item: QGraphicsItem) -> None:
        if item.scene() is None:
            self.scene().addItem(item)

    def hide_preview(self, item: QGraphicsItem) -> None:
        if item.scene() is not None:
            self.scene().removeItem(item)

    def refresh_names(self) -> None:
        """Label names changed language: redraw each shape's name."""
        for uid, item in self._items.items():
            shape = self.model.get(uid)
            if shape is not None:
                name, colour = self.label_info(shape.label)
                item.set_shape(shape, name, colour)

    # ---------------------------------------------------------------- model signals
    def _rebuild(self) -> None:
        for tool in self._tools.values():
            tool.cancel()
        for item in self._items.values():
            self.scene().removeItem(item)
        self._items.clear()
        self.selected = []
        self.hidden = set()
        for uid, _ in self.model.items():
            self._added(uid, select=False)
        self.selectionChanged.emit()

    def _added(self, uid: int, select: bool = False) -> None:
        shape = self.model.get(uid)
        if shape is None or shape.type is ShapeType.TAG:
            return
        name, colour = self.label_info(shape.label)
        item = ShapeItem(uid, shape, name, colour)
        item.set_px(self.px)
        self._items[uid] = item
        self.scene().addItem(item)

    def _removed(self, uid: int) -> None:
        item = self._items.pop(uid, None)
        if item is not None:
            self.scene().removeItem(item)
        if uid in self.selected:
            self.select([u for u in self.selected if u != uid])

    def _changed(self, uid: int) -> None:
        item = self._items.get(uid)
        shape = self.model.get(uid)
        if item is not None and shape is not None:
            name, colour = self.label_info(shape.label)
            item.set_shape(shape, name, colour)

    # ---------------------------------------------------------------- events
    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus()
        if self.model.image_id is None:
            return
        pan = self._space or event.button() == Qt.MouseButton.MiddleButton
        if pan:
            self.start_pan(event.position())
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
        elif (
            event.button() == Qt.MouseButton.LeftButton
            and self.model.read_only
            and self.tool is not Tool.SELECT
        ):
            self.editRefused.emit()  # a submitted image: drawing waits for "Correct it"
        elif event.button() == Qt.MouseButton.LeftButton:
            self._tools[self.tool].press(self.mapToScene(event.position().toPoint()), event)
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None and (
            self._space or event.buttons() & Qt.MouseButton.MiddleButton
        ):
            self.pan_to(event.position())
        else:
            self._tools[self.tool].move(self.mapToScene(event.position().toPoint()), event)
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None and (
            self._space or event.button() == Qt.MouseButton.MiddleButton
        ):
            self._pan_from = None
            self.set_tool(self.tool)  # restores the tool's cursor
        elif event.button() == Qt.MouseButton.LeftButton:
            self._tools[self.tool].release(self.mapToScene(event.position().toPoint()), event)
            self._pan_from = None  # the select tool pans on a drag over empty space
        event.accept()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self._tools[self.tool].double_click(self.mapToScene(event.position().toPoint()), event)
        event.accept()

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom_by(ZOOM_STEP**steps, event.position())
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = True
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            return
        if event.key() == Qt.Key.Key_Escape and (self.cancel_pending() or self.selected):
            self.select([])
            return
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if keyboard.nudge(self, Qt.Key(event.key()), shift):
            return
        super().keyPressEvent(event)

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab and Shift+Tab select the next and previous shape, not the next widget."""
        if self.model.image_id is not None and keyboard.cycle(self, next):
            return True
        return super().focusNextPrevChild(next)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = False
            self._pan_from = None
            self.set_tool(self.tool)
            return
        super().keyReleaseEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.resized.emit(self.viewport().size())
        if self._fit:
            self.fit()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        self.paints += 1
        self.painted.emit()
