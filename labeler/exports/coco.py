"""COCO detection JSON: boxes as ``bbox``, polygons as ``segmentation``, points and tags too.

COCO has no point annotation outside its person-keypoint schema, and no image-level label,
so this exporter writes (and ``labeler.imports.coco`` reads back):

- a box: ``bbox`` [x, y, w, h], ``segmentation`` [] and ``area`` w*h;
- a polygon: ``segmentation`` [[x1, y1, x2, y2, ...]], ``bbox`` around it, ``area`` its area;
- a point: ``bbox`` [x, y, 0, 0], ``area`` 0, ``keypoints`` [x, y, 2], ``num_keypoints`` 1;
- every annotation names its ``shape`` ("box", "polygon", "point");
- an image's tags: ``tags`` on the image entry, a list of category ids.

Categories are numbered from 1 in taxonomy order, named in English, with the stable label id
in ``label_id``. Coordinates are the stored floats (integral ones written as integers).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from labeler import __version__
from labeler.annotations import ShapeType, polygon_area
from labeler.exports.records import RecordSet, num
from labeler.store import now

DESCRIPTION = "COCO detection JSON (boxes, polygons as segmentation, points, tags)"


def build(records: RecordSet) -> dict[str, Any]:
    """The COCO document as a dict (what ``write`` dumps)."""
    images: list[dict[str, Any]] = []
    annotations: list[dict[str, Any]] = []
    ann_id = 0
    for image_id, sub in enumerate(records.submissions, start=1):
        image: dict[str, Any] = {
            "id": image_id,
            "file_name": sub.image_path,
            "width": sub.width,
            "height": sub.height,
            "sha256": sub.image_sha256,
            "worker": sub.worker,
            "submitted_at": sub.submitted_at,
            "submission": sub.uuid,
        }
        tags = [records.label(s.label).coco_id for s in sub.shapes if s.type is ShapeType.TAG]
        if tags:
            image["tags"] = tags
        images.append(image)
        for shape in sub.shapes:
            if shape.type is ShapeType.TAG:
                continue
            ann_id += 1
            if shape.type is ShapeType.BOX:
                (x1, y1), (x2, y2) = shape.points
            else:
                x1, y1, x2, y2 = shape.bbox
            a: dict[str, Any] = {
                "id": ann_id,
                "image_id": image_id,
                "category_id": records.label(shape.label).coco_id,
                "bbox": [num(x1), num(y1), num(x2 - x1), num(y2 - y1)],
                "iscrowd": 0,
                "shape": str(shape.type),
            }
            if shape.type is ShapeType.POLYGON:
                a["segmentation"] = [[num(v) for p in shape.points for v in p]]
                a["area"] = num(abs(polygon_area(shape.points)))
            elif shape.type is ShapeType.POINT:
                a["segmentation"] = []
                a["area"] = 0
                a["keypoints"] = [num(x1), num(y1), 2]
                a["num_keypoints"] = 1
            else:
                a["segmentation"] = []
                a["area"] = num((x2 - x1) * (y2 - y1))
            annotations.append(a)
    return {
        "info": {
            "description": records.name,
            "version": "1.0",
            "contributor": "HITL Labeler",
            "date_created": now(),
            "generator": f"hitl-labeler {__version__}",
        },
        "licenses": [],
        "images": images,
        "annotations": annotations,
        "categories": [
            {"id": lab.coco_id, "name": lab.name, "supercategory": "", "label_id": lab.id}
            for lab in records.labels
        ],
    }


def write(records: RecordSet, path: Path) -> None:
    # json.dumps runs in C in one go; json.dump would encode piece by piece in Python (3x slower)
    text = json.dumps(build(records), ensure_ascii=False, separators=(",", ":"))
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
