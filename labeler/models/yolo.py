"""YOLO export outputs → suggestions in image pixels.

Layouts understood (``nc`` classes, ``nm`` mask coefficients when a second output holds
the mask prototypes ``(1, nm, mh, mw)``):

- Ultralytics YOLOv8/v11 (``yolo export format=onnx``): ``(1, 4 + nc [+ nm], N)``, boxes
  as centre x, centre y, width, height in network pixels, class scores already sigmoid.
- The same, not transposed: ``(1, N, 4 + nc [+ nm])``.
- YOLOv5 / YOLOv7: ``(1, N, 5 + nc [+ nm])`` with an objectness score before the classes.

Scores below the threshold are dropped, then non-maximum suppression per class keeps the
best of overlapping boxes; each kept box (or mask polygon) is mapped back through the
letterbox to the full-size image and clipped to it.
"""

from __future__ import annotations

import numpy as np

from labeler.annotations import MIN_BOX_SIDE, Shape
from labeler.errors import ModelFileError
from labeler.models.masks import mask_to_polygon, valid_polygon
from labeler.models.predictions import Prediction, clip_box
from labeler.models.preprocess import Letterbox
from labeler.models.spec import ModelSpec

MASK_THRESHOLD = 0.5


def rows_of(output: np.ndarray, nc: int, nm: int) -> tuple[np.ndarray, bool]:
    """(N, 4 + nc + nm) rows with class scores (objectness folded in), and whether the
    layout had objectness. ``ModelFileError`` if the shape fits no known layout."""
    out = np.asarray(output, dtype=np.float32)
    if out.ndim == 3 and out.shape[0] == 1:
        out = out[0]
    if out.ndim != 2:
        raise ModelFileError(
            f"the detector's output has shape {tuple(output.shape)}; a YOLO export gives"
            f" (1, {4 + nc + nm}, N)"
        )
    if out.shape[0] == 4 + nc + nm and out.shape[1] != 4 + nc + nm:
        return np.ascontiguousarray(out.T), False
    if out.shape[1] == 4 + nc + nm:
        return out, False
    if out.shape[1] == 5 + nc + nm:
        scores = out[:, 5 : 5 + nc] * out[:, 4:5]
        return np.concatenate([out[:, :4], scores, out[:, 5 + nc :]], axis=1), True
    raise ModelFileError(
        f"the detector's output has shape {tuple(output.shape)}, which fits neither"
        f" (1, {4 + nc + nm}, N) nor (1, N, {5 + nc + nm}) for {nc} classes: check the"
        " model's class list"
    )


def nms(boxes: np.ndarray, scores: np.ndarray, iou_threshold: float, limit: int) -> np.ndarray:
    """Indexes of the boxes kept by greedy non-maximum suppression, best first."""
    order = np.argsort(-scores, kind="stable")
    x1, y1, x2, y2 = boxes.T
    areas = np.clip(x2 - x1, 0, None) * np.clip(y2 - y1, 0, None)
    keep: list[int] = []
    while order.size and len(keep) < limit:
        i = int(order[0])
        keep.append(i)
        rest = order[1:]
        w = np.clip(np.minimum(x2[i], x2[rest]) - np.maximum(x1[i], x1[rest]), 0, None)
        h = np.clip(np.minimum(y2[i], y2[rest]) - np.maximum(y1[i], y1[rest]), 0, None)
        inter = w * h
        iou = inter / np.maximum(areas[i] + areas[rest] - inter, 1e-9)
        order = rest[iou <= iou_threshold]
    return np.asarray(keep, dtype=np.int64)


