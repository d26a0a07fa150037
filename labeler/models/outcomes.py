"""The record of who decided: each submitted shape's origin, and each suggestion's fate.

The contract (``sync/PROTOCOL.md``, "Model feedback"):

- A submitted shape made from a suggestion carries ``attrs["origin"]``: ``"accepted"`` (taken
  as is) or ``"edited"`` (moved, reshaped or relabeled), with ``attrs["score"]``. A shape
  without ``origin`` was drawn by the worker (the default costs no bytes on the wire).
- One ``Feedback`` record per submission made with suggestions lists every suggestion with
  its outcome: ``accepted``, ``edited``, ``relabeled``, ``rejected`` (the worker said no) or
  ``unreviewed`` (submitted without deciding; nothing predicted is submitted unless
  accepted), and ``shape``: the index of the submitted shape it became, or ``None``.

While the worker works, a shape made from suggestion ``i`` carries ``attrs["suggestion"] =
i``; ``finish`` turns that into the origin above and drops the working key.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from labeler import annotations as ann
from labeler import validation
from labeler.annotations import Shape, ShapeType
from labeler.models.predictions import Prediction
from labeler.store import new_uuid, now

if TYPE_CHECKING:
    from labeler.project import Project
    from labeler.work import Submission

ORIGIN = "origin"
WORKING_KEY = "suggestion"
OUTCOMES = ("accepted", "edited", "relabeled", "rejected", "unreviewed")


@dataclass(frozen=True)
class Feedback:
    """What the worker did with one image's suggestions (immutable; travels in bundles)."""

    uuid: str
    submission_uuid: str
    image_sha256: str
    model_sha256: str
    outcomes: tuple[dict[str, Any], ...]
    worker: str
    device_id: str
    created_at: str

    def to_dict(self) -> dict[str, Any]:
        d = {k: getattr(self, k) for k in self.__dataclass_fields__}
        d["outcomes"] = [dict(o) for o in self.outcomes]
        return d

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Feedback:
        fields = {k: row[k] for k in cls.__dataclass_fields__ if k != "outcomes"}
        return cls(outcomes=tuple(json.loads(row["outcomes"])), **fields)


def from_suggestion(pred: Prediction, index: int) -> Shape:
    """The worker's shape for an accepted suggestion, linked to it while she works."""
    s = pred.shape
    return Shape(s.type, s.label, s.points, {WORKING_KEY: index})


def finish(
    predictions: list[Prediction], shapes: list[Shape], rejected: set[int] | frozenset[int]
) -> tuple[list[Shape], list[dict[str, Any]]]:
    """(shapes to submit with their origin, one outcome per suggestion).

    A shape still linked to suggestion ``i`` is ``accepted`` if its geometry and label are
    the suggestion's, ``relabeled`` if only the label changed, else ``edited``; an image label
    the model suggested too counts as that suggestion accepted. A suggestion
    the worker turned down is ``rejected``; one she never decided on is ``unreviewed``."""
    out_shapes: list[Shape] = []
    became: dict[int, tuple[int, str]] = {}
    tag_of = {p.label: i for i, p in enumerate(predictions) if p.shape.type is ShapeType.TAG}
    for k, s in enumerate(shapes):
        attrs = dict(s.attrs)
        i = attrs.pop(WORKING_KEY, None)
        if i is None and s.type is ShapeType.TAG:  # an image label the model suggested too
            i = tag_of.get(s.label)
        if isinstance(i, int) and 0 <= i < len(predictions) and i not in became:
            pred = predictions[i]
            same_geometry = _close(s.points, pred.shape.points) and s.type == pred.shape.type
            if same_geometry and s.label == pred.label:
                outcome = "accepted"
            elif same_geometry:
                outcome = "relabeled"
            else:
                outcome = "edited"
            became[i] = (k, outcome)
            attrs[ORIGIN] = "accepted" if outcome == "accepted" else "edited"
            attrs["score"] = round(pred.score, 3)
        else:
            attrs.pop(ORIGIN, None)
            attrs.pop("score", None)
        out_shapes.append(Shape(s.type, s.label, s.points, attrs))
    outcomes = []
    for i, pred in enumerate(predictions):
        d = pred.to_dict()
        if i in became:
            d["shape"], d["outcome"] = became[i]
        else:
            d["shape"] = None
            d["outcome"] = "rejected" if i in rejected else "unreviewed"
        outcomes.append(d)
    return out_shapes, outcomes


