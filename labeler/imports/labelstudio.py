"""Read Label Studio JSON exports: rectangles, polygons, keypoints and choices, per annotator.

``source`` is one ``.json`` file (Label Studio's "JSON" export: a list of tasks) or a folder
of them. Each task's image is named by ``data.image`` (an upload ``/data/upload/3/1a2b3c4d-
photo.jpg`` is matched as ``photo.jpg``; a local file ``/data/local-files/?d=dir/photo.jpg``
as ``dir/photo.jpg``). **Every** annotation of a task becomes one submission by its
annotator (``completed_by``: the e-mail when the export has it, else ``labelstudio-user-N``;
our own exports name the worker in ``meta.worker``), so an image labelled by three people
comes in three times, the last one current. Cancelled (skipped) annotations and predictions
are not imported; the report counts them.

Results: ``rectanglelabels`` a box (turned by ``rotation``, about its top-left corner as
Label Studio turns it: a polygon of its corners), ``polygonlabels`` a polygon,
``keypointlabels`` a point, ``choices`` image tags; a ``rectangle``/``polygon``/``keypoint``
region labelled by a separate ``labels`` result of the same id is read too. Positions are
percentages of ``original_width`` x ``original_height`` (the image as shown, EXIF applied).
Other result types (brushes, text areas, ratings) are counted in the report as not kept.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from labeler.annotations import ShapeType
from labeler.imports.labelme import load_json
from labeler.imports.parsed import (
    ParsedFile,
    ParsedImage,
    ParsedShape,
    format_error,
    number,
    read_each,
    rotated_rectangle,
)

DESCRIPTION = "Label Studio JSON export (every annotator's annotation)"
_GEOMETRY = {
    "rectanglelabels": "rectangle",
    "polygonlabels": "polygon",
    "keypointlabels": "keypoint",
    "rectangle": "rectangle",
    "polygon": "polygon",
    "keypoint": "keypoint",
}


def read(source: Path) -> Iterator[ParsedFile]:
    return read_each(source, "*.json", parse_file)


def parse_file(path: Path, notes: Counter[str] | None = None) -> list[ParsedImage]:
    notes = Counter() if notes is None else notes
    data = load_json(path)
    if isinstance(data, dict):
        data = [data]  # one task exported alone
    if not isinstance(data, list) or not all(isinstance(t, dict) for t in data):
        raise format_error(path, None, "not a Label Studio export (a list of tasks)")
    out: list[ParsedImage] = []
    for i, task in enumerate(data):
        place = f"task {task.get('id', i + 1)}"
        if "annotations" not in task:
            raise format_error(
                path,
                place,
                "has no 'annotations'; export from Label Studio as JSON (not JSON-MIN or CSV)",
            )
        name = _image_name(task, path, place)
        annotations = task["annotations"]
        if not isinstance(annotations, list):
            raise format_error(path, place, "'annotations' is not a list")
        if task.get("predictions"):
            notes["predictions (a model's, not a person's work)"] += len(task["predictions"])
        meta = task.get("meta") if isinstance(task.get("meta"), dict) else {}
        for j, ann in enumerate(annotations):
            where = (
                f"{place}, annotation {ann.get('id', j + 1) if isinstance(ann, dict) else j + 1}"
            )
            if not isinstance(ann, dict) or not isinstance(ann.get("result", []), list):
                raise format_error(path, where, "is not an annotation with a 'result' list")
            if ann.get("was_cancelled"):
                notes["cancelled (skipped) annotations"] += 1
                continue
            image = ParsedImage(name=name, where=f"{path}, {where}", normalized=True)
            image.worker = _worker(ann, meta if len(annotations) == 1 else {})
            _results(ann.get("result", []), image, path, where, notes)
            out.append(image)
    return out


def _image_name(task: dict[str, Any], path: Path, place: str) -> str:
    data = task.get("data")
    if not isinstance(data, dict):
        raise format_error(path, place, "has no 'data'")
    value = data.get("image")
    if not isinstance(value, str):
        value = next((v for v in data.values() if isinstance(v, str) and v.strip()), None)
    if not value:
        raise format_error(path, place, "names no image in 'data'")
    return value.strip()


def _worker(ann: dict[str, Any], meta: dict[str, Any]) -> str:
    if isinstance(meta.get("worker"), str) and meta["worker"].strip():
        return meta["worker"]
    who = ann.get("completed_by")
    if isinstance(who, dict):
        email = who.get("email")
        if isinstance(email, str) and email.strip():
            return email.strip()
        who = who.get("id")
    if isinstance(who, int):
        return f"labelstudio-user-{who}"
    if isinstance(who, str) and who.strip():
        return who.strip()
    return "labelstudio"


def _size(result: dict[str, Any], image: ParsedImage) -> tuple[float, float]:
    w, h = result.get("original_width"), result.get("original_height")
    if isinstance(w, int) and isinstance(h, int) and w > 0 and h > 0:
        image.width, image.height = w, h
    return float(image.width or 0), float(image.height or 0)


def _results(
    results: list[Any], image: ParsedImage, path: Path, where: str, notes: Counter[str]
) -> None:
    labels_by_id: dict[str, list[str]] = {}
    for r in results:
        if isinstance(r, dict) and r.get("type") == "labels" and isinstance(r.get("value"), dict):
            labels_by_id[str(r.get("id"))] = list(r["value"].get("labels") or [])
    for k, r in enumerate(results, start=1):
        place = f"{where}, result {k}"
        if not isinstance(r, dict) or not isinstance(r.get("value"), dict):
            raise format_error(path, place, "is not a result with a 'value'")
        rtype, value = r.get("type"), r["value"]
        if rtype == "labels":
            continue
        if rtype == "choices":
            choices = value.get("choices") or []
            image.shapes += [ParsedShape(ShapeType.TAG, str(c)) for c in choices]
            continue
        if rtype not in _GEOMETRY:
            notes[f"Label Studio '{rtype}' results"] += 1
            continue
        names = value.get(rtype) if rtype.endswith("labels") else labels_by_id.get(str(r.get("id")))
        if not names:
            image.skipped.append(f"result {k}: a {rtype} region without a label")
            continue
        w, h = _size(r, image)
        for label in names:
            shape = _geometry(_GEOMETRY[rtype], value, str(label), w, h, path, place)
            image.shapes.append(shape)


def _geometry(
    kind: str, v: dict[str, Any], label: str, w: float, h: float, path: Path, place: str
) -> ParsedShape:
    """One region, as fractions of the image size (``ParsedImage.normalized``)."""
    n = lambda key: number(v.get(key), path, f"{place} {key}") / 100  # noqa: E731
    if kind == "keypoint":
        return ParsedShape(ShapeType.POINT, label, ((n("x"), n("y")),))
    if kind == "polygon":
        raw = v.get("points")
        if not isinstance(raw, list) or not all(isinstance(p, list) and len(p) == 2 for p in raw):
            raise format_error(path, place, "points is not a list of [x, y]")
        pts = tuple((number(x, path, place) / 100, number(y, path, place) / 100) for x, y in raw)
        return ParsedShape(ShapeType.POLYGON, label, pts)
    x, y, bw, bh = n("x"), n("y"), n("width"), n("height")
    rotation = float(v.get("rotation") or 0) % 360
    if not rotation:
        return ParsedShape(ShapeType.BOX, label, ((x, y), (x + bw, y + bh)))
    if not (w and h):
        raise format_error(path, place, "a turned rectangle needs original_width and _height")
    corners = rotated_rectangle(x * w, y * h, bw * w, bh * h, rotation, about_centre=False)
    return ParsedShape(ShapeType.POLYGON, label, tuple((px / w, py / h) for px, py in corners))
