"""The one place that turns an error into a message for a person.

A ``LabelerError`` already says what went wrong, where, and what to do; here it gets a
heading in the worker's language and is shown without a traceback. Validation errors on
submit ("box is thinner than 1 pixel") appear in the window's message strip rather than a
modal box, so the worker can fix the shape and press Enter again.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from labeler.errors import (
    AnnotationKindError,
    GeometryError,
    ImageProblem,
    LabelerError,
    NotFoundError,
    StoreError,
    TaxonomyError,
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("Errors", text)


def heading(exc: BaseException) -> str:
    """A short title saying what kind of trouble this is."""
    if isinstance(exc, GeometryError | AnnotationKindError):
        return _tr("This image cannot be submitted yet")
    if isinstance(exc, ImageProblem):
        return _tr("This image cannot be shown")
    if isinstance(exc, StoreError):
        return _tr("The project file cannot be used")
    if isinstance(exc, TaxonomyError):
        return _tr("The label list has a mistake")
    if isinstance(exc, NotFoundError):
        return _tr("Not found")
    if isinstance(exc, LabelerError):
        return _tr("Cannot do that")
    return _tr("Something went wrong")


def describe(exc: BaseException) -> str:
    """Heading and detail as one line for the message strip."""
    return f"{heading(exc)}: {exc}"


def is_fixable_by_worker(exc: BaseException) -> bool:
    """Errors the worker fixes on the canvas: shown inline, not in a dialog."""
    return isinstance(exc, GeometryError | AnnotationKindError)


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """A modal message for errors the worker cannot fix on the canvas."""
    box = QMessageBox(QMessageBox.Icon.Warning, heading(exc), str(exc), parent=parent)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()
