"""The shapes on the review canvas: the worker's work, and the supervisor's correction.

It is the canvas's ``AnnotationModel`` with undo, but nothing is saved as a draft: the station
does not label the image, it records one decision. A correction becomes a revision only when
the supervisor confirms it (``Station.decide``); until then it lives in memory.
"""

from __future__ import annotations

from ui.annotation_model import AnnotationModel


class ReviewModel(AnnotationModel):
    def _save(self) -> None:
        self.saved.emit()
