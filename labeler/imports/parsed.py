"""What an import reader hands over: annotations as a file states them, not yet matched.

Readers know file formats and nothing about projects; matching names to images and labels,
checking geometry and storing are done once, for every format, by ``labeler.imports.apply``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from labeler.annotations import ShapeType
from labeler.errors import ImportFormatError


@dataclass(frozen=True)
class ParsedShape:
    """A shape as read: a label name (or id) and coordinates in pixels, or 0..1 if normalised."""

    type: ShapeType
    label: str
    points: tuple[tuple[float, float], ...] = ()
    label_id: str | None = None  # a stable id the file carries besides the name (COCO)


@dataclass
class ParsedImage:
    """The annotations one file gives for one image, named as the file names it."""

    name: str
    where: str  # file (and place in it) for messages
    shapes: list[ParsedShape] = field(default_factory=list)
    width: int | None = None  # the size the file says the image has, if it says
    height: int | None = None
    normalized: bool = False  # coordinates are fractions of the image size (YOLO)
    boxes_as_polygons: bool = False  # rectangles written as 4-point polygons (YOLO-seg)


@dataclass
class ParsedFile:
    """One annotation file: all its images, or the error that rejects it whole."""

    path: Path
    images: list[ParsedImage] = field(default_factory=list)
    error: ImportFormatError | None = None


def format_error(path: Path | str, place: str | None, message: str) -> ImportFormatError:
    """An ``ImportFormatError`` whose message says file, place in it, and what is wrong."""
    where = f"{path}" + (f", {place}" if place else "")
    return ImportFormatError(f"{where}: {message}")


def number(value: object, path: Path | str, place: str) -> float:
    """``value`` as a float, or an ``ImportFormatError`` naming the place."""
    try:
        if isinstance(value, bool):
            raise ValueError
        out = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise format_error(path, place, f"{value!r} is not a number") from None
    if out != out or out in (float("inf"), float("-inf")):
        raise format_error(path, place, f"{value!r} is not a finite number")
    return out
