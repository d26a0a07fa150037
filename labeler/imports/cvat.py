"""Read CVAT for images 1.1 XML: boxes, polygons, polylines, points, ellipses and tags.

``source`` is one ``.xml`` file or a folder searched recursively. Each ``<image>`` is named
by its ``name`` and states its size. Shapes:

- ``box`` a box (turned by ``rotation``: a polygon of its corners, turned about its centre);
- ``polygon`` a polygon (repeated vertices, which CVAT writes, are dropped later);
- ``polyline`` a polyline; ``points`` one point per position; ``tag`` an image tag;
- ``ellipse`` a polygon tracing it;
- ``mask``, ``cuboid`` and ``skeleton`` have no counterpart: left out and named in the
  report, and the image's other shapes are kept.

``occluded="1"`` and ``group_id`` become shape attributes, as do the ``<attribute>``
children named ``truncated``, ``difficult``, ``iscrowd`` (true) and ``description``; other
attribute names are counted in the report as read but not kept. A CVAT *video* file
(``<track>``) is refused with a hint: export the task as CVAT for images.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
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
    number,
    read_each,
    rotated_rectangle,
    xml_root,
)

DESCRIPTION = "CVAT for images 1.1 XML (boxes, polygons, polylines, points, tags)"
_PLAIN = {"polygon": ShapeType.POLYGON, "polyline": ShapeType.POLYLINE}
_UNSUPPORTED = {
    "mask": "a CVAT mask (a bitmap)",
    "cuboid": "a CVAT cuboid",
    "skeleton": "a CVAT skeleton",
}
_CHECKBOXES = ("truncated", "difficult", "iscrowd", "occluded")


def read(source: Path) -> Iterator[ParsedFile]:
    return read_each(source, "*.xml", parse_file)


def parse_file(path: Path, notes: Counter[str] | None = None) -> list[ParsedImage]:
    notes = Counter() if notes is None else notes
    root = xml_root(path, "annotations")
    if root.find("track") is not None:
        raise format_error(
            path,
            None,
            "this is CVAT for video (it has <track>s); export the task as CVAT for images 1.1",
        )
    images = []
    for n, el in enumerate(root.iter("image"), start=1):
        name = (el.get("name") or "").strip()
        if not name:
            raise format_error(path, f"image {n}", "has no name")
        image = ParsedImage(
            name=name,
            where=f"{path}, image {name!r}",
            width=_size(el.get("width")),
            height=_size(el.get("height")),
        )
        for k, shape in enumerate(el, start=1):
            place = f"image {name!r}, <{shape.tag}> {k}"
            _shape(shape, image, path, place, notes)
        images.append(image)
    return images


def _size(text: str | None) -> int | None:
    try:
        value = int(float(text)) if text else 0
    except ValueError:
        return None
    return value if value > 0 else None


def _attrs(el: ET.Element, notes: Counter[str]) -> dict[str, Any]:
    out: dict[str, Any] = {"occluded": True} if el.get("occluded") == "1" else {}
    group = el.get("group_id", "")
    if group.isdigit() and int(group) > 0:
        out["group_id"] = int(group)
    for attr in el.iter("attribute"):
        name, value = attr.get("name", ""), (attr.text or "").strip()
        if name in _CHECKBOXES:
            if value.lower() == "true":
                out[name] = True
        elif name == "description":
            if value:
                out["description"] = value[:1000]
        else:
            notes[f"CVAT attribute '{name}' (not a shape attribute here)"] += 1
    return out


def _points(text: str | None, path: Path, place: str) -> tuple[tuple[float, float], ...]:
    out = []
    for pair in (text or "").split(";"):
        if not pair.strip():
            continue
        xy = pair.split(",")
        if len(xy) != 2:
            raise format_error(path, place, f"point {pair!r} is not x,y")
        out.append((number(xy[0], path, place), number(xy[1], path, place)))
    if not out:
        raise format_error(path, place, "has no points")
    return tuple(out)


def _shape(el: ET.Element, image: ParsedImage, path: Path, place: str, notes: Counter[str]) -> None:
    label = (el.get("label") or "").strip()
    if el.tag in ("attribute",):
        return
    if not label:
        raise format_error(path, place, "has no label")
    if el.tag in _UNSUPPORTED:
        image.skipped.append(f"{place} ({label}): {_UNSUPPORTED[el.tag]} has no counterpart here")
        return
    if el.tag == "tag":
        image.shapes.append(ParsedShape(ShapeType.TAG, label))
        return
    attrs = _attrs(el, notes)
    g = lambda key: number(el.get(key), path, f"{place} {key}")  # noqa: E731
    if el.tag == "box":
        x1, y1, x2, y2 = g("xtl"), g("ytl"), g("xbr"), g("ybr")
        rotation = float(el.get("rotation") or 0) % 360
        if rotation:
            corners = rotated_rectangle(x1, y1, x2 - x1, y2 - y1, rotation, about_centre=True)
            image.shapes.append(ParsedShape(ShapeType.POLYGON, label, corners, attrs=attrs))
        else:
            image.shapes.append(
                ParsedShape(ShapeType.BOX, label, ((x1, y1), (x2, y2)), attrs=attrs)
            )
    elif el.tag in _PLAIN:
        pts = _points(el.get("points"), path, place)
        image.shapes.append(ParsedShape(_PLAIN[el.tag], label, pts, attrs=attrs))
    elif el.tag == "points":
        pts = _points(el.get("points"), path, place)
        image.shapes += [ParsedShape(ShapeType.POINT, label, (p,), attrs=attrs) for p in pts]
    elif el.tag == "ellipse":
        poly = ellipse(g("cx"), g("cy"), g("rx"), g("ry"), float(el.get("rotation") or 0))
        image.shapes.append(ParsedShape(ShapeType.POLYGON, label, poly, attrs=attrs, clip=True))
    else:
        image.skipped.append(f"{place} ({label}): CVAT <{el.tag}> is not known here")
