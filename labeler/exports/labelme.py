"""labelme JSON, one file per image: ``<image path without suffix>.json``.

Boxes are ``rectangle`` shapes (two corners), polygons ``polygon``, polylines ``linestrip``,
points ``point``; image tags are labelme ``flags`` set to true. Per-shape ``group_id``,
``description`` and ``flags`` are labelme's own; the other attributes (``occluded``,
``truncated``, ``difficult``, ``iscrowd``) go in a shape key ``attributes``, which labelme
keeps as it is when it saves. Coordinates are the stored floats, exact.

``imagePath`` is what labelme opens, relative to the JSON file: with the ``images`` option
(``link`` or ``copy``) the image is placed beside the JSON and ``imagePath`` is its file
name; otherwise it is the path from the JSON to the image in the project's image folder
(absolute when they are on different drives), or ``image_root`` joined with the image path
when one is given (the server, which holds no images). ``imageData`` is left empty, so files
stay small.
"""

from __future__ import annotations

import json
import os
from pathlib import Path, PurePosixPath
from typing import Any

from labeler import shape_attrs
from labeler.annotations import ShapeType
from labeler.exports.records import RecordSet, num, safe_relative
from labeler.exports.sink import Sink
from labeler.work import Submission

DESCRIPTION = "labelme JSON, one file per image (rectangles, polygons, linestrips, points, flags)"
LABELME_VERSION = "5.2.1"
_TYPES = {
    ShapeType.BOX: "rectangle",
    ShapeType.POLYGON: "polygon",
    ShapeType.POLYLINE: "linestrip",
    ShapeType.POINT: "point",
}
KEPT_ATTRS = shape_attrs.ATTRIBUTE_NAMES  # labelme's own three, the others in ``attributes``
OWN_ATTRS = ("group_id", "description", "flags")


def build(records: RecordSet, sub: Submission, image_path: str) -> dict[str, Any]:
    shapes = []
    flags: dict[str, bool] = {}
    for shape in sub.shapes:
        name = records.label(shape.label).name
        if shape.type is ShapeType.TAG:
            flags[name] = True
            continue
        records.shape_written(shape, KEPT_ATTRS)
        entry: dict[str, Any] = {
            "label": name,
            "points": [[num(x), num(y)] for x, y in shape.points],
            "group_id": shape.attrs.get("group_id"),
            "description": shape.attrs.get("description", ""),
            "shape_type": _TYPES[shape.type],
            "flags": dict(shape.attrs.get("flags", {})),
            "mask": None,
        }
        other = {k: v for k, v in shape.attrs.items() if k not in OWN_ATTRS}
        if other:
            entry["attributes"] = other
        shapes.append(entry)
    return {
        "version": LABELME_VERSION,
        "flags": flags,
        "shapes": shapes,
        "imagePath": image_path,
        "imageData": None,
        "imageHeight": sub.height,
        "imageWidth": sub.width,
    }


def _relative_image_path(records: RecordSet, sub: Submission, stem: str) -> str:
    """Where labelme finds the image from the JSON file ``<stem>.json``, once the export is
    in place."""
    if records.image_root is not None or records.image_source is None or records.dest is None:
        return records.image_location(sub)
    image = records.image_source / safe_relative(sub.image_path)
    json_dir = records.dest / PurePosixPath(f"{stem}.json").parent
    try:
        return Path(os.path.relpath(image, json_dir)).as_posix()
    except ValueError:  # another drive (Windows): only an absolute path reaches it
        return image.as_posix()


def write(records: RecordSet, out: Sink) -> None:
    mode = records.image_mode("none")
    for sub in records.stream():
        stem = records.file_stem(sub)
        image_name = records.image_file_name(sub, stem)
        if records.place_image(sub, out, image_name, mode):
            image_path = image_name.rpartition("/")[2]
        else:
            image_path = _relative_image_path(records, sub, stem)
        text = json.dumps(build(records, sub, image_path), ensure_ascii=False, indent=1)
        out.write_text(f"{stem}.json", text)
