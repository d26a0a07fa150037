"""The suggestion layer: what the model proposes, drawn apart from the worker's shapes.

Suggestions are dashed outlines with a translucent fill and a tag "name 87%" in the label's
colour; the focused one is drawn thicker with a white halo. They take no mouse input (the
drawing tools work through them) and never enter the ``AnnotationModel``: only accepting one
makes a worker's shape of it (``ui.suggest_hook``).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QStyleOptionGraphicsItem

from labeler.annotations import ShapeType
from labeler.models.predictions import Prediction
from ui.canvas.items import NameTag

LabelInfo = Callable[[str], tuple[str, str]]  # label id -> (name to show, colour)
Z = 5.0  # above the image, below the worker's shapes


class SuggestionItem(QGraphicsItem):
    """One suggestion: outline, fill and its name tag with the score."""

    def __init__(
        self,
        index: int,
        pred: Prediction,
        name: str,
        colour: str,
        px: float = 1.0,
        focused: bool = False,
    ) -> None:
        super().__init__()
        self.index = index
        self.pred = pred
        self.colour = QColor(colour)
        self.focused = focused
        self.px = px
        self.setZValue(Z)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setAcceptHoverEvents(False)
        self.path = QPainterPath()
        s = pred.shape
        if s.type is ShapeType.BOX:
            (x1, y1), (x2, y2) = s.points
            self.path.addRect(QRectF(x1, y1, x2 - x1, y2 - y1))
        elif s.type is ShapeType.POLYGON:
            self.path.addPolygon(QPolygonF([QPointF(x, y) for x, y in s.points]))
            self.path.closeSubpath()
        elif s.points:
            x, y = s.points[0]
            self.path.addEllipse(QPointF(x, y), 4, 4)
        self.tag = NameTag(self)
        self.tag.set(f"{name} {round(pred.score * 100)}%", self.colour)
        self.tag.setOpacity(1.0 if focused else 0.85)
        r = self._outline = self.path.boundingRect()  # (asked once: it is not cheap)
        self.tag.setPos(r.left(), r.bottom() + 1)
        self.tag.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self._style()

    def _style(self) -> None:
        """Brush and pens for the zoom and focus: shared by the suggestions of a colour, made
        once, not on every paint."""
        self._brush, self._halo, self._pen = _style(self.colour.rgb(), self.focused, self.px)
        m = 8 * self.px
        self._bounds = self._outline.adjusted(-m, -m, m, m)

    def set_px(self, px: float) -> None:
        if px != self.px:
            self.prepareGeometryChange()  # the margin of the bounding box follows the zoom
            self.px = px
            self._style()
            self.update()

    def set_focused(self, focused: bool) -> None:
        if focused == self.focused:
            return
        self.focused = focused
        self.tag.setOpacity(1.0 if focused else 0.85)
        self._style()
        self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:  # type: ignore[no-untyped-def]
        painter.setBrush(self._brush)
        if self.focused:
            painter.setPen(self._halo)
            painter.drawPath(self.path)
        painter.setPen(self._pen)
        painter.drawPath(self.path)


_STYLES: dict[tuple[int, bool, float], tuple[QBrush, QPen, QPen]] = {}


def _style(rgb: int, focused: bool, px: float) -> tuple[QBrush, QPen, QPen]:
    key = (rgb, focused, px)
    style = _STYLES.get(key)
    if style is None:
        if len(_STYLES) > 256:  # zoom levels come and go
            _STYLES.clear()
        colour = QColor.fromRgb(rgb)
        fill = QColor(colour)
        fill.setAlpha(70 if focused else 35)
        pen = QPen(colour, (3.5 if focused else 2.0) * px)
        pen.setStyle(Qt.PenStyle.DashLine)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        style = _STYLES[key] = (QBrush(fill), QPen(QColor("white"), 6 * px), pen)
    return style


class SuggestionLayer:
    """The suggestion items of the image on screen, in one scene."""

    def __init__(self, scene: QGraphicsScene, label_info: LabelInfo) -> None:
        self.scene = scene
        self.label_info = label_info
        self.items: dict[int, SuggestionItem] = {}
        self.px = 1.0
        self._shown: tuple[list[Prediction], tuple[int, ...]] | None = None  # drawn now

    def show(self, preds: list[Prediction], pending: list[int], focus: int | None) -> None:
        """Draw the pending suggestions (by index into ``preds``), ``focus`` highlighted."""
        shown = (preds, tuple(pending))
        same = self._shown is not None and self._shown[0] is preds and self._shown[1] == shown[1]
        if same and preds:  # the same ones (an edit, a focus move): no rebuild
            for i, item in self.items.items():
                if item.focused != (i == focus):
                    item.set_focused(i == focus)
            return
        self.clear()
        self._shown = shown
        for i in pending:
            pred = preds[i]
            if pred.shape.type is ShapeType.TAG:
                continue  # image labels show in the palette, not on the picture
            name, colour = self.label_info(pred.label)
            item = SuggestionItem(i, pred, name, colour, self.px, i == focus)
            self.scene.addItem(item)
            self.items[i] = item

    def set_px(self, px: float) -> None:
        self.px = px
        for item in self.items.values():
            item.set_px(px)

    def clear(self) -> None:
        for item in self.items.values():
            self.scene.removeItem(item)
        self.items.clear()
        self._shown = None
