"""COCO JSON: ``coco`` holds boxes and polygons (instances), ``coco-keypoints`` the points.

Points are not instances: a point written as a zero-size box counts as an object no detector
can match, and pycocotools' box evaluation then caps a perfect detector at half marks. So
``coco`` leaves points out (the export report says how many) and ``coco-keypoints`` writes
them the way COCO writes keypoints. ``labeler.imports.coco`` reads both back.

``coco`` (instances):

- a box: ``bbox`` [x, y, w, h], ``segmentation`` [] and ``area`` w*h;
- a polygon: ``segmentation`` [[x1, y1, x2, y2, ...]], ``bbox`` around it, ``area`` its area;
- shapes of one image with the same label and ``group_id`` are one instance, as labelme2coco
  makes them: one polygon per part (a box as its four corners), ``bbox`` around all,
  ``area`` their sum, ``shape`` "group" and ``parts`` naming each part's shape;
- ``iscrowd`` is the shape's attribute; the other attributes are in ``attributes`` (as
  CVAT and datumaro write them);
- every annotation names its ``shape`` ("box", "polygon", "group");
- an image's tags: ``tags`` on the image entry, a list of category ids.

``coco-keypoints``: every category lists one keypoint, its own name (``keypoints`` [name],
``skeleton`` []); each point is an annotation with ``keypoints`` [x, y, 2],
``num_keypoints`` 1, ``bbox`` [x, y, 0, 0] and ``area`` 0 (an exact position: give your
evaluation its own scale). Polylines have no place in COCO and are left out of both.

Categories are numbered from 1 in taxonomy order, named in English, with the stable label id
in ``label_id``. Coordinates are the stored floats (integral ones written as integers).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from labeler import __version__, shape_attrs
from labeler.annotations import Shape, ShapeType, polygon_area
from labeler.exports.records import RecordSet, num
from labeler.exports.spool import JsonArray, append, spools
from labeler.store import now
from labeler.work import Submission

DESCRIPTION = "COCO instances JSON (boxes, polygons, groups as one instance, tags)"
KEYPOINTS_DESCRIPTION = "COCO keypoints JSON (points)"
KEPT_ATTRS = shape_attrs.ATTRIBUTE_NAMES  # iscrowd its own, the others in ``attributes``
_NO_POINTS = "points (COCO instances have no points; export coco-keypoints for them)"
_NO_LINES = "polylines (COCO has no open lines)"
_NOT_POINTS = "boxes, polygons and polylines (coco-keypoints holds points; export coco)"


def _image(sub: Submission, image_id: int, records: RecordSet) -> dict[str, Any]:
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
    return image


def _corners(shape: Shape) -> tuple[tuple[float, float], ...]:
    if shape.type is ShapeType.BOX:
        (x1, y1), (x2, y2) = shape.points
        return ((x1, y1), (x2, y1), (x2, y2), (x1, y2))
    return shape.points


def _attributes(a: dict[str, Any], shape: Shape) -> None:
    a["iscrowd"] = 1 if shape.attrs.get("iscrowd") else 0
    rest = {k: v for k, v in shape.attrs.items() if k != "iscrowd"}
    if rest:
        a["attributes"] = rest


def _instance(shape: Shape) -> dict[str, Any]:
    x1, y1, x2, y2 = shape.bbox
    a: dict[str, Any] = {"bbox": [num(x1), num(y1), num(x2 - x1), num(y2 - y1)]}
    if shape.type is ShapeType.POLYGON:
        a["segmentation"] = [[num(v) for p in shape.points for v in p]]
        a["area"] = num(abs(polygon_area(shape.points)))
    else:
        a["segmentation"] = []
        a["area"] = num((x2 - x1) * (y2 - y1))
    a["shape"] = str(shape.type)
    _attributes(a, shape)
    return a


def _group(parts: list[Shape]) -> dict[str, Any]:
    """One instance of several shapes (labelme2coco's group_id rule)."""
    xs = [x for s in parts for x, _ in s.points]
    ys = [y for s in parts for _, y in s.points]
    x1, y1, x2, y2 = min(xs), min(ys), max(xs), max(ys)
    a: dict[str, Any] = {
        "bbox": [num(x1), num(y1), num(x2 - x1), num(y2 - y1)],
        "segmentation": [[num(v) for p in _corners(s) for v in p] for s in parts],
        "area": num(sum(abs(polygon_area(_corners(s))) for s in parts)),
        "shape": "group",
        "parts": [str(s.type) for s in parts],
    }
    _attributes(a, parts[0])
    return a


def _instances(records: RecordSet, sub: Submission) -> list[tuple[Shape, dict[str, Any]]]:
    """(first shape, annotation without ids) per instance of one image, in shape order."""
    groups: dict[tuple[str, int], list[Shape]] = defaultdict(list)
    for shape in sub.shapes:
        if shape.type in (ShapeType.BOX, ShapeType.POLYGON) and "group_id" in shape.attrs:
            groups[(shape.label, shape.attrs["group_id"])].append(shape)
    out: list[tuple[Shape, dict[str, Any]]] = []
    for shape in sub.shapes:
        if shape.type is ShapeType.POINT:
            records.leave_out(_NO_POINTS)
        elif shape.type is ShapeType.POLYLINE:
            records.leave_out(_NO_LINES)
        elif shape.type is not ShapeType.TAG:
            group = groups.get((shape.label, shape.attrs.get("group_id", -1)))
            if group is None or len(group) == 1:
                out.append((shape, _instance(shape)))
            elif group[0] is shape:
                out.append((shape, _group(group)))
            else:
                continue  # a later part of a group already written
            for part in group or [shape]:
                records.shape_written(part, KEPT_ATTRS)
    return out


def _head(records: RecordSet, keypoints: bool, stamp: str) -> str:
    """The document up to its images: info, licenses and categories (every label met)."""
    categories = []
    for lab in records.labels:
        cat: dict[str, Any] = {
            "id": lab.coco_id,
            "name": lab.name,
            "supercategory": "",
            "label_id": lab.id,
        }
        if keypoints:
            cat["keypoints"], cat["skeleton"] = [lab.name], []
        categories.append(cat)
    head = {
        "info": {
            "description": records.name,
            "version": "1.0",
            "contributor": "HITL Labeler",
            "date_created": stamp,
            "generator": f"hitl-labeler {__version__}",
        },
        "licenses": [],
        "categories": categories,
    }
    return json.dumps(head, ensure_ascii=False, separators=(",", ":"))[:-1] + ',"images":['


def _annotations(records: RecordSet, sub: Submission) -> Iterator[dict[str, Any]]:
    """An image's instances: annotations without ids."""
    for shape, body in _instances(records, sub):
        yield {"category_id": records.label(shape.label).coco_id} | body


def _keypoints(records: RecordSet, sub: Submission) -> Iterator[dict[str, Any]]:
    """An image's points, each an annotation of its label's category, without ids."""
    for shape in sub.shapes:
        if shape.type is ShapeType.TAG:
            continue
        if shape.type is not ShapeType.POINT:
            records.leave_out(_NOT_POINTS)
            continue
        x, y = shape.points[0]
        a: dict[str, Any] = {
            "category_id": records.label(shape.label).coco_id,
            "keypoints": [num(x), num(y), 2],
            "num_keypoints": 1,
            "bbox": [num(x), num(y), 0, 0],
            "area": 0,
            "segmentation": [],
            "shape": "point",
        }
        _attributes(a, shape)
        records.shape_written(shape, KEPT_ATTRS)
        yield a


def _write(records: RecordSet, path: Path, keypoints: bool) -> None:
    """Images and annotations streamed to two spools with ids given as they come, then the
    file: head (categories, known once every record is seen), images, annotations."""
    stamp = now()
    annotate = _keypoints if keypoints else _annotations
    with spools(path, "images", "annotations") as (image_spool, ann_spool):
        with (
            open(image_spool, "w", encoding="utf-8") as fi,
            open(ann_spool, "w", encoding="utf-8") as fa,
        ):
            images, annotations = JsonArray(fi), JsonArray(fa)
            ann_id = 0
            for image_id, sub in enumerate(records.stream(), start=1):
                images.add(_image(sub, image_id, records))
                for body in annotate(records, sub):
                    ann_id += 1
                    annotations.add({"id": ann_id, "image_id": image_id} | body)
            images.flush()
            annotations.flush()
        with open(path, "wb") as out:
            out.write(_head(records, keypoints, stamp).encode("utf-8"))
            append(out, image_spool)
            out.write(b'],"annotations":[')
            append(out, ann_spool)
            out.write(b"]}")


def write(records: RecordSet, path: Path) -> None:
    _write(records, path, keypoints=False)


def write_keypoints(records: RecordSet, path: Path) -> None:
    _write(records, path, keypoints=True)
