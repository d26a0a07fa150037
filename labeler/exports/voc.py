"""Pascal VOC XML, one file per image, as labelImg writes and reads it.

Layout: ``Annotations/<image path without suffix>.xml`` and ``ImageSets/Main/default.txt``
(the image ids, one a line). VOC coordinates are integers: each corner is rounded to the
nearest pixel (halves up) and kept inside the image, so a box at whole pixels survives a
round trip exactly and any box moves by at most half a pixel. Like labelImg, corners are
pixel edges from 0 (no +1 shift). A polygon is written as its bounding box (VOC objects are
boxes); points and image tags have no place in VOC and are left out.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from pathlib import Path, PurePosixPath

from labeler.annotations import ShapeType
from labeler.exports.records import RecordSet
from labeler.work import Submission

DESCRIPTION = "Pascal VOC XML, one file per image (boxes; polygons as their boxes)"


def pixel(v: float, limit: int) -> int:
    """A coordinate rounded to the nearest pixel edge (halves up), inside [0, limit]."""
    return min(max(math.floor(v + 0.5), 0), limit)


def build(records: RecordSet, sub: Submission) -> ET.Element:
    rel = PurePosixPath(sub.image_path)
    root = ET.Element("annotation")
    ET.SubElement(root, "folder").text = rel.parent.name or "images"
    ET.SubElement(root, "filename").text = rel.name
    ET.SubElement(root, "path").text = records.image_location(sub)
    source = ET.SubElement(root, "source")
    ET.SubElement(source, "database").text = "HITL Labeler"
    size = ET.SubElement(root, "size")
    ET.SubElement(size, "width").text = str(sub.width)
    ET.SubElement(size, "height").text = str(sub.height)
    ET.SubElement(size, "depth").text = "3"
    ET.SubElement(root, "segmented").text = "0"
    for shape in sub.shapes:
        if shape.type not in (ShapeType.BOX, ShapeType.POLYGON):
            continue
        x1, y1, x2, y2 = shape.bbox
        obj = ET.SubElement(root, "object")
        ET.SubElement(obj, "name").text = records.label(shape.label).name
        ET.SubElement(obj, "pose").text = "Unspecified"
        ET.SubElement(obj, "truncated").text = "0"
        ET.SubElement(obj, "difficult").text = "0"
        box = ET.SubElement(obj, "bndbox")
        ET.SubElement(box, "xmin").text = str(pixel(x1, sub.width))
        ET.SubElement(box, "ymin").text = str(pixel(y1, sub.height))
        ET.SubElement(box, "xmax").text = str(pixel(x2, sub.width))
        ET.SubElement(box, "ymax").text = str(pixel(y2, sub.height))
    return root


def write(records: RecordSet, folder: Path) -> None:
    ann_dir = folder / "Annotations"
    ids = []
    for sub, image_id in zip(records.submissions, records.file_stems(), strict=True):
        ids.append(image_id)
        target = ann_dir / f"{image_id}.xml"
        target.parent.mkdir(parents=True, exist_ok=True)
        tree = ET.ElementTree(build(records, sub))
        ET.indent(tree)
        tree.write(target, encoding="utf-8", xml_declaration=False)
    sets = folder / "ImageSets" / "Main"
    sets.mkdir(parents=True)
    (sets / "default.txt").write_text("".join(f"{i}\n" for i in ids), encoding="utf-8")
