"""Read Pascal VOC XML as labelImg writes it: one ``<annotation>`` file per image.

``source`` is one ``.xml`` file or a folder searched recursively. The image is named by
``<filename>`` (the XML file's own name when that is missing). Coordinates are read as
they are written (labelImg's pixel edges from 0). ``<truncated>``, ``<difficult>`` and
``<occluded>`` (1 or 0) become shape attributes, as do ``group_id``, ``description`` and
``iscrowd`` in datumaro's ``<attributes>``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

from labeler.annotations import ShapeType
from labeler.imports.parsed import (
    ParsedFile,
    ParsedImage,
    ParsedShape,
    format_error,
    number,
    read_each,
    xml_root,
)

DESCRIPTION = "Pascal VOC XML files (labelImg), one per image"


def read(source: Path) -> Iterator[ParsedFile]:
    return read_each(source, "*.xml", lambda path, _notes: [parse_file(path)])


def _int_or_none(text: str | None) -> int | None:
    try:
        value = int(float(text)) if text else 0
    except ValueError:
        return None
    return value if value > 0 else None


def parse_file(path: Path) -> ParsedImage:
    root = xml_root(path, "annotation")
    name = (root.findtext("filename") or "").strip() or path.stem
    image = ParsedImage(
        name=name,
        where=str(path),
        width=_int_or_none(root.findtext("size/width")),
        height=_int_or_none(root.findtext("size/height")),
    )
    for i, obj in enumerate(root.iter("object"), start=1):
        label = (obj.findtext("name") or "").strip()
        if not label:
            raise format_error(path, f"object {i}", "has no <name>")
        box = obj.find("bndbox")
        if box is None:
            raise format_error(path, f"object {i} ({label})", "has no <bndbox>")
        values = []
        for tag in ("xmin", "ymin", "xmax", "ymax"):
            text = box.findtext(tag)
            if text is None:
                raise format_error(path, f"object {i} ({label})", f"<bndbox> has no <{tag}>")
            values.append(number(text.strip(), path, f"object {i} ({label}) <{tag}>"))
        x1, y1, x2, y2 = values
        attrs = _attrs(obj)
        image.shapes.append(ParsedShape(ShapeType.BOX, label, ((x1, y1), (x2, y2)), attrs=attrs))
    return image


def _true(text: str | None) -> bool:
    return (text or "").strip().lower() in ("1", "true", "yes")


def _attrs(obj: ET.Element) -> dict[str, object]:
    out: dict[str, object] = {
        k: True for k in ("truncated", "difficult", "occluded") if _true(obj.findtext(k))
    }
    for attr in obj.iterfind("attributes/attribute"):
        name, value = (attr.findtext("name") or "").strip(), attr.findtext("value") or ""
        if name == "iscrowd" and _true(value):
            out["iscrowd"] = True
        elif name == "group_id" and value.strip().isdigit():
            out["group_id"] = int(value)
        elif name == "description" and value.strip():
            out["description"] = value[:1000]
    return out
