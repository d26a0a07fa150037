"""The one place that turns an error into a message for a person.

A ``LabelerError`` already says what went wrong, where, and what to do; here it gets a
heading in the worker's language (by its kind) and its detail passes through
``ui.messages.localize``, so a Hindi screen shows no English sentence; the English
original stays one hover (or one "details" click) away for the supervisor. Validation
errors on submit ("the box is too thin") appear in the window's message strip rather than
a modal box, so the worker can fix the shape and press Enter again.
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
    ReadOnlyProjectError,
    StoreError,
    TaxonomyError,
)
from sync.errors import EnrollmentError, SyncError
from sync.usb.errors import DriveError, DriveFullError
from ui.messages import LabelName, Localized, localize


def _tr(text: str) -> str:
    return QCoreApplication.translate("Errors", text)


def _is_offline(exc: BaseException) -> bool:
    """``sync.http.OfflineError``, known without importing the network library."""
    return any(c.__name__ == "OfflineError" for c in type(exc).__mro__)


def heading(exc: BaseException) -> str:
    """A short title saying what kind of trouble this is."""
    if isinstance(exc, GeometryError | AnnotationKindError):
        return _tr("This image cannot be submitted yet")
    if isinstance(exc, ImageProblem):
        return _tr("This image cannot be shown")
    if isinstance(exc, ReadOnlyProjectError):
        return _tr("This project is open for viewing only")
    if isinstance(exc, StoreError):
        return _tr("The project file cannot be used")
    if isinstance(exc, TaxonomyError):
        return _tr("The label list has a mistake")
    if isinstance(exc, EnrollmentError):
        return _tr("This enrollment file cannot be used")
    if _is_offline(exc):
        return _tr("No connection to the central server")
    if isinstance(exc, SyncError):
        return _tr("Sending to the central server did not work")
    if isinstance(exc, DriveFullError):
        return _tr("The USB drive is full")
    if isinstance(exc, DriveError):
        return _tr("The USB drive cannot be used")
    if isinstance(exc, NotFoundError):
        return _tr("Not found")
    if isinstance(exc, LabelerError):
        return _tr("Cannot do that")
    return _tr("Something went wrong")


def detail(exc: BaseException, label_name: LabelName | None = None) -> Localized:
    """The error's own words in the language on screen (the English kept for a tooltip)."""
    return localize(str(exc) or type(exc).__name__, label_name)


def describe(exc: BaseException, label_name: LabelName | None = None) -> str:
    """Heading and detail as one line for the message strip."""
    return f"{heading(exc)}: {detail(exc, label_name).text}"


def is_fixable_by_worker(exc: BaseException) -> bool:
    """Errors about the image on screen (its shapes, its file): shown above the image, not
    in a dialog; she fixes the shape, or skips the image."""
    return isinstance(
        exc, GeometryError | AnnotationKindError | ImageProblem | ReadOnlyProjectError
    )  # read-only: the banner already says so; no dialog at every key


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """A modal message for errors the worker cannot fix on the canvas."""
    said = detail(exc)
    box = QMessageBox(QMessageBox.Icon.Warning, heading(exc), heading(exc), parent=parent)
    box.setInformativeText(said.text)
    if said.original:
        box.setDetailedText(said.original)  # "Show details…": the English, for the supervisor
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()
