"""Read labelme JSON files: every shape type labelme draws, flags, and embedded images.

``source`` is one ``.json`` file or a folder searched recursively. The image is named by
``imagePath`` (the JSON file's own name when that is missing); an image embedded as
``imageData`` is found in the project by its bytes or written into its image folder
(``labeler.imports.embedded``). Flags set to true become image tags.

Shapes: ``rectangle`` a box, ``polygon`` a polygon, ``point`` a point, ``points`` one point
each, ``line`` and ``linestrip`` a polyline, ``circle`` (centre and a point on the edge) a
polygon tracing it. A ``mask`` (a bitmap) has no counterpart: it is left out and named in
the report, and the file's other shapes are kept. Per-shape ``group_id``, ``description``,
``flags`` and our ``attributes`` key become the shape's attributes.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from labeler.annotations import ShapeType
from labeler.imports.parsed import (
    ParsedFile,
    ParsedImage,
    ParsedShape,
    ellipse,
    format_error,
    known_attrs,
    number,
    read_each,
)

DESCRIPTION = "labelme JSON files, one per image (every shape type; embedded images)"
_TYPES = {
    "rectangle": ShapeType.BOX,
    "polygon": ShapeType.POLYGON,
    "point": ShapeType.POINT,
    "line": ShapeType.POLYLINE,
    "linestrip": ShapeType.POLYLINE,
}
_COUNTS = {"rectangle": 2, "point": 1, "line": 2, "circle": 2}


def read(source: Path) -> Iterator[ParsedFile]:
    return read_each(source, "*.json", lambda path, _notes: [parse_file(path)])


def load_json(path: Path) -> object:
    """A JSON file's content, or an ``ImportFormatError`` naming line and column."""
    try:
        with open(path, encoding="utf-8-sig") as f:
            return json.load(f)
    except json.JSONDecodeError as exc:
        raise format_error(
            path, f"line {exc.lineno}, column {exc.colno}", f"not valid JSON ({exc.msg})"
        ) from None
    except UnicodeDecodeError:
        raise format_error(path, None, "not a UTF-8 text file") from None
    except OSError as exc:
        raise format_error(path, None, f"cannot read ({exc.strerror or exc})") from None


def _points(raw: object, path: Path, place: str) -> tuple[tuple[float, float], ...]:
    if not isinstance(raw, list):
        raise format_error(path, place, "'points' is not a list")
    out = []
    for j, p in enumerate(raw, start=1):
        if not isinstance(p, list) or len(p) != 2:
            raise format_error(path, f"{place} point {j}", f"{p!r} is not an [x, y] pair")
        out.append((number(p[0], path, f"{place} point {j}"), number(p[1], path, place)))
    return tuple(out)


def _attrs(raw: dict[str, Any]) -> dict[str, Any]:
    """labelme's per-shape fields as shape attributes (odd values are dropped, not guessed)."""
    out: dict[str, Any] = {}
    group = raw.get("group_id")
    if isinstance(group, int) and not isinstance(group, bool) and group >= 0:
        out["group_id"] = group
    text = raw.get("description")
    if isinstance(text, str) and text.strip():
        out["description"] = text[:1000]
    flags = raw.get("flags")
    if isinstance(flags, dict):
        kept = {str(k)[:100]: True for k, v in flags.items() if v is True}
        if kept:
            out["flags"] = dict(list(kept.items())[:50])
    return known_attrs(raw.get("attributes")) | out


def _image_data(data: dict[str, Any], path: Path) -> bytes | None:
    raw = data.get("imageData")
    if not raw:
        return None
    if not isinstance(raw, str):
        raise format_error(path, "imageData", "is not base64 text")
    try:
        return base64.b64decode(raw, validate=False)
    except (binascii.Error, ValueError):
        raise format_error(path, "imageData", "is not valid base64") from None


def parse_file(path: Path) -> ParsedImage:
    data = load_json(path)
    if not isinstance(data, dict) or not isinstance(data.get("shapes"), list):
        raise format_error(path, None, "not a labelme file (no 'shapes' list)")
    image_path = data.get("imagePath")
    image = ParsedImage(
        name=image_path.strip()
        if isinstance(image_path, str) and image_path.strip()
        else path.stem,
        where=str(path),
        width=data.get("imageWidth") if isinstance(data.get("imageWidth"), int) else None,
        height=data.get("imageHeight") if isinstance(data.get("imageHeight"), int) else None,
        image_data=_image_data(data, path),
    )
    for i, raw in enumerate(data["shapes"], start=1):
        place = f"shape {i}"
        if not isinstance(raw, dict):
            raise format_error(path, place, "is not an object")
        label = raw.get("label")
        if not isinstance(label, str) or not label.strip():
            raise format_error(path, place, "has no label")
        label = label.strip()
        place = f"shape {i} ({label})"
        kind = raw.get("shape_type") or "polygon"
        if kind == "mask":
            image.skipped.append(f"{place}: a labelme mask (a bitmap) has no counterpart here")
            continue
        pts = _points(raw.get("points"), path, place)
        need = _COUNTS.get(kind)
        if need and len(pts) != need:
            image.skipped.append(f"{place}: a {kind} has {need} points, this one {len(pts)}")
            continue
        attrs = _attrs(raw)
        if kind == "circle":
            (cx, cy), (ex, ey) = pts
            r = math.hypot(ex - cx, ey - cy)
            poly = ellipse(cx, cy, r, r)
            image.shapes.append(ParsedShape(ShapeType.POLYGON, label, poly, attrs=attrs, clip=True))
        elif kind == "points":
            image.shapes += [ParsedShape(ShapeType.POINT, label, (p,), attrs=attrs) for p in pts]
        elif kind in _TYPES:
            image.shapes.append(ParsedShape(_TYPES[kind], label, pts, attrs=attrs))
        else:
            image.skipped.append(f"{place}: labelme shape type {kind!r} is not known here")
    flags = data.get("flags") or {}
    if not isinstance(flags, dict):
        raise format_error(path, "flags", "is not an object")
    image.shapes += [ParsedShape(ShapeType.TAG, str(k)) for k, v in flags.items() if v is True]
    return image
