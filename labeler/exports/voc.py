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
from pathlib import Path, PurePosixPath
from xml.sax.saxutils import escape

from labeler.annotations import ShapeType
from labeler.exports.records import RecordSet
from labeler.work import Submission

DESCRIPTION = "Pascal VOC XML, one file per image (boxes; polygons as their boxes)"


def pixel(v: float, limit: int) -> int:
    """A coordinate rounded to the nearest pixel edge (halves up), inside [0, limit]."""
    return min(max(math.floor(v + 0.5), 0), limit)


_TEMPLATE = """<annotation>
  <folder>{folder}</folder>
  <filename>{filename}</filename>
  <path>{path}</path>
  <source>
    <database>HITL Labeler</database>
  </source>
  <size>
    <width>{width}</width>
    <height>{height}</height>
    <depth>3</depth>
  </size>
  <segmented>0</segmented>
{objects}</annotation>
"""
_OBJECT = """  <object>
    <name>{name}</name>
    <pose>Unspecified</pose>
    <truncated>0</truncated>
    <difficult>0</difficult>
    <bndbox>
      <xmin>{xmin}</xmin>
      <ymin>{ymin}</ymin>
      <xmax>{xmax}</xmax>
      <ymax>{ymax}</ymax>
    </bndbox>
  </object>
"""


def build(records: RecordSet, sub: Submission) -> str:
    """One image's XML (a text template: ten times faster than ElementTree on 20,000 files)."""
    rel = PurePosixPath(sub.image_path)
    objects = []
    for shape in sub.shapes:
        if shape.type not in (ShapeType.BOX, ShapeType.POLYGON):
            continue
        x1, y1, x2, y2 = shape.bbox
        objects.append(
            _OBJECT.format(
                name=escape(records.label(shape.label).name),
                xmin=pixel(x1, sub.width),
                ymin=pixel(y1, sub.height),
                xmax=pixel(x2, sub.width),
                ymax=pixel(y2, sub.height),
            )
        )
    return _TEMPLATE.format(
        folder=escape(rel.parent.name or "images"),
        filename=escape(rel.name),
        path=escape(records.image_location(sub)),
        width=sub.width,
        height=sub.height,
        objects="".join(objects),
    )


def write(records: RecordSet, folder: Path) -> None:
    ann_dir = folder / "Annotations"
    ann_dir.mkdir()
    ids = []
    for sub, image_id in zip(records.submissions, records.file_stems(), strict=True):
        ids.append(image_id)
        target = ann_dir / f"{image_id}.xml"
        if target.parent != ann_dir:
            target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(build(records, sub), encoding="utf-8")
    sets = folder / "ImageSets" / "Main"
    sets.mkdir(parents=True)
    (sets / "default.txt").write_text("".join(f"{i}\n" for i in ids), encoding="utf-8")
