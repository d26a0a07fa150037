"""YOLO (Ultralytics layout): ``labels/*.txt``, ``data.yaml`` and labelImg's ``classes.txt``.

One ``labels/<image path without suffix>.txt`` per image; an image with nothing on it gets an
empty file (a background image). Each line is a class index (0-based, taxonomy order) and
coordinates normalised to 0..1 by the image size:

- detection (no polygons in the export): ``class cx cy w h``;
- segmentation (any polygon in the export): ``class x1 y1 x2 y2 ...`` for every object, boxes
  written as their four corners, since a YOLO-seg file cannot mix the two line kinds.
  ``data.yaml`` then says ``task: segment`` and ``boxes_as_polygons: true`` so the importer
  turns those rectangles back into boxes.

Numbers have 12 decimals (under a millionth of a pixel on any real image). Points and image
tags have no place in YOLO detection/segmentation and are left out. Images are not copied:
put or link them under ``images/`` with the same relative paths (``data.yaml`` says so).
"""

from __future__ import annotations

import json
from pathlib import Path

from labeler.annotations import Shape, ShapeType
from labeler.exports.records import RecordSet
from labeler.work import Submission

DESCRIPTION = "YOLO labels/*.txt + data.yaml (detection, or segmentation with polygons)"


def norm(v: float) -> str:
    """A normalised coordinate with 12 decimals, trailing zeros dropped."""
    text = f"{v:.12f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def _line(records: RecordSet, shape: Shape, w: int, h: int, seg: bool) -> str | None:
    cls = records.label(shape.label).index
    if shape.type is ShapeType.BOX:
        (x1, y1), (x2, y2) = shape.points
        if seg:
            corners = ((x1, y1), (x2, y1), (x2, y2), (x1, y2))
            return f"{cls} " + " ".join(f"{norm(x / w)} {norm(y / h)}" for x, y in corners)
        return (
            f"{cls} {norm((x1 + x2) / 2 / w)} {norm((y1 + y2) / 2 / h)}"
            f" {norm((x2 - x1) / w)} {norm((y2 - y1) / h)}"
        )
    if shape.type is ShapeType.POLYGON:
        return f"{cls} " + " ".join(f"{norm(x / w)} {norm(y / h)}" for x, y in shape.points)
    return None


def label_text(records: RecordSet, sub: Submission, seg: bool) -> str:
    lines = [_line(records, s, sub.width, sub.height, seg) for s in sub.shapes]
    return "".join(f"{ln}\n" for ln in lines if ln is not None)


def data_yaml(records: RecordSet, seg: bool) -> str:
    q = lambda s: json.dumps(s, ensure_ascii=False)  # noqa: E731 - a JSON string is YAML
    out = [
        "# YOLO dataset written by HITL Labeler.",
        "# Put (or link) the images under images/ with the same relative paths as labels/.",
        "path: .",
        "train: images",
        "val: images",
        f"task: {'segment' if seg else 'detect'}",
        f"boxes_as_polygons: {'true' if seg else 'false'}",
        f"nc: {len(records.labels)}",
        "names:",
        *(f"  {lab.index}: {q(lab.name)}" for lab in records.labels),
        "label_ids:",
        *(f"  {lab.index}: {q(lab.id)}" for lab in records.labels),
    ]
    return "\n".join(out) + "\n"


def write(records: RecordSet, folder: Path) -> None:
    seg = records.has(ShapeType.POLYGON)
    labels = folder / "labels"
    labels.mkdir()
    for sub, stem in zip(records.submissions, records.file_stems(), strict=True):
        target = labels / f"{stem}.txt"
        if target.parent != labels:
            target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(label_text(records, sub, seg), encoding="utf-8")
    (folder / "data.yaml").write_text(data_yaml(records, seg), encoding="utf-8")
    (folder / "classes.txt").write_text(
        "".join(f"{lab.name}\n" for lab in records.labels), encoding="utf-8"
    )
