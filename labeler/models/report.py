"""The model's report card, from the workers' final answers.

Per model and label: how often the model was right (true positives: a suggestion accepted
or edited into the answer), raised a false alarm (false positives: rejected, relabeled or
left unreviewed), or missed an object (false negatives: a shape the worker drew herself, or
the true label of a relabeled suggestion); precision, recall, and the mean IoU between each
accepted box and what the worker submitted (1.0 when taken as is). For classifiers only the
top suggestion counts. Images with any false alarm or miss are the hard examples to train
on next. Headless and shared: the PC (from its store) and the server (from what it
received) feed the same ``FeedbackItem``s to ``report_card``.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from labeler.annotations import ShapeType
from labeler.models.outcomes import ORIGIN
from labeler.quality import geometry

TRUE_POSITIVE = ("accepted", "edited")


@dataclass(frozen=True)
class FeedbackItem:
    """One submitted image: the model's outcomes and the worker's final shapes (as dicts)."""

    model_sha256: str
    image_sha256: str
    image_path: str
    outcomes: list[dict[str, Any]]
    final_shapes: list[dict[str, Any]]
    worker: str = ""


@dataclass
class LabelScore:
    label: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    iou_sum: float = 0.0
    iou_n: int = 0

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def mean_iou(self) -> float | None:
        return self.iou_sum / self.iou_n if self.iou_n else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "right": self.tp,
            "false_alarms": self.fp,
            "missed": self.fn,
            "precision": _r(self.precision),
            "recall": _r(self.recall),
            "mean_iou": _r(self.mean_iou),
        }


@dataclass
class HardExample:
    image_sha256: str
    image_path: str
    false_alarms: int
    missed: int

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class ModelCard:
    model_sha256: str
    images: int = 0
    labels: dict[str, LabelScore] = field(default_factory=dict)
    hard: list[HardExample] = field(default_factory=list)
    outcomes: dict[str, int] = field(default_factory=dict)

    def score(self, label: str) -> LabelScore:
        return self.labels.setdefault(label, LabelScore(label))

    @property
    def total(self) -> LabelScore:
        t = LabelScore("(all)")
        for s in self.labels.values():
            t.tp, t.fp, t.fn = t.tp + s.tp, t.fp + s.fp, t.fn + s.fn
            t.iou_sum, t.iou_n = t.iou_sum + s.iou_sum, t.iou_n + s.iou_n
        return t

    def to_dict(self) -> dict[str, Any]:
        return {
            "model_sha256": self.model_sha256,
            "images": self.images,
            "outcomes": dict(sorted(self.outcomes.items())),
            "total": self.total.to_dict(),
            "labels": [self.labels[k].to_dict() for k in sorted(self.labels)],
            "hard_examples": len(self.hard),
        }


def report_card(items: Iterable[FeedbackItem]) -> dict[str, ModelCard]:
    """Cards by model SHA-256, from every submitted image that had suggestions."""
    cards: dict[str, ModelCard] = {}
    for item in items:
        card = cards.setdefault(item.model_sha256, ModelCard(item.model_sha256))
        card.images += 1
        fp, fn = _score_image(card, item)
        if fp or fn:
            card.hard.append(HardExample(item.image_sha256, item.image_path, fp, fn))
    for card in cards.values():
        card.hard.sort(key=lambda h: (-(h.false_alarms + h.missed), h.image_path))
    return cards


def _score_image(card: ModelCard, item: FeedbackItem) -> tuple[int, int]:
    fp = fn = 0
    tags = [o for o in item.outcomes if o.get("type") == ShapeType.TAG]
    outcomes = [o for o in item.outcomes if o.get("type") != ShapeType.TAG]
    if tags:  # a classifier: its top suggestion is its answer
        top = max(tags, key=lambda o: o.get("score", 0.0))
        chosen = {s["label"] for s in item.final_shapes if s.get("type") == ShapeType.TAG}
        card.outcomes[top.get("outcome", "?")] = card.outcomes.get(top.get("outcome", "?"), 0) + 1
        if top["label"] in chosen:
            card.score(top["label"]).tp += 1
        else:
            card.score(top["label"]).fp += 1
            fp += 1
        for label in chosen - {top["label"]}:
            card.score(label).fn += 1
            fn += 1
        return fp, fn
    for o in outcomes:
        kind = o.get("outcome", "?")
        card.outcomes[kind] = card.outcomes.get(kind, 0) + 1
        score = card.score(o["label"])
        final = _final(item, o.get("shape"))
        if kind in TRUE_POSITIVE and final is not None and final.get("label") == o["label"]:
            score.tp += 1
            score.iou_n += 1
            score.iou_sum += box_iou(o.get("points"), final.get("points"))
        else:
            score.fp += 1
            fp += 1
            if final is not None:  # relabeled: the object was there under another label
                card.score(final["label"]).fn += 1
                fn += 1
    for s in item.final_shapes:
        if s.get("type") != ShapeType.TAG and (s.get("attrs") or {}).get(ORIGIN) is None:
            card.score(s["label"]).fn += 1
            fn += 1
    return fp, fn


def _final(item: FeedbackItem, index: Any) -> dict[str, Any] | None:
    if isinstance(index, int) and 0 <= index < len(item.final_shapes):
        return item.final_shapes[index]
    return None


def box_iou(a: Any, b: Any) -> float:
    """IoU of the boxes around two shapes' points (polygons by their boxes)."""
    return geometry.box_iou(geometry.bounds(a), geometry.bounds(b)) if a and b else 0.0