def _close(a: tuple[tuple[float, float], ...], b: tuple[tuple[float, float], ...]) -> bool:
    return len(a) == len(b) and all(
        abs(x1 - x2) <= 0.05 and abs(y1 - y2) <= 0.05
        for (x1, y1), (x2, y2) in zip(a, b, strict=True)
    )


def submit_with_suggestions(
    project: Project,
    image_id: int,
    shapes: list[Shape],
    worker: str,
    *,
    model_sha256: str | None,
    predictions: list[Prediction],
    rejected: set[int] | frozenset[int] = frozenset(),
    **submit_kw: Any,
) -> tuple[Submission, Feedback | None]:
    """Submit ``shapes`` and, if suggestions were shown, the feedback record, in one
    transaction: either both are on disk or neither."""
    final, outcomes = finish(predictions, shapes, rejected)
    with project.store.write() as db:
        sub = project.work.submit(image_id, final, worker, **submit_kw)
        if not predictions or not model_sha256:
            return sub, None
        fb = Feedback(
            uuid=new_uuid(),
            submission_uuid=sub.uuid,
            image_sha256=sub.image_sha256,
            model_sha256=model_sha256,
            outcomes=tuple(outcomes),
            worker=worker,
            device_id=sub.device_id,
            created_at=now(),
        )
        labels = frozenset(lab.id for lab in project.taxonomy.labels)
        row = validation.check_feedback(fb.to_dict(), labels)  # the same check as every door
        row["outcomes"] = json.dumps(row["outcomes"], separators=(",", ":"))
        db.execute(
            f"INSERT INTO feedback ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
            tuple(row.values()),
        )
    return sub, fb


def feedback_records(project: Project) -> list[Feedback]:
    rows = project.store.query("SELECT * FROM feedback ORDER BY created_at, rowid")
    return [Feedback.from_row(r) for r in rows]


def save_rejections(
    project: Project,
    image_id: int,
    model_sha256: str,
    indexes: set[int] | frozenset[int],
    shapes: list[Shape],
    worker: str | None = None,
) -> None:
    """Keep which suggestions of ``model_sha256`` the worker rejected on an image in
    progress, with its draft (``shapes`` start the draft if there is none yet), so a restart
    before submit does not lose them; they go with the draft on submit or discard."""
    stamp = now()
    text = json.dumps({"model": model_sha256, "indexes": sorted(int(i) for i in indexes)})
    with project.store.write() as db:
        db.execute(
            "INSERT INTO drafts (image_id, worker, shapes, started_at, updated_at, rejected)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(image_id) DO UPDATE SET"
            " rejected = excluded.rejected, updated_at = excluded.updated_at",
            (image_id, worker, ann.dumps(shapes), stamp, stamp, text),
        )
        db.execute(
            "UPDATE images SET status = 'in_progress' WHERE id = ? AND status = 'todo'",
            (image_id,),
        )


def rejections(project: Project, image_id: int, model_sha256: str) -> set[int]:
    """The suggestions of ``model_sha256`` rejected on the image's draft (none without one)."""
    text = project.store.scalar("SELECT rejected FROM drafts WHERE image_id = ?", (image_id,))
    if not text:
        return set()
    try:
        data = json.loads(text)
        if data.get("model") != model_sha256:
            return set()
        return {int(i) for i in data.get("indexes", [])}
    except (ValueError, TypeError, AttributeError):  # unreadable: nothing kept
        return set()
