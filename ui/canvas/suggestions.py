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

    def __init__(self, index: int, pred: Prediction, name: str, colour: str) -> None:
        super().__init__()
        self.index = index
        self.pred = pred
        self.colour = QColor(colour)
        self.focused = False
        self.px = 1.0
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
        self.tag.setOpacity(0.85)
        r = self.path.boundingRect()
        self.tag.setPos(r.left(), r.bottom() + 1)
        self.tag.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)

    def set_px(self, px: float) -> None:
        self.px = px
        self.update()

    def set_focused(self, focused: bool) -> None:
        self.focused = focused
        self.tag.setOpacity(1.0 if focused else 0.85)
        self.update()

    def boundingRect(self) -> QRectF:
        m = 8 * self.px
        return self.path.boundingRect().adjusted(-m, -m, m, m)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:  # type: ignore[no-untyped-def]
        fill = QColor(self.colour)
        fill.setAlpha(70 if self.focused else 35)
        painter.setBrush(QBrush(fill))
        if self.focused:
            halo = QPen(QColor("white"), 6 * self.px)
            painter.setPen(halo)
            painter.drawPath(self.path)
        pen = QPen(self.colour, (3.5 if self.focused else 2.0) * self.px)
        pen.setStyle(Qt.PenStyle.DashLine)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        painter.setPen(pen)
        painter.drawPath(self.path)


class SuggestionLayer:
    """The suggestion items of the image on screen, in one scene."""

    def __init__(self, scene: QGraphicsScene, label_info: LabelInfo) -> None:
        self.scene = scene
        self.label_info = label_info
        self.items: dict[int, SuggestionItem] = {}
        self.px = 1.0

    def show(self, preds: list[Prediction], pending: list[int], focus: int | None) -> None:
        """Draw the pending suggestions (by index into ``preds``), ``focus`` highlighted."""
        self.clear()
        for i in pending:
            pred = preds[i]
            if pred.shape.type is ShapeType.TAG:
                continue  # image labels show in the palette, not on the picture
            name, colour = self.label_info(pred.label)
            item = SuggestionItem(i, pred, name, colour)
            item.set_px(self.px)
            item.set_focused(i == focus)
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
