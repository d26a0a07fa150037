"""Read labelme JSON files: ``rectangle``, ``polygon`` and ``point`` shapes, and flags.

``source`` is one ``.json`` file or a folder searched recursively. The image is named by
``imagePath`` (the JSON file's own name when that is missing). Flags set to true become
image tags. Other labelme shape types (circle, line, linestrip, mask) have no counterpart
here: a file holding one is reported, not half-imported.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from labeler.annotations import ShapeType
from labeler.errors import ImportFormatError
from labeler.imports.parsed import ParsedFile, ParsedImage, ParsedShape, format_error, number

DESCRIPTION = "labelme JSON files, one per image"
_TYPES = {"rectangle": ShapeType.BOX, "polygon": ShapeType.POLYGON, "point": ShapeType.POINT}
_COUNTS = {ShapeType.BOX: "2", ShapeType.POINT: "1"}


def read(source: Path) -> Iterator[ParsedFile]:
    files = [source] if source.is_file() else sorted(source.rglob("*.json"))
    for path in files:
        try:
            yield ParsedFile(path, [parse_file(path)])
        except ImportFormatError as exc:
            yield ParsedFile(path, error=exc)


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
    )
    for i, raw in enumerate(data["shapes"], start=1):
        place = f"shape {i}"
        if not isinstance(raw, dict):
            raise format_error(path, place, "is not an object")
        label = raw.get("label")
        if not isinstance(label, str) or not label.strip():
            raise format_error(path, place, "has no label")
        place = f"shape {i} ({label})"
        kind = raw.get("shape_type") or "polygon"
        shape_type = _TYPES.get(kind)
        if shape_type is None:
            raise format_error(
                path,
                place,
                f"labelme '{kind}' shapes cannot be imported; use rectangle, polygon or point",
            )
        pts = _points(raw.get("points"), path, place)
        need = _COUNTS.get(shape_type)
        if need and len(pts) != int(need):
            raise format_error(path, place, f"a {kind} has {need} points, this one {len(pts)}")
        image.shapes.append(ParsedShape(shape_type, label.strip(), pts))
    flags = data.get("flags") or {}
    if not isinstance(flags, dict):
        raise format_error(path, "flags", "is not an object")
    image.shapes += [ParsedShape(ShapeType.TAG, str(k)) for k, v in flags.items() if v is True]
    return image
