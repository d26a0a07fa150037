"""CVAT for images 1.1 XML: boxes, polygons, polylines, points and image tags in one file.

Labels are named in English (CVAT matches labels by name when a task imports this file).
Coordinates are written as the shortest decimal that reads back as the same float, not
rounded to CVAT's usual two decimals, so nothing is lost on a round trip. The attributes
``occluded`` and ``group_id`` are CVAT's own; ``truncated``, ``difficult``, ``iscrowd``
(checkboxes) and ``description`` (text) are ``<attribute>`` elements, declared for every
label in the task's meta; per-shape ``flags`` have no place in CVAT and are left out.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from labeler.annotations import ShapeType
from labeler.exports.records import RecordSet, fmt
from labeler.exports.spool import append, spools
from labeler.store import now
from labeler.work import Submission

DESCRIPTION = "CVAT for images 1.1 XML (boxes, polygons, polylines, points, tags)"
CHECKBOXES = ("truncated", "difficult", "iscrowd")
KEPT_ATTRS = ("occluded", "group_id", "description", *CHECKBOXES)
_ELEMENTS = {
    ShapeType.POLYGON: "polygon",
    ShapeType.POLYLINE: "polyline",
    ShapeType.POINT: "points",
}


def _points(pts: tuple[tuple[float, float], ...]) -> str:
    return ";".join(f"{fmt(x)},{fmt(y)}" for x, y in pts)


def _meta(records: RecordSet, size: int, stamp: str) -> ET.Element:
    meta = ET.Element("meta")
    task = ET.SubElement(meta, "task")
    for key, value in (
        ("id", "0"),
        ("name", records.name),
        ("size", str(size)),
        ("mode", "annotation"),
        ("overlap", "0"),
        ("created", stamp),
        ("updated", stamp),
    ):
        ET.SubElement(task, key).text = value
    labels = ET.SubElement(task, "labels")
    for lab in records.labels:
        el = ET.SubElement(labels, "label")
        ET.SubElement(el, "name").text = lab.name
        ET.SubElement(el, "color").text = lab.colour
        ET.SubElement(el, "type").text = "any"
        attributes = ET.SubElement(el, "attributes")
        for name in (*CHECKBOXES, "description"):
            spec = ET.SubElement(attributes, "attribute")
            ET.SubElement(spec, "name").text = name
            ET.SubElement(spec, "mutable").text = "False"
            ET.SubElement(spec, "input_type").text = "text" if name == "description" else "checkbox"
            ET.SubElement(spec, "default_value").text = "" if name == "description" else "false"
            ET.SubElement(spec, "values").text = "" if name == "description" else "false\ntrue"
    ET.SubElement(meta, "dumped").text = stamp
    return meta


def _image(records: RecordSet, sub: Submission, i: int) -> ET.Element:
    image = ET.Element(
        "image", id=str(i), name=sub.image_path, width=str(sub.width), height=str(sub.height)
    )
    for shape in sub.shapes:
        name = records.label(shape.label).name
        if shape.type is ShapeType.TAG:
            ET.SubElement(image, "tag", label=name, source="manual")
            continue
        records.shape_written(shape, KEPT_ATTRS)
        common = {
            "source": "manual",
            "occluded": "1" if shape.attrs.get("occluded") else "0",
            "z_order": "0",
        }
        if "group_id" in shape.attrs:
            common["group_id"] = str(shape.attrs["group_id"])
        if shape.type is ShapeType.BOX:
            (x1, y1), (x2, y2) = shape.points
            geometry = {"xtl": fmt(x1), "ytl": fmt(y1), "xbr": fmt(x2), "ybr": fmt(y2)}
            el = ET.SubElement(image, "box", label=name, **geometry, **common)
        else:
            el = ET.SubElement(
                image, _ELEMENTS[shape.type], label=name, points=_points(shape.points), **common
            )
        for attr in CHECKBOXES:
            if shape.attrs.get(attr):
                ET.SubElement(el, "attribute", name=attr).text = "true"
        if "description" in shape.attrs:
            ET.SubElement(el, "attribute", name="description").text = shape.attrs["description"]
    return image


def _indented(el: ET.Element) -> str:
    """One child of ``<annotations>`` as ``ET.indent`` lays it out in the whole tree."""
    ET.indent(el, space="  ", level=1)
    return "  " + ET.tostring(el, encoding="unicode") + "\n"


def write(records: RecordSet, path: Path) -> None:
    """Images streamed to a spool, then the file: the task's meta (its size and labels are
    known once every record is seen), then the images."""
    stamp = now()
    with spools(path, "images") as (spool,):
        size = 0
        with open(spool, "w", encoding="utf-8") as f:
            for i, sub in enumerate(records.stream()):
                f.write(_indented(_image(records, sub, i)))
                size += 1
        with open(path, "wb") as out:
            head = ET.Element("version")
            head.text = "1.1"
            out.write(
                (
                    "<?xml version='1.0' encoding='utf-8'?>\n<annotations>\n"
                    + _indented(head)
                    + _indented(_meta(records, size, stamp))
                ).encode("utf-8")
            )
            append(out, spool)
            out.write(b"</annotations>\n")
