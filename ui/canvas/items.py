"""How a shape looks: its outline in the label's colour, its name, and handles when selected.

Items only draw. Scene coordinates are image pixels, so an item's geometry is the shape's
points as they are; pen widths, handles and the name tag keep their size on screen at any zoom.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QApplication, QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from labeler.annotations import Shape, ShapeType

HANDLE_PX = 8  # handle size on screen
POINT_PX = 6  # radius of a point on screen
PREVIEW_FILL_ALPHA = 40  # of 255: the object under a box being drawn stays visible


def handles(shape: Shape) -> list[QPointF]:
    """Grab points: a box's corners and edge middles, a polygon's vertices, a point itself."""
    if shape.type is ShapeType.BOX:
        (x1, y1), (x2, y2) = shape.points
        xm, ym = (x1 + x2) / 2, (y1 + y2) / 2
        pts = [(x1, y1), (xm, y1), (x2, y1), (x2, ym), (x2, y2), (xm, y2), (x1, y2), (x1, ym)]
        return [QPointF(x, y) for x, y in pts]
    return [QPointF(x, y) for x, y in shape.points]


def text_colour(colour: QColor) -> QColor:
    """Black or white, whichever reads better on ``colour``."""
    luma = 0.299 * colour.redF() + 0.587 * colour.greenF() + 0.114 * colour.blueF()
    return QColor("black") if luma > 0.55 else QColor("white")


_METRICS: dict[str, QFontMetricsF] = {}


def _metrics(font: QFont) -> QFontMetricsF:
    """Font metrics, made once per font (a tag for each of dozens of suggestions asks)."""
    key = font.key()
    fm = _METRICS.get(key)
    if fm is None:
        fm = _METRICS[key] = QFontMetricsF(font)
    return fm


class NameTag(QGraphicsItem):
    """The label's name in a small box of its colour; the same size at every zoom."""

    def __init__(self, parent: QGraphicsItem) -> None:
        super().__init__(parent)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.text = ""
        self.colour = QColor("white")
        self.font = QFont()
        self._rect = QRectF()
        self._ink = QColor("black")

    def set(self, text: str, colour: QColor) -> None:
        self.prepareGeometryChange()
        self.text, self.colour = text, colour
        self.font = QApplication.font()  # follows "large text"
        fm = _metrics(self.font)
        h = fm.height()
        self._rect = QRectF(0, -h - 4, fm.horizontalAdvance(text) + 8, h + 4)
        self._ink = text_colour(colour)
        self.update()

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:  # type: ignore[no-untyped-def]
        painter.fillRect(self._rect, self.colour)
        painter.setPen(self._ink)
        painter.setFont(self.font)
        painter.drawText(self._rect, Qt.AlignmentFlag.AlignCenter, self.text)


class ShapeItem(QGraphicsItem):
    """One shape of the model, drawn; ``uid`` is its key in the ``AnnotationModel``."""

    def __init__(self, uid: int, shape: Shape, name: str, colour: str) -> None:
        super().__init__()
        self.uid = uid
        self.shape_data = shape
        self.colour = QColor(colour)
        self.selected = False
        self.px = 1.0  # scene units per screen pixel, set by the view on zoom
        self.tag = NameTag(self)
        self.set_shape(shape, name, colour)

    def set_shape(self, shape: Shape, name: str | None = None, colour: str | None = None) -> None:
        self.prepareGeometryChange()
        self.shape_data = shape
        if colour is not None:
            self.colour = QColor(colour)
        if name is not None:
            self.tag.set(name, self.colour)
        # a line's name sits at its start; a box's or an outline's at the top-left corner
        x1, y1 = shape.points[0] if shape.type is ShapeType.POLYLINE else shape.bbox[:2]
        self.tag.setPos(x1, y1)
        self.update()

    def set_selected(self, selected: bool) -> None:
        if selected != self.selected:
            self.selected = selected
            self.setZValue(1 if selected else 0)
            self.update()

    def set_px(self, px: float) -> None:
        self.prepareGeometryChange()
        self.px = px

    def boundingRect(self) -> QRectF:
        x1, y1, x2, y2 = self.shape_data.bbox
        m = (HANDLE_PX + POINT_PX + 4) * self.px
        return QRectF(x1 - m, y1 - m, x2 - x1 + 2 * m, y2 - y1 + 2 * m)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:  # type: ignore[override]
        pen = QPen(self.colour, 3 if self.selected else 2)
        pen.setCosmetic(True)
        painter.setPen(pen)
        fill = QColor(self.colour)
        fill.setAlpha(70 if self.selected else 35)
        painter.setBrush(QBrush(fill))
        s = self.shape_data
        if s.type is ShapeType.BOX:
            (x1, y1), (x2, y2) = s.points
            painter.drawRect(QRectF(x1, y1, x2 - x1, y2 - y1))
        elif s.type is ShapeType.POLYGON:
            painter.drawPolygon(QPolygonF([QPointF(x, y) for x, y in s.points]))
        elif s.type is ShapeType.POLYLINE:
            painter.setBrush(Qt.BrushStyle.NoBrush)  # an open line encloses nothing
            painter.drawPolyline(QPolygonF([QPointF(x, y) for x, y in s.points]))
        elif s.type is ShapeType.POINT:
            r = POINT_PX * self.px
            painter.setBrush(self.colour)
            painter.drawEllipse(QPointF(*s.points[0]), r, r)
        if self.selected and s.type is not ShapeType.POINT:
            h = HANDLE_PX * self.px
            painter.setBrush(QColor("white"))
            for p in handles(s):
                painter.drawRect(QRectF(p.x() - h / 2, p.y() - h / 2, h, h))


class Preview(QGraphicsItem):
    """The shape being drawn, before it is added to the model: an outline in the colour of
    the label it will get, with a light fill, so the object being framed stays visible."""

    def __init__(self) -> None:
        super().__init__()
        self.points: list[QPointF] = []
        self.kind = ShapeType.BOX
        self.cursor: QPointF | None = None
        self.colour = QColor("#ffeb3b")
        self.setZValue(10)

    def set(self, kind: ShapeType, points: list[QPointF], cursor: QPointF | None = None) -> None:
        self.prepareGeometryChange()
        self.kind, self.points, self.cursor = kind, list(points), cursor
        self.update()

    def _all(self) -> list[QPointF]:
        return self.points + ([self.cursor] if self.cursor is not None else [])

    def boundingRect(self) -> QRectF:
        pts = self._all()
        if not pts:
            return QRectF()
        poly = QPolygonF(pts).boundingRect()
        return poly.adjusted(-50, -50, 50, 50)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:  # type: ignore[override]
        pts = self._all()
        if not pts:
            return
        fill = QColor(self.colour)
        fill.setAlpha(PREVIEW_FILL_ALPHA)
        shadow = QPen(QColor(0, 0, 0, 160), 4)  # a dark rim: the outline reads on any photo
        shadow.setCosmetic(True)
        pen = QPen(self.colour, 2)
        pen.setCosmetic(True)
        for p, brush in ((shadow, Qt.BrushStyle.NoBrush), (pen, QBrush(fill))):
            painter.setPen(p)
            painter.setBrush(brush)
            if self.kind is ShapeType.BOX and len(pts) >= 2:
                painter.drawRect(QRectF(pts[0], pts[-1]).normalized())
            else:
                painter.drawPolyline(QPolygonF(pts))
