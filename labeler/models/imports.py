"""Predictions made elsewhere, into the project's suggestion cache.

A model run on another machine (a GPU server, a cloud service) leaves prediction files;
bringing them in lets workers correct them like the project's own model's suggestions, and
the report card judges them the same way. Formats:

- ``coco``: a COCO file (``images``, ``categories``, ``annotations`` with ``score``; boxes
  as ``bbox``, polygons as ``segmentation``), or a COCO *results* list (``image_id``,
  ``category_id``, ``bbox``, ``score``) with ``images_from`` naming the dataset file that
  gives the image and category names.
- ``yolo``: a folder of Ultralytics ``save_txt`` files (``class cx cy w h [conf]``, or
  ``class x1 y1 x2 y2 … [conf]`` for segments, normalised), with ``classes.txt`` or
  ``data.yaml`` beside them (or ``class_names``).
- ``labelstudio``: Label Studio tasks with ``predictions`` (``rectanglelabels``,
  ``polygonlabels``, ``choices``; percent coordinates).

Images are matched by file name, labels by id or any of their names; the predictions are
stored under a pseudo-model named by the SHA-256 of the source, which becomes the active
source of suggestions. What did not fit is reported, never guessed.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from labeler.annotations import Shape
from labeler.errors import LabelerError, PredictionImportError
from labeler.models.predictions import Prediction, clip_box
from labeler.models.spec import ModelSpec
from labeler.project import Project

FORMATS = ("coco", "yolo", "labelstudio")
MAX_FILE_BYTES = 512 * 1024 * 1024


@dataclass
class PredictionImport:
    model_sha256: str
    images: int = 0
    predictions: int = 0
    no_image: list[str] = field(default_factory=list)
    unknown_labels: dict[str, int] = field(default_factory=dict)
    refused: list[str] = field(default_factory=list)

    def summary(self) -> str:
        text = f"{self.predictions} predictions for {self.images} images imported"
        if self.no_image:
            text += f"; {len(self.no_image)} images not in the project"
        if self.unknown_labels:
            names = ", ".join(sorted(self.unknown_labels)[:10])
            text += f"; {sum(self.unknown_labels.values())} with unknown labels ({names})"
        if self.refused:
            text += f"; {len(self.refused)} refused ({self.refused[0]})"
        return text


RawPred = tuple[str, str, list[tuple[float, float]] | None, float, bool]
# (image name, label name, points in pixels or None for a tag, score, is_box)


def import_predictions(
    project: Project,
    fmt: str,
    source: str | Path,
    *,
    name: str = "",
    images_from: str | Path | None = None,
    class_names: list[str] | None = None,
) -> PredictionImport:
    """Read ``source`` and cache its predictions; the import becomes the active model."""
    src = Path(source)
    if fmt not in FORMATS:
        raise PredictionImportError(f"unknown format {fmt!r}; use {', '.join(FORMATS)}")
    if not src.exists():
        raise PredictionImportError(f"{src}: not found")
    if fmt == "coco":
        raw = _coco(src, images_from)
    elif fmt == "yolo":
        raw = _yolo(src, class_names, project)
    else:
        raw = _labelstudio(src)
    digest = hashlib.sha256()
    for item in sorted(raw, key=repr):
        digest.update(repr(item).encode())
    sha = digest.hexdigest()
    names = {n.casefold(): lab.id for lab in project.taxonomy.labels for n in lab.names.values()}
    names |= {lab.id.casefold(): lab.id for lab in project.taxonomy.labels}
    by_name = _images_by_name(project)
    result = PredictionImport(sha)
    per_image: dict[int, list[Prediction]] = {}
    seen_labels: list[str] = []
    for image, label, points, score, is_box in raw:
        rec = by_name.get(PurePosixPath(image.replace("\\", "/")).name.casefold())
        if rec is None:
            rec = by_name.get(PurePosixPath(image).stem.casefold())
        if rec is None or not rec.sha256:
            if image not in result.no_image:
                result.no_image.append(image)
            continue
        label_id = names.get(label.casefold())
        if label_id is None:
            result.unknown_labels[label] = result.unknown_labels.get(label, 0) + 1
            continue
        try:
            pred = _prediction(label_id, points, score, is_box, rec.width or 0, rec.height or 0)
        except LabelerError as exc:
            result.refused.append(f"{image}: {exc}")
            continue
        per_image.setdefault(rec.id, []).append(pred)
        if label_id not in seen_labels:
            seen_labels.append(label_id)
    if not per_image:
        raise PredictionImportError(f"{src}: no prediction fits this project ({result.summary()})")
    task = (
        "classify" if all(p.shape.points == () for v in per_image.values() for p in v) else "detect"
    )
    spec = ModelSpec(task, tuple(seen_labels), name=name or f"imported {src.name}", sha256=sha)
    project.models.expect(spec, "import")
    for image_id, preds in per_image.items():
        rec = project.queue.get(image_id)
        preds.sort(key=lambda p: -p.score)
        project.models.cache(rec.sha256 or "", sha, preds)
        result.images += 1
        result.predictions += len(preds)
    return result


def _prediction(
    label: str,
    points: list[tuple[float, float]] | None,
    score: float,
    is_box: bool,
    width: int,
    height: int,
) -> Prediction:
    if not 0.0 <= score <= 1.0:
        raise PredictionImportError(f"score {score} is not between 0 and 1")
    if points is None:
        return Prediction(Shape.tag(label), score)
    if is_box:
        (x1, y1), (x2, y2) = points
        return Prediction(Shape.box(label, *clip_box(x1, y1, x2, y2, width, height)), score)
    clipped = [(min(max(x, 0.0), width), min(max(y, 0.0), height)) for x, y in points]
    if len(clipped) < 3:
        raise PredictionImportError("a polygon needs at least 3 points")
    return Prediction(Shape.polygon(label, clipped), score)


def _images_by_name(project: Project) -> dict[str, Any]:
    out: dict[str, Any] = {}
    offset = 0
    while True:
        page = project.queue.page("all", offset, 1000)
        if not page:
            return out
        for rec in page:
            name = PurePosixPath(rec.path).name.casefold()
            out.setdefault(name, rec)
            out.setdefault(PurePosixPath(rec.path).stem.casefold(), rec)
        offset += len(page)


def _load_json(path: Path) -> Any:
    if path.stat().st_size > MAX_FILE_BYTES:
        raise PredictionImportError(f"{path}: too large for a predictions file")
    try:
        return json.loads(path.read_text("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise PredictionImportError(f"{path}: not JSON ({exc})") from exc


def _num(v: Any, where: str) -> float:
    if isinstance(v, bool) or not isinstance(v, int | float):
        raise PredictionImportError(f"{where}: {v!r} is not a number")
    return float(v)


def _coco(path: Path, images_from: str | Path | None) -> list[RawPred]:
    doc = _load_json(path)
    if isinstance(doc, list):
        if images_from is None:
            raise PredictionImportError(
                f"{path}: a COCO results list names images by id; give the dataset file"
                " that lists them (--images-from)"
            )
        meta, anns = _load_json(Path(images_from)), doc
    elif isinstance(doc, dict):
        meta, anns = doc, doc.get("annotations", [])
    else:
        raise PredictionImportError(f"{path}: not a COCO file")
    try:
        images = {im["id"]: im["file_name"] for im in meta["images"]}
        cats = {c["id"]: c["name"] for c in meta["categories"]}
    except (KeyError, TypeError) as exc:
        raise PredictionImportError(f"{path}: COCO images or categories malformed ({exc})") from exc
    out: list[RawPred] = []
    for i, a in enumerate(anns):
        where = f"{path}, annotation {i + 1}"
        if not isinstance(a, dict) or a.get("image_id") not in images:
            raise PredictionImportError(f"{where}: names no known image")
        label = cats.get(a.get("category_id"))
        if label is None:
            raise PredictionImportError(f"{where}: names no known category")
        score = _num(a.get("score", 1.0), where)
        seg = a.get("segmentation")
        if isinstance(seg, list) and seg and isinstance(seg[0], list) and len(seg[0]) >= 6:
            flat = [_num(v, where) for v in seg[0]]
            pts = list(zip(flat[0::2], flat[1::2], strict=True))
            out.append((images[a["image_id"]], label, pts, score, False))
        elif isinstance(a.get("bbox"), list) and len(a["bbox"]) == 4:
            x, y, w, h = (_num(v, where) for v in a["bbox"])
            out.append((images[a["image_id"]], label, [(x, y), (x + w, y + h)], score, True))
        else:
            raise PredictionImportError(f"{where}: has neither bbox nor polygon segmentation")
    return out


def _yolo(folder: Path, class_names: list[str] | None, project: Project) -> list[RawPred]:
    if not folder.is_dir():
        raise PredictionImportError(f"{folder}: YOLO predictions are a folder of .txt files")
    names = class_names or _yolo_names(folder)
    by_name = _images_by_name(project)
    out: list[RawPred] = []
    for txt in sorted(folder.rglob("*.txt")):
        if txt.name == "classes.txt":
            continue
        rec = by_name.get(txt.stem.casefold())
        w, h = (rec.width or 0, rec.height or 0) if rec else (0, 0)
        for n, line in enumerate(txt.read_text("utf-8").splitlines(), 1):
            parts = line.split()
            if not parts:
                continue
            where = f"{txt}, line {n}"
            try:
                cls, values = int(parts[0]), [float(v) for v in parts[1:]]
            except ValueError as exc:
                raise PredictionImportError(f"{where}: not numbers ({exc})") from exc
            if not 0 <= cls < len(names):
                raise PredictionImportError(f"{where}: class {cls} is not in the class list")
            if len(values) in (4, 5):
                cx, cy, bw, bh = values[:4]
                score = values[4] if len(values) == 5 else 1.0
                pts = [
                    ((cx - bw / 2) * w, (cy - bh / 2) * h),
                    ((cx + bw / 2) * w, (cy + bh / 2) * h),
                ]
                out.append((txt.stem, names[cls], pts, score, True))
            elif len(values) >= 6:
                score = values[-1] if len(values) % 2 else 1.0
                coords = values[:-1] if len(values) % 2 else values
                pts = [(x * w, y * h) for x, y in zip(coords[0::2], coords[1::2], strict=True)]
                out.append((txt.stem, names[cls], pts, score, False))
            else:
                raise PredictionImportError(f"{where}: expected class cx cy w h [conf]")
    return out


def _yolo_names(folder: Path) -> list[str]:
    for candidate in (folder / "classes.txt", folder.parent / "classes.txt"):
        if candidate.is_file():
            return [ln.strip() for ln in candidate.read_text("utf-8").splitlines() if ln.strip()]
    for candidate in (folder / "data.yaml", folder.parent / "data.yaml"):
        if candidate.is_file():
            names: list[str] = []
            in_names = False
            for ln in candidate.read_text("utf-8").splitlines():
                if ln.strip().startswith("names:"):
                    rest = ln.split(":", 1)[1].strip()
                    if rest.startswith("["):
                        return [n.strip().strip("'\"") for n in rest.strip("[]").split(",")]
                    in_names = True
                elif in_names and ":" in ln and ln.startswith((" ", "\t")):
                    names.append(ln.split(":", 1)[1].strip().strip("'\""))
                elif in_names and ln.strip().startswith("- "):
                    names.append(ln.strip()[2:].strip().strip("'\""))
                elif in_names and ln and not ln.startswith((" ", "\t", "-")):
                    break
            if names:
                return names
    raise PredictionImportError(
        f"{folder}: no classes.txt or data.yaml names the classes; give them (--classes)"
    )


def _labelstudio(path: Path) -> list[RawPred]:
    doc = _load_json(path)
    tasks = doc if isinstance(doc, list) else [doc]
    out: list[RawPred] = []
    for t, task in enumerate(tasks):
        if not isinstance(task, dict):
            raise PredictionImportError(f"{path}, task {t + 1}: not an object")
        image = str((task.get("data") or {}).get("image", ""))
        image = image.split("?d=")[-1].split("/")[-1]
        for p in task.get("predictions") or []:
            if not isinstance(p, dict):
                continue
            overall = p.get("score")
            for r, res in enumerate(p.get("result") or []):
                where = f"{path}, task {t + 1}, result {r + 1}"
                value = res.get("value") or {}
                score = _num(res.get("score", overall if overall is not None else 1.0), where)
                w, h = res.get("original_width"), res.get("original_height")
                kind = res.get("type")
                if kind == "choices":
                    for choice in value.get("choices") or []:
                        out.append((image, str(choice), None, score, False))
                    continue
                if not isinstance(w, int | float) or not isinstance(h, int | float):
                    raise PredictionImportError(f"{where}: no original_width/original_height")
                if kind == "rectanglelabels":
                    x, y = _num(value.get("x"), where), _num(value.get("y"), where)
                    bw, bh = _num(value.get("width"), where), _num(value.get("height"), where)
                    pts = [(x * w / 100, y * h / 100), ((x + bw) * w / 100, (y + bh) * h / 100)]
                    for label in value.get("rectanglelabels") or []:
                        out.append((image, str(label), pts, score, True))
                elif kind == "polygonlabels":
                    pts = [
                        (_num(a, where) * w / 100, _num(b, where) * h / 100)
                        for a, b in value.get("points") or []
                    ]
                    for label in value.get("polygonlabels") or []:
                        out.append((image, str(label), pts, score, False))
    return out
