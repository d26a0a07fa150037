"""The drawing cursor: a crosshair with a tag in the colour of the label the next shape gets.

The worker sees which label a box will get where her eyes are, on the image, not only in
the palette at the side. The label's key is written on the tag.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QCursor, QFont, QPainter, QPen, QPixmap

from ui.canvas.items import text_colour

SIZE = 32  # pixels; the size every platform supports for a cursor image
HOT = 11  # the crosshair's centre (the hot spot)


def label_cursor(colour: QColor, key: str = "") -> QCursor:
    return _cursor(colour.name(), key)


@lru_cache(maxsize=64)
def _cursor(colour: str, key: str) -> QCursor:
    pm = QPixmap(SIZE, SIZE)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    for pen in (QPen(QColor("black"), 3), QPen(QColor("white"), 1)):  # reads on any image
        p.setPen(pen)
        p.drawLine(HOT, 0, HOT, HOT - 3)
        p.drawLine(HOT, HOT + 3, HOT, 2 * HOT)
        p.drawLine(0, HOT, HOT - 3, HOT)
        p.drawLine(HOT + 3, HOT, 2 * HOT, HOT)
    tag = QRectF(HOT + 4, HOT + 4, SIZE - HOT - 5, SIZE - HOT - 5)
    p.setPen(QPen(QColor("black"), 1))
    p.setBrush(QColor(colour))
    p.drawRect(tag)
    if key:
        font = QFont()
        font.setPixelSize(int(tag.height()) - 3)
        font.setBold(True)
        p.setFont(font)
        p.setPen(text_colour(QColor(colour)))
        p.drawText(tag.adjusted(0, 0, 0, 0), Qt.AlignmentFlag.AlignCenter, key[:2])
    p.end()
    return QCursor(pm, HOT, HOT)
