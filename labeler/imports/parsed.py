"""What import readers produce: images named as the file names them, with their shapes.

Readers only parse; matching to images and labels, checking geometry and storing are done
once, for every format, by ``labeler.imports.apply``. A reader rejects a *file* only when it
cannot be read at all; a shape it cannot take (a labelme mask, a CVAT cuboid) is listed in
``ParsedImage.skipped`` and the rest of the image is kept.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from labeler import shape_attrs
from labeler.annotations import ShapeType
from labeler.errors import ImportFormatError, ShapeAttributeError

Point = tuple[float, float]


@dataclass(frozen=True)
class ParsedShape:
    """A shape as read: a label name (or id) and coordinates in pixels, or 0..1 if normalised."""

    type: ShapeType
    label: str
    points: tuple[Point, ...] = ()
    label_id: str | None = None  # a stable id the file carries besides the name (COCO)
    attrs: dict[str, Any] = field(default_factory=dict, hash=False)
    clip: bool = False  # made from a curve (circle, ellipse): vertices may be cut at the edge


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
    stem: bool = False  # ``name`` is a path without its suffix (YOLO label files)
    worker: str | None = None  # the annotator the file names (Label Studio), else the caller's
    image_data: bytes | None = None  # the image itself, embedded (labelme ``imageData``)
    skipped: list[str] = field(default_factory=list)  # shapes the reader could not take


@dataclass
class ParsedFile:
    """One annotation file: all its images, or the error that rejects it whole."""

    path: Path
    images: list[ParsedImage] = field(default_factory=list)
    error: ImportFormatError | None = None
    notes: list[str] = field(default_factory=list)  # things read but not kept, said once


def read_each(
    source: Path,
    pattern: str,
    parse: Callable[[Path, Counter[str]], list[ParsedImage]],
) -> Iterator[ParsedFile]:
    """``source`` (a file) or every file matching ``pattern`` under it (a folder), parsed one
    by one: a file that cannot be read is one ``ParsedFile`` with its error, the others go on.
    ``parse(path, notes)`` may count things read but not kept in ``notes``."""
    files = [source] if source.is_file() else sorted(source.rglob(pattern))
    for path in files:
        notes: Counter[str] = Counter()
        try:
            images = parse(path, notes)
        except ImportFormatError as exc:
            yield ParsedFile(path, error=exc)
            continue
        yield ParsedFile(path, images, notes=list(notes.elements()))


def xml_root(path: Path, tag: str) -> ET.Element:
    """The root element of an XML file, which must be ``<tag>``; else an error with the place."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        line, col = exc.position
        raise format_error(path, f"line {line}, column {col + 1}", "not well-formed XML") from None
    except OSError as exc:
        raise format_error(path, None, f"cannot read ({exc.strerror or exc})") from None
    if root.tag != tag:
        raise format_error(path, None, f"root element is <{root.tag}>, not <{tag}>")
    return root


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


def known_attrs(raw: object) -> dict[str, Any]:
    """The contract's attributes (``labeler.shape_attrs``) found in a file's free-form
    attribute object, each kept only if its value has the contract's type; 1/0 and "true"
    count as true for the true-or-false ones (CVAT and datumaro write them so)."""
    if not isinstance(raw, dict):
        return {}
    out: dict[str, Any] = {}
    for name in shape_attrs.ATTRIBUTE_NAMES:
        value = raw.get(name)
        if name in shape_attrs.BOOL_ATTRS and value in (1, "1", "true", "True"):
            value = True
        try:
            out |= shape_attrs.clean({name: value})
        except ShapeAttributeError:
            continue
    return out


def ellipse(
    cx: float, cy: float, rx: float, ry: float, rotation_deg: float = 0.0
) -> tuple[Point, ...]:
    """A polygon tracing an ellipse (a circle when ``rx == ry``): a vertex every ~3 px of
    its edge, 12 to 72 of them (a multiple of 4), so a small circle stays round and a big
    one stays light."""
    n = max(12, min(72, math.ceil(2 * math.pi * max(rx, ry) / 3)))
    n += -n % 4  # a vertex at each end of both axes: the polygon spans the whole ellipse
    c, s = math.cos(math.radians(rotation_deg)), math.sin(math.radians(rotation_deg))
    out = []
    for i in range(n):
        t = 2 * math.pi * i / n
        dx, dy = rx * math.cos(t), ry * math.sin(t)
        out.append((round(cx + dx * c - dy * s, 6), round(cy + dx * s + dy * c, 6)))
    return tuple(out)


def rotated_rectangle(
    x: float, y: float, w: float, h: float, rotation_deg: float, about_centre: bool
) -> tuple[Point, ...]:
    """The four corners of a ``w`` x ``h`` rectangle with its top-left at (``x``, ``y``),
    turned clockwise (y down) by ``rotation_deg`` about its centre (CVAT) or its top-left
    corner (Label Studio)."""
    corners = ((x, y), (x + w, y), (x + w, y + h), (x, y + h))
    ox, oy = (x + w / 2, y + h / 2) if about_centre else (x, y)
    c, s = math.cos(math.radians(rotation_deg)), math.sin(math.radians(rotation_deg))
    return tuple(
        (round(ox + (px - ox) * c - (py - oy) * s, 6), round(oy + (px - ox) * s + (py - oy) * c, 6))
        for px, py in corners
    )