def _r(v: float | None) -> float | None:
    return None if v is None else round(v, 3)


def render(cards: dict[str, ModelCard], names: dict[str, str] | None = None) -> str:
    """The report card as text for a terminal."""
    lines: list[str] = []
    for sha, card in cards.items():
        name = (names or {}).get(sha) or sha[:12]
        lines.append(f"model {name}: {card.images} images, {len(card.hard)} hard examples")
        lines.append(
            f"  {'label':<20} {'right':>6} {'false alarm':>12} {'missed':>7}"
            f" {'precision':>10} {'recall':>7} {'mean IoU':>9}"
        )
        for s in [*(card.labels[k] for k in sorted(card.labels)), card.total]:
            lines.append(
                f"  {s.label:<20} {s.tp:>6} {s.fp:>12} {s.fn:>7} {_pct(s.precision):>10}"
                f" {_pct(s.recall):>7} {_f(s.mean_iou):>9}"
            )
    return "\n".join(lines) if lines else "no submitted image had model suggestions yet"


def _pct(v: float | None) -> str:
    return "—" if v is None else f"{v:.0%}"


def _f(v: float | None) -> str:
    return "—" if v is None else f"{v:.2f}"


def hard_examples_csv(cards: dict[str, ModelCard]) -> str:
    """The images where a model was wrong, worst first: the training set's next batch."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["model_sha256", "image_path", "image_sha256", "false_alarms", "missed"])
    for sha, card in cards.items():
        for h in card.hard:
            w.writerow([sha, h.image_path, h.image_sha256, h.false_alarms, h.missed])
    return out.getvalue()


def project_items(project: Any) -> list[FeedbackItem]:
    """The ``FeedbackItem``s of a project's own store (the PC, the supervisor station)."""
    rows = project.store.query(
        "SELECT f.model_sha256, f.image_sha256, s.image_path, f.outcomes, s.shapes, f.worker"
        " FROM feedback f JOIN submissions s ON s.uuid = f.submission_uuid"
        " ORDER BY f.created_at, f.rowid"
    )
    return _items(rows)


def station_items(project: Any) -> list[FeedbackItem]:
    """The centre's ``FeedbackItem``s at a supervisor station: the PCs' feedback as collected
    (``collected_feedback``) with the work it was about (``collected``), then the station's
    own (``project_items``)."""
    rows = project.store.query(
        "SELECT f.model_sha256, f.image_sha256, c.image_path, f.outcomes, c.shapes, f.worker"
        " FROM collected_feedback f JOIN collected c ON c.uuid = f.submission_uuid"
        " ORDER BY f.created_at, f.rowid"
    )
    return _items(rows) + project_items(project)


def _items(rows: list[dict[str, Any]]) -> list[FeedbackItem]:
    return [
        FeedbackItem(
            r["model_sha256"],
            r["image_sha256"],
            r["image_path"],
            json.loads(r["outcomes"]),
            json.loads(r["shapes"]),
            r["worker"],
        )
        for r in rows
    ]
