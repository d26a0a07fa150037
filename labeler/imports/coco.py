"""Read COCO JSON: ``bbox`` boxes, polygon ``segmentation``, and this program's extensions.

``source`` is one ``.json`` file or a folder of them. Each annotation becomes:

- points for its visible ``keypoints`` (COCO keypoints: named by the category when it has
  one keypoint, as ``coco-keypoints`` writes them, else by the keypoint's name), and also
  its box when the ``bbox`` has an area;
- a box when its ``shape`` is "box", or it has no polygon (empty or RLE ``segmentation``);
- otherwise one polygon per part of its ``segmentation`` (our "group" instances name each
  part's shape in ``parts``, so a box part comes back as a box).

``iscrowd`` and the known names in ``attributes`` (CVAT's and datumaro's, and ours) become
shape attributes; an instance of several parts gives each part its ``group_id``. An image's
``tags`` (category ids) become image tags. Categories are matched by ``label_id`` when
present, else by ``name``. Every image listed is imported, with no shapes if no annotation
refers to it. A file with any malformed entry is rejected whole.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from labeler.annotations import ShapeType
from labeler.imports.labelme import load_json
from labeler.imports.parsed import (
    ParsedFile,
    ParsedImage,
    ParsedShape,
    format_error,
    known_attrs,
    number,
    read_each,
)

DESCRIPTION = "COCO JSON (bbox, polygon segmentation)"


def read(source: Path) -> Iterator[ParsedFile]:
    return read_each(source, "*.json", lambda path, _notes: parse_file(path))


def _list(data: dict[str, Any], key: str, path: Path) -> list[Any]:
    value = data.get(key, [])
    if not isinstance(value, list):
        raise format_error(path, key, "is not a list")
    return value


def _id(entry: Any, path: Path, place: str) -> int:
    if not isinstance(entry, dict):
        raise format_error(path, place, "is not an object")
    value = entry.get("id")
    if not isinstance(value, int) or isinstance(value, bool):
        raise format_error(path, place, f"'id' {value!r} is not a whole number")
    return value


def parse_file(path: Path) -> list[ParsedImage]:
    data = load_json(path)
    if not isinstance(data, dict) or "images" not in data or "annotations" not in data:
        raise format_error(path, None, "not a COCO file (no 'images' and 'annotations')")
    categories: dict[int, tuple[str, str | None]] = {}
    keypoint_names: dict[int, list[str]] = {}
    for i, cat in enumerate(_list(data, "categories", path)):
        place = f"categories[{i}]"
        cid = _id(cat, path, place)
        name, label_id = cat.get("name"), cat.get("label_id")
        if not isinstance(name, str) or not name.strip():
            raise format_error(path, place, "has no name")
        categories[cid] = (name.strip(), label_id if isinstance(label_id, str) else None)
        kps = cat.get("keypoints")
        if isinstance(kps, list):
            keypoint_names[cid] = [str(k) for k in kps]

    def tag_or_label(cid: Any, place: str, shape: ShapeType, pts: tuple = ()) -> ParsedShape:
        if cid not in categories:
            raise format_error(path, place, f"category_id {cid!r} is not among the categories")
        name, label_id = categories[cid]
        return ParsedShape(shape, name, pts, label_id)

    images: dict[int, ParsedImage] = {}
    tag_shapes: dict[int, list[ParsedShape]] = {}
    for i, entry in enumerate(_list(data, "images", path)):
        place = f"images[{i}]"
        iid = _id(entry, path, place)
        if iid in images:
            raise format_error(path, place, f"image id {iid} is listed twice")
        name = entry.get("file_name")
        if not isinstance(name, str) or not name.strip():
            raise format_error(path, place, "has no file_name")
        w, h = entry.get("width"), entry.get("height")
        image = ParsedImage(
            name=name.strip(),
            where=f"{path}, image {name.strip()!r}",
            width=w if isinstance(w, int) and w > 0 else None,
            height=h if isinstance(h, int) and h > 0 else None,
        )
        tags = entry.get("tags", [])
        if not isinstance(tags, list):
            raise format_error(path, f"{place} tags", "is not a list of category ids")
        tag_shapes[iid] = [tag_or_label(c, f"{place} tags", ShapeType.TAG) for c in tags]
        images[iid] = image
    for i, ann in enumerate(_list(data, "annotations", path)):
        place = f"annotations[{i}]"
        if not isinstance(ann, dict):
            raise format_error(path, place, "is not an object")
        place = f"annotations[{i}] (id {ann.get('id')})"
        image = images.get(ann.get("image_id"))  # type: ignore[arg-type]
        if image is None:
            raise format_error(path, place, f"image_id {ann.get('image_id')!r} is not listed")
        cid = ann.get("category_id")
        attrs = _attrs(ann)
        for j, (x, y) in enumerate(_keypoints(ann, path, place)):
            names = keypoint_names.get(cid, [])
            shape = tag_or_label(cid, place, ShapeType.POINT, ((x, y),))
            if len(names) > 1 and j < len(names):  # a person's "nose": the keypoint's name
                shape = ParsedShape(ShapeType.POINT, names[j], ((x, y),))
            image.shapes.append(replace(shape, attrs=attrs))
        geometry = _geometry(ann, path, place)
        parts = ann.get("parts") if isinstance(ann.get("parts"), list) else None
        if len(geometry) > 1 and "group_id" not in attrs:
            attrs = attrs | {"group_id": int(ann["id"]) if isinstance(ann.get("id"), int) else i}
        for k, (kind, pts) in enumerate(geometry):
            if parts and k < len(parts) and parts[k] == "box" and len(pts) == 4:
                xs, ys = [p[0] for p in pts], [p[1] for p in pts]
                kind, pts = ShapeType.BOX, ((min(xs), min(ys)), (max(xs), max(ys)))
            image.shapes.append(replace(tag_or_label(cid, place, kind, pts), attrs=attrs))
    for iid, image in images.items():  # tags after the shapes, where the exporters put them
        image.shapes += tag_shapes[iid]
    return list(images.values())


def _attrs(ann: dict[str, Any]) -> dict[str, Any]:
    out = known_attrs(ann.get("attributes"))
    if ann.get("iscrowd") in (1, True):
        out["iscrowd"] = True
    return out


def _keypoints(ann: dict[str, Any], path: Path, place: str) -> list[tuple[float, float]]:
    """The visible keypoints (visibility > 0) of an annotation, in order."""
    raw = ann.get("keypoints")
    if raw is None:
        return []
    if not isinstance(raw, list) or len(raw) % 3:
        raise format_error(path, place, "keypoints is not a list of x, y, visibility triples")
    vals = [number(v, path, f"{place} keypoints") for v in raw]
    return [(vals[i], vals[i + 1]) for i in range(0, len(vals), 3) if vals[i + 2] > 0]


def _geometry(
    ann: dict[str, Any], path: Path, place: str
) -> list[tuple[ShapeType, tuple[tuple[float, float], ...]]]:
    """The box or polygons of an annotation (none for a keypoints-only one)."""
    bbox = ann.get("bbox")
    if not isinstance(bbox, list) or len(bbox) != 4:
        raise format_error(path, place, f"bbox {bbox!r} is not [x, y, width, height]")
    x, y, w, h = (number(v, path, f"{place} bbox") for v in bbox)
    shape = ann.get("shape")
    if shape == "point" or (ann.get("keypoints") is not None and (w <= 0 or h <= 0)):
        return []
    seg = ann.get("segmentation")
    if shape == "box" or not seg or isinstance(seg, dict):
        return [(ShapeType.BOX, ((x, y), (x + w, y + h)))]
    if not isinstance(seg, list):
        raise format_error(path, place, "segmentation is neither a polygon list nor RLE")
    out = []
    for j, part in enumerate(seg):
        if not isinstance(part, list) or len(part) < 6 or len(part) % 2:
            raise format_error(
                path, f"{place} segmentation[{j}]", "is not a list of x, y pairs (3 or more)"
            )
        vals = [number(v, path, f"{place} segmentation[{j}]") for v in part]
        out.append((ShapeType.POLYGON, tuple(zip(vals[0::2], vals[1::2], strict=True))))
    return out
