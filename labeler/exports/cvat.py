"""CVAT for images 1.1 XML: boxes, polygons, points and image tags in one file.

Labels are named in English (CVAT matches labels by name when a task imports this file).
Coordinates are written as the shortest decimal that reads back as the same float, not
rounded to CVAT's usual two decimals, so nothing is lost on a round trip.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from labeler.annotations import ShapeType
from labeler.exports.records import RecordSet, fmt
from labeler.store import now

DESCRIPTION = "CVAT for images 1.1 XML (boxes, polygons, points, tags)"
_COMMON = {"source": "manual", "occluded": "0", "z_order": "0"}


def _points(pts: tuple[tuple[float, float], ...]) -> str:
    return ";".join(f"{fmt(x)},{fmt(y)}" for x, y in pts)


def build(records: RecordSet) -> ET.Element:
    root = ET.Element("annotations")
    ET.SubElement(root, "version").text = "1.1"
    meta = ET.SubElement(root, "meta")
    task = ET.SubElement(meta, "task")
    stamp = now()
    for key, value in (
        ("id", "0"),
        ("name", records.name),
        ("size", str(len(records.submissions))),
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
        ET.SubElement(el, "attributes")
    ET.SubElement(meta, "dumped").text = stamp
    for i, sub in enumerate(records.submissions):
        image = ET.SubElement(
            root,
            "image",
            id=str(i),
            name=sub.image_path,
            width=str(sub.width),
            height=str(sub.height),
        )
        for shape in sub.shapes:
            name = records.label(shape.label).name
            if shape.type is ShapeType.BOX:
                (x1, y1), (x2, y2) = shape.points
                ET.SubElement(
                    image,
                    "box",
                    label=name,
                    xtl=fmt(x1),
                    ytl=fmt(y1),
                    xbr=fmt(x2),
                    ybr=fmt(y2),
                    **_COMMON,
                )
            elif shape.type is ShapeType.POLYGON:
                ET.SubElement(image, "polygon", label=name, points=_points(shape.points), **_COMMON)
            elif shape.type is ShapeType.POINT:
                ET.SubElement(image, "points", label=name, points=_points(shape.points), **_COMMON)
            else:
                ET.SubElement(image, "tag", label=name, source="manual")
    return root


def write(records: RecordSet, path: Path) -> None:
    tree = ET.ElementTree(build(records))
    ET.indent(tree)
    tree.write(path, encoding="utf-8", xml_declaration=True)
