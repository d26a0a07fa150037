"""The exceptions a user can act on. Each message says what went wrong, where, and what to do.

The UI and the CLI turn any ``LabelerError`` into one readable line; anything else is a bug.
"""

from __future__ import annotations


class LabelerError(Exception):
    """Base of every error a person can act on."""


class StoreError(LabelerError):
    """The project file cannot be opened, read or written."""


class StoreLockedError(StoreError):
    """Another program holds the project file for too long."""


class ReadOnlyProjectError(StoreError):
    """The project file cannot be written (a read-only file, folder or drive): it is open for
    viewing only; the message says how to get a copy that can be labeled."""


class IntegrityError(StoreError):
    """The project file failed SQLite's integrity check."""


class SchemaTooNewError(StoreError):
    """The project file was written by a newer version of the program."""


class NotFoundError(LabelerError):
    """A named thing (image, worker, label, submission) does not exist."""


class TaxonomyError(LabelerError):
    """A taxonomy file has a mistake; the message names the file and line."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        where = ""
        if path is not None:
            where = f"{path}" + (f", line {line}" if line is not None else "") + ": "
        super().__init__(where + message)
        self.path = path
        self.line = line


class InvalidRecord(LabelerError):
    """A record (submission, proposal, shape) fails ``labeler.validation``; the message is the
    reason a receipt, an import report or the app shows."""


class GeometryError(InvalidRecord):
    """A shape is outside the image, degenerate, or malformed."""


class ImageProblem(LabelerError):
    """A file in the image folder is not a readable image."""


class AnnotationKindError(InvalidRecord):
    """The project's annotation kind does not allow this shape or tag."""


class ImportFormatError(LabelerError):
    """An annotation file being imported is malformed; the message names file and place."""


class ExportError(LabelerError):
    """An export could not be written."""


class ModelError(LabelerError):
    """Base of the errors about a model that makes suggestions; the app works on without it."""


class ModelSpecError(ModelError):
    """A model's settings (task, class map, input size, thresholds) are wrong or incomplete."""


class ModelFileError(ModelError):
    """A model file cannot be read, is not ONNX, or does not have the layout its settings say."""


class ModelMismatchError(ModelError):
    """A model file is not the one the project pack names (its SHA-256 differs)."""


class ModelRunError(ModelError):
    """A loaded model failed on an image."""


class PredictionImportError(ModelError):
    """A file of predictions made elsewhere is malformed; the message names the place."""


class ShapeAttributeError(InvalidRecord):
    """A shape attribute is unknown or has the wrong type (see ``labeler.shape_attrs``)."""
