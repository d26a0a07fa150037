"""Pascal VOC XML, one file per image, as labelImg writes and reads it.

Layout: ``Annotations/<image path without suffix>.xml``, ``ImageSets/Main/default.txt`` (the
image ids, one a line), ``labelmap.txt`` (every label, so datumaro's VOC importer takes
labels beyond the 20 Pascal classes), ``predefined_classes.txt`` (the class list labelImg
opens: ``labelImg JPEGImages predefined_classes.txt``), and with the ``images`` option
(``link`` or ``copy``; default ``none``) the images under ``JPEGImages/``.

VOC coordinates are integers: each corner is rounded to the nearest pixel (halves up) and
kept inside the image, so a box at whole pixels survives a round trip exactly and any box
moves by at most half a pixel. Like labelImg, corners are pixel edges from 0 (no +1 shift).
A polygon is written as its bounding box (VOC objects are boxes); points, polylines and
image tags have no place in VOC and are left out. The attributes ``truncated``,
``difficult`` and ``occluded`` are VOC's own elements; ``group_id``, ``description`` and
``iscrowd`` go in datumaro's ``<attributes>`` (labelImg ignores it); ``flags`` are left out.
"""

from __future__ import annotations

import math
from xml.sax.saxutils import escape

from labeler.annotations import Shape, ShapeType
from labeler.exports.records import RecordSet, safe_relative_text
from labeler.exports.sink import Sink
from labeler.work import Submission

DESCRIPTION = "Pascal VOC XML, one file per image (boxes; polygons as their boxes)"
KEPT_ATTRS = ("truncated", "difficult", "occluded", "group_id", "description", "iscrowd")
_LEFT_OUT = {
    ShapeType.POINT: "points (VOC has no points)",
    ShapeType.POLYLINE: "polylines (VOC has no open lines)",
    ShapeType.TAG: "image tags (VOC detection has no image labels)",
}


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
    <truncated>{truncated}</truncated>
    <difficult>{difficult}</difficult>
    <occluded>{occluded}</occluded>
    <bndbox>
      <xmin>{xmin}</xmin>
      <ymin>{ymin}</ymin>
      <xmax>{xmax}</xmax>
      <ymax>{ymax}</ymax>
    </bndbox>
{attributes}  </object>
"""
_ATTRIBUTE = """      <attribute>
        <name>{name}</name>
        <value>{value}</value>
      </attribute>
"""


def _extra(shape: Shape) -> str:
    """datumaro's ``<attributes>`` for the attributes VOC has no element for."""
    items = [
        _ATTRIBUTE.format(name=k, value=escape(str(v).lower() if isinstance(v, bool) else str(v)))
        for k, v in shape.attrs.items()
        if k in ("group_id", "description", "iscrowd")
    ]
    return f"    <attributes>\n{''.join(items)}    </attributes>\n" if items else ""


def build(records: RecordSet, sub: Submission) -> str:
    """One image's XML (a text template: ten times faster than ElementTree on 20,000 files)."""
    folder, _, filename = safe_relative_text(sub.image_path).rpartition("/")
    objects = []
    for shape in sub.shapes:
        if shape.type in _LEFT_OUT:
            records.leave_out(_LEFT_OUT[shape.type])
            continue
        if shape.type is ShapeType.POLYGON:
            records.leave_out("polygon outlines (written as their boxes)")
        records.shape_written(shape, KEPT_ATTRS)
        x1, y1, x2, y2 = shape.bbox
        flag = {k: int(bool(shape.attrs.get(k))) for k in ("truncated", "difficult", "occluded")}
        objects.append(
            _OBJECT.format(
                name=escape(records.label(shape.label).name),
                **flag,
                xmin=pixel(x1, sub.width),
                ymin=pixel(y1, sub.height),
                xmax=pixel(x2, sub.width),
                ymax=pixel(y2, sub.height),
                attributes=_extra(shape),
            )
        )
    return _TEMPLATE.format(
        folder=escape(folder.rpartition("/")[2] or "images"),
        filename=escape(filename),
        path=escape(records.image_location(sub)),
        width=sub.width,
        height=sub.height,
        objects="".join(objects),
    )


def labelmap(records: RecordSet) -> str:
    """datumaro's ``labelmap.txt``: ``name:r,g,b::`` per label."""
    lines = ["# label:color_rgb:parts:actions"]
    for lab in records.labels:
        rgb = ",".join(str(int(lab.colour[i : i + 2], 16)) for i in (1, 3, 5))
        lines.append(f"{lab.name.replace(':', ' ')}:{rgb}::")
    return "\n".join(lines) + "\n"


def write(records: RecordSet, out: Sink) -> None:
    mode = records.image_mode("none")
    ids = out.later("ImageSets/Main/default.txt")
    for sub in records.stream():
        image_id = records.file_stem(sub)
        ids.write(f"{image_id}\n")
        out.write_text(f"Annotations/{image_id}.xml", build(records, sub))
        name = records.image_file_name(sub, image_id)
        records.place_image(sub, out, f"JPEGImages/{name}", mode)
    out.write_text("labelmap.txt", labelmap(records))
    out.write_text("predefined_classes.txt", "".join(f"{lab.name}\n" for lab in records.labels))
