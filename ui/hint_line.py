"""A line above the image that says how to start, until the worker has submitted a few.

A new worker met a canvas where dragging did nothing. The hint says the three things the
loop needs for this project's kind (draw, label keys, Enter) and goes away by itself.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from labeler.annotations import AnnotationKind, ShapeType
from ui.i18n import Retranslating

HINT_SUBMISSIONS = 5  # the hint shows until the worker has submitted this many images


class HintLine(Retranslating, QLabel):
    def __init__(self, kind: AnnotationKind, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.setWordWrap(True)
        self.setContentsMargins(8, 2, 8, 2)
        self.retranslate()

    def update_for(self, submitted: int) -> None:
        self.setVisible(submitted < HINT_SUBMISSIONS)

    def retranslate(self) -> None:
        shapes = self.kind.shapes
        if self.kind.is_classification:
            text = self.tr(
                "Press the key of the right label (1, 2, 3…): it is saved and the next image opens."
            )
        elif ShapeType.BOX in shapes:
            text = self.tr(
                "Drag on the picture to draw a box around each object · the number keys choose the label of the next box · Enter submits."
            )
        elif ShapeType.POLYGON in shapes:
            text = self.tr(
                "Click around each object, Enter closes the outline · the number keys choose the label of the next one · Enter again submits."
            )
        elif ShapeType.POINT in shapes:
            text = self.tr(
                "Click on each object to mark it · the number keys choose the label of the next point · Enter submits."
            )
        else:
            text = self.tr(
                "Click along each line (a road, a wire), Enter ends it · the number keys choose the label of the next one · Enter again submits."
            )
        self.setText(text)
