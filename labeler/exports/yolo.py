"""YOLO in the Ultralytics layout: ``images/`` and ``labels/`` side by side, and ``data.yaml``.

Two formats, chosen by the user, never guessed from the data:

- ``yolo`` (detection): ``class cx cy w h`` per object; a polygon is written as its box.
  labelImg reads these too (``classes.txt`` is beside the labels, where it looks).
- ``yolo-seg`` (segmentation): ``class x1 y1 x2 y2 ...`` per object; a box is written as its
  four corners (a YOLO-seg file cannot mix the two line kinds), and ``data.yaml`` says
  ``boxes_as_polygons: true`` so the importer turns those rectangles back into boxes.

One ``labels/<image path without suffix>.txt`` per image (an image with nothing on it gets an
empty file: a background image), and the image itself at ``images/<same path><its suffix>``,
hard-linked (copied where the drive cannot link) or copied, as the ``images`` option says
(default ``link``; ``none`` writes labels only, e.g. on the server, which holds no images).
Ultralytics finds each label by swapping the last ``/images/`` for ``/labels/`` in the image
path and the suffix for ``.txt``; it follows no link out of the folder, because hard links
are files. ``data.yaml`` names no ``path:`` so Ultralytics takes the folder of the yaml file
itself, from any working folder and after the folder is moved. Class indexes are 0-based in
taxonomy order; coordinates are fractions of the image size (as displayed, EXIF applied, as
Ultralytics reads it) with 12 decimals. Points, polylines, image tags and shape attributes
have no place in YOLO and are left out (counted in the export report).
"""

from __future__ import annotations

import json

from labeler.annotations import Shape, ShapeType
from labeler.exports.records import RecordSet
from labeler.exports.sink import Sink
from labeler.work import Submission

DESCRIPTION = "YOLO detection: images/ + labels/*.txt + data.yaml (boxes; polygons as boxes)"
SEG_DESCRIPTION = (
    "YOLO segmentation: images/ + labels/*.txt + data.yaml (polygons; boxes as 4 corners)"
)
CLASSES = "classes.txt"
_LEFT_OUT = {
    ShapeType.POINT: "points (YOLO has no points)",
    ShapeType.POLYLINE: "polylines (YOLO has no open lines)",
    ShapeType.TAG: "image tags (YOLO has no image labels)",
}


def norm(v: float) -> str:
    """A normalised coordinate with 12 decimals, trailing zeros dropped."""
    text = f"{v:.12f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def _pairs(pts: tuple[tuple[float, float], ...], w: int, h: int) -> str:
    return " ".join(f"{norm(x / w)} {norm(y / h)}" for x, y in pts)


def _line(records: RecordSet, shape: Shape, w: int, h: int, seg: bool) -> str | None:
    if shape.type in _LEFT_OUT:
        records.leave_out(_LEFT_OUT[shape.type])
        return None
    records.shape_written(shape)
    cls = records.label(shape.label).index
    if seg:
        if shape.type is ShapeType.BOX:
            (x1, y1), (x2, y2) = shape.points
            return f"{cls} " + _pairs(((x1, y1), (x2, y1), (x2, y2), (x1, y2)), w, h)
        return f"{cls} " + _pairs(shape.points, w, h)
    if shape.type is ShapeType.POLYGON:
        records.leave_out("polygon outlines (written as their boxes; export yolo-seg to keep them)")
    x1, y1, x2, y2 = shape.bbox
    return (
        f"{cls} {norm((x1 + x2) / 2 / w)} {norm((y1 + y2) / 2 / h)}"
        f" {norm((x2 - x1) / w)} {norm((y2 - y1) / h)}"
    )


def label_text(records: RecordSet, sub: Submission, seg: bool) -> str:
    lines = [_line(records, s, sub.width, sub.height, seg) for s in sub.shapes]
    return "".join(f"{ln}\n" for ln in lines if ln is not None)


def data_yaml(records: RecordSet, seg: bool, with_images: bool) -> str:
    q = lambda s: json.dumps(s, ensure_ascii=False)  # noqa: E731 - a JSON string is YAML
    where = (
        "# images/ holds the images (hard links or copies), labels/ their labels."
        if with_images
        else "# Put the images under images/ with the same relative paths as labels/"
        " (copies or hard links:\n# Ultralytics looks for labels beside the real file"
        " of a symbolic link)."
    )
    out = [
        "# YOLO dataset written by HITL Labeler.",
        where,
        "# No 'path:' on purpose: Ultralytics then uses the folder this file is in,",
        "# from any working folder.",
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


def write(records: RecordSet, out: Sink, seg: bool) -> None:
    """A label file (and the image) per image as it streams past; the class lists and
    ``data.yaml`` at the end, when every label met has its index."""
    mode = records.image_mode("link")
    records.reserve_stem(CLASSES.removesuffix(".txt"))  # labels/classes.txt is labelImg's
    out.folder("labels")
    out.folder("images")
    for sub in records.stream():
        stem = records.file_stem(sub)
        out.write_text(f"labels/{stem}.txt", label_text(records, sub, seg))
        records.place_image(sub, out, f"images/{records.image_file_name(sub, stem)}", mode)
    classes = "".join(f"{lab.name}\n" for lab in records.labels)
    out.write_text(CLASSES, classes)
    out.write_text(f"labels/{CLASSES}", classes)  # where labelImg looks
    out.write_text("data.yaml", data_yaml(records, seg, mode != "none"))


def write_detect(records: RecordSet, out: Sink) -> None:
    write(records, out, seg=False)


def write_segment(records: RecordSet, out: Sink) -> None:
    write(records, out, seg=True)