def decode(
    outputs: list[np.ndarray], spec: ModelSpec, box: Letterbox, want_polygons: bool = True
) -> list[Prediction]:
    """Suggestions from a detector's raw outputs, best score first."""
    nc = len(spec.classes)
    protos = outputs[1] if len(outputs) > 1 and np.asarray(outputs[1]).ndim == 4 else None
    nm = int(protos.shape[1]) if protos is not None else 0
    rows, _ = rows_of(outputs[0], nc, nm)
    scores_all = rows[:, 4 : 4 + nc]
    cls = scores_all.argmax(axis=1)
    score = scores_all[np.arange(len(rows)), cls]
    mapped = np.array([c is not None for c in spec.classes])
    sel = (score >= spec.score_threshold) & mapped[cls] & np.isfinite(rows[:, :4]).all(axis=1)
    rows, cls, score = rows[sel], cls[sel], score[sel]
    if not len(rows):
        return []
    cx, cy, w, h = rows[:, 0], rows[:, 1], rows[:, 2], rows[:, 3]
    xyxy = np.stack([cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2], axis=1)
    offset = cls[:, None].astype(np.float32) * (4.0 * max(spec.input_size))  # per-class NMS
    keep = nms(xyxy + offset, score, spec.iou_threshold, spec.max_detections)
    out: list[Prediction] = []
    for i in keep:
        label = spec.classes[int(cls[i])]
        assert label is not None
        x1, y1 = box.to_image(float(xyxy[i, 0]), float(xyxy[i, 1]))
        x2, y2 = box.to_image(float(xyxy[i, 2]), float(xyxy[i, 3]))
        x1, y1, x2, y2 = clip_box(x1, y1, x2, y2, box.width, box.height)
        if x2 - x1 < MIN_BOX_SIDE or y2 - y1 < MIN_BOX_SIDE:
            continue
        shape = Shape.box(label, x1, y1, x2, y2)
        if protos is not None and want_polygons:
            poly = _mask_polygon(rows[i, 4 + nc :], protos[0], xyxy[i], spec, box, label)
            shape = poly or shape
        out.append(Prediction(shape, float(score[i])))
    return out


def _mask_polygon(
    coef: np.ndarray,
    protos: np.ndarray,
    xyxy: np.ndarray,
    spec: ModelSpec,
    box: Letterbox,
    label: str,
) -> Shape | None:
    """The detection's mask (coefficients × prototypes, cropped to its box) as a polygon."""
    nm, mh, mw = protos.shape
    sx, sy = mw / spec.input_size[0], mh / spec.input_size[1]
    x1 = max(int(np.floor(xyxy[0] * sx)), 0)
    y1 = max(int(np.floor(xyxy[1] * sy)), 0)
    x2 = min(int(np.ceil(xyxy[2] * sx)), mw)
    y2 = min(int(np.ceil(xyxy[3] * sy)), mh)
    if x2 - x1 < 2 or y2 - y1 < 2:
        return None
    crop = protos[:, y1:y2, x1:x2].reshape(nm, -1)
    logits = (coef.astype(np.float32) @ crop).reshape(y2 - y1, x2 - x1)
    mask = logits > 0.0  # sigmoid(x) > 0.5
    ring = mask_to_polygon(mask)
    if not ring:
        return None
    pts = []
    for mx, my in ring:
        nx, ny = (mx + x1) / sx, (my + y1) / sy
        ix, iy = box.to_image(nx, ny)
        pts.append((min(max(ix, 0.0), box.width), min(max(iy, 0.0), box.height)))
    # clipping to the image can fold a ring onto an edge: check again
    return Shape.polygon(label, pts) if valid_polygon(pts) else None


def classify(output: np.ndarray, spec: ModelSpec) -> list[Prediction]:
    """The top ``spec.top_k`` mapped labels at or above the threshold, as image tags."""
    out = np.asarray(output, dtype=np.float64).reshape(-1)
    if out.size != len(spec.classes):
        raise ModelFileError(
            f"the classifier gives {out.size} scores but the settings name"
            f" {len(spec.classes)} classes: check the model's class list"
        )
    if not np.isfinite(out).all():
        return []
    if out.min() < 0 or out.max() > 1 or abs(out.sum() - 1.0) > 1e-3:
        e = np.exp(out - out.max())  # logits: softmax
        out = e / e.sum()
    preds: list[Prediction] = []
    for i in np.argsort(-out, kind="stable"):
        label = spec.classes[int(i)]
        if label is None:
            continue
        if out[i] < spec.score_threshold or len(preds) >= spec.top_k:
            break
        preds.append(Prediction(Shape.tag(label), float(out[i])))
    return preds
