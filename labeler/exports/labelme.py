"""labelme JSON, one file per image: ``<image path without suffix>.json``.

Boxes are ``rectangle`` shapes (two corners), polygons ``polygon``, points ``point``; image
tags are labelme ``flags`` set to true. Coordinates are the stored floats, exact.
``imagePath`` is the image root joined with the image path (the path relative to the image
folder when no root is given); ``imageData`` is left empty, so files stay small.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from labeler.annotations import ShapeType
from labeler.exports.records import RecordSet, num
from labeler.work import Submission

DESCRIPTION = "labelme JSON, one file per image (rectangles, polygons, points, flags)"
LABELME_VERSION = "5.2.1"
_TYPES = {ShapeType.BOX: "rectangle", ShapeType.POLYGON: "polygon", ShapeType.POINT: "point"}


def build(records: RecordSet, sub: Submission) -> dict[str, Any]:
    shapes = []
    flags: dict[str, bool] = {}
    for shape in sub.shapes:
        name = records.label(shape.label).name
        if shape.type is ShapeType.TAG:
            flags[name] = True
            continue
        shapes.append(
            {
                "label": name,
                "points": [[num(x), num(y)] for x, y in shape.points],
                "group_id": None,
                "description": "",
                "shape_type": _TYPES[shape.type],
                "flags": {},
            }
        )
    return {
        "version": LABELME_VERSION,
        "flags": flags,
        "shapes": shapes,
        "imagePath": records.image_location(sub),
        "imageData": None,
        "imageHeight": sub.height,
        "imageWidth": sub.width,
    }


def write(records: RecordSet, folder: Path) -> None:
    for sub, stem in zip(records.submissions, records.file_stems(), strict=True):
        target = folder / f"{stem}.json"
        if target.parent != folder:
            target.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(build(records, sub), ensure_ascii=False, indent=1)
        target.write_text(text, encoding="utf-8")
