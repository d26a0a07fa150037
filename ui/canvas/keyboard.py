"""Shapes by keyboard alone: Tab walks through them, the arrow keys move the selection.

A worker who never touches the mouse can still fix a label (Tab, then a number key), delete
a shape (Tab, then Delete) or nudge a box into place (arrows: 1 pixel, with Shift 10).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt

from labeler.annotations import Shape, ShapeType

if TYPE_CHECKING:
    from ui.canvas.view import CanvasView

ARROWS = {
    Qt.Key.Key_Left: (-1, 0),
    Qt.Key.Key_Right: (1, 0),
    Qt.Key.Key_Up: (0, -1),
    Qt.Key.Key_Down: (0, 1),
}


def cycle(view: CanvasView, forward: bool) -> bool:
    """Select the next (or previous) shape in drawing order; False if there are none."""
    uids = [u for u, s in view.model.items() if s.type is not ShapeType.TAG]
    if not uids:
        return False
    if view.selected and view.selected[-1] in uids:
        i = uids.index(view.selected[-1]) + (1 if forward else -1)
    else:
        i = 0 if forward else -1
    view.select([uids[i % len(uids)]])
    return True


def nudge(view: CanvasView, key: Qt.Key, big: bool) -> bool:
    """Move the selected shapes by one image pixel (ten with Shift), inside the image."""
    if key not in ARROWS or not view.selected:
        return False
    dx, dy = ARROWS[key]
    step = 10.0 if big else 1.0
    w, h = view.image_size
    text = QCoreApplication.translate("CanvasView", "Move shape")
    for uid in list(view.selected):
        s = view.model.get(uid)
        if s is None or s.type is ShapeType.TAG:
            continue
        x1, y1, x2, y2 = s.bbox
        mx = min(max(dx * step, -x1), w - x2)
        my = min(max(dy * step, -y1), h - y2)
        if mx or my:
            pts = tuple((x + mx, y + my) for x, y in s.points)
            view.model.replace(uid, Shape(s.type, s.label, pts, s.attrs), text)
    return True
