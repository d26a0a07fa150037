"""Whole records: a submission or a proposal as it travels (``to_dict()`` shape)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from labeler.annotations import AnnotationKind, ShapeType
from labeler.errors import GeometryError, InvalidRecord
from labeler.validation.fields import (
    MAX_IMAGE_SIDE,
    MAX_INT32,
    MAX_SHAPES,
    MAX_TEXT,
    finite,
    relative_path,
    sha256_hex,
    source_name,
    text,
    timestamp,
    uuid_text,
    whole,
)
from labeler.validation.shapes import check_shape, check_shapes, in_normal_form, shape_from_dict


# ---------------------------------------------------------------- records
@dataclass(frozen=True)
class RecordRules:
    """What a door knows about the project a record is for.

    ``labels_at(version)`` gives the label ids of a taxonomy version (retired ones included:
    old work keeps its meaning), or ``None`` when the project has no such version; without
    ``labels_at`` any version and label pass (an export of stored work names unknown labels
    by their id). ``kind`` is the project's annotation kind (``None``: any shape type).
    """

    labels_at: Callable[[int], frozenset[str] | None] | None = None
    kind: AnnotationKind | None = None

    def labels(self, version: Any) -> frozenset[str] | None:
        whole(version, "taxonomy_version", 1, MAX_INT32)
        if self.labels_at is None:
            return None
        labels = self.labels_at(version)
        if labels is None:
            raise InvalidRecord(f"taxonomy_version {version} does not exist in this project")
        return labels


def check_submission(
    rec: Any, rules: RecordRules, *, shapes_checked: bool = False
) -> dict[str, Any]:
    """A ``Submission.to_dict()``-shaped record, checked field by field and normalised.

    Raises ``InvalidRecord`` (or its ``GeometryError`` / ``AnnotationKindError``) naming the
    first problem. Unknown fields are refused: a record must mean exactly what it says.
    ``shapes_checked``: the caller made the shapes with ``check_shapes`` for this record's
    size, kind and taxonomy version (the app's submit does), so they are not checked twice.
    """
    if type(rec) is not dict and not isinstance(rec, Mapping):
        raise InvalidRecord("a submission must be an object")
    if not rec.keys() <= _SUBMISSION_FIELDS:
        extra = set(rec) - _SUBMISSION_FIELDS
        raise InvalidRecord(f"unknown fields {', '.join(sorted(map(str, extra)))}")
    width = whole(rec.get("width"), "width", 1, MAX_IMAGE_SIDE)
    height = whole(rec.get("height"), "height", 1, MAX_IMAGE_SIDE)
    labels = rules.labels(rec.get("taxonomy_version"))
    raw = rec.get("shapes")
    if not isinstance(raw, list):
        raise InvalidRecord("shapes must be a list")
    if len(raw) > MAX_SHAPES:
        raise InvalidRecord(f"an image holds at most {MAX_SHAPES:,} shapes, not {len(raw):,}")
    if shapes_checked or in_normal_form(raw, width, height, rules.kind, labels):
        shapes = raw  # what the full check below would give back: the usual case, far cheaper
    else:
        checked = check_shapes(
            [shape_from_dict(d, f"shape {i + 1}") for i, d in enumerate(raw)],
            width,
            height,
            rules.kind,
            labels,
        )
        shapes = [s.to_dict() for s in checked]
    return {
        "uuid": uuid_text(rec.get("uuid")),
        "image_sha256": sha256_hex(rec.get("image_sha256")),
        "image_path": relative_path(rec.get("image_path")),
        "width": width,
        "height": height,
        "shapes": shapes,
        "taxonomy_version": rec["taxonomy_version"],
        "worker": text(rec.get("worker"), "worker"),
        "device_id": text(rec.get("device_id"), "device_id"),
        "started_at": timestamp(rec.get("started_at"), "started_at", optional=True),
        "submitted_at": timestamp(rec.get("submitted_at"), "submitted_at"),
        "duration_ms": None
        if rec.get("duration_ms") is None
        else whole(rec["duration_ms"], "duration_ms", 0, MAX_INT32),
        "revision": whole(rec.get("revision"), "revision", 1, MAX_INT32),
        "supersedes": uuid_text(rec.get("supersedes"), "supersedes", optional=True),
        "source": source_name(rec.get("source")),
    }


def check_proposal(rec: Any, rules: RecordRules) -> dict[str, Any]:
    """A ``Proposal.to_dict()``-shaped record ("none of these fit"), checked and normalised.

    A proposal names no image size, so its region is only held within ``MAX_IMAGE_SIDE``.
    Its picture (``crop``, optional) is left out of what this returns: a reader checks it
    apart with ``labeler.crops.check_crop``, since a bad picture is dropped, never the
    proposal with it.
    """
    if not isinstance(rec, Mapping):
        raise InvalidRecord("a proposal must be an object")
    extra = set(rec) - _PROPOSAL_FIELDS
    if extra:
        raise InvalidRecord(f"unknown fields {', '.join(sorted(map(str, extra)))}")
    rules.labels(rec.get("taxonomy_version"))
    region = rec.get("region")
    if region is not None:
        shape = shape_from_dict(region, "region")
        if shape.type is ShapeType.TAG:
            raise GeometryError("region must be a shape with geometry, not a tag")
        region = check_shape(shape, None, None, "region").to_dict()
    return {
        "uuid": uuid_text(rec.get("uuid")),
        "image_sha256": sha256_hex(rec.get("image_sha256")),
        "image_path": relative_path(rec.get("image_path")),
        "name": text(rec.get("name"), "name"),
        "reason": text(rec.get("reason"), "reason", MAX_TEXT, one_line=False),
        "region": region,
        "taxonomy_version": rec["taxonomy_version"],
        "worker": text(rec.get("worker"), "worker"),
        "device_id": text(rec.get("device_id"), "device_id"),
        "created_at": timestamp(rec.get("created_at"), "created_at"),
    }


def check_feedback(rec: Any, labels: frozenset[str] | None) -> dict[str, Any]:
    """A model feedback record (``labeler.models.outcomes.Feedback.to_dict()``, issue 15):
    what the worker did with each suggestion. ``labels``: every label id the project ever had
    (``None``: not checked). Each suggestion's geometry is held within ``MAX_IMAGE_SIDE``
    (the record names no image size); its score is 0..1; its ``shape`` indexes the
    submission's shapes or is null."""
    from labeler.models.outcomes import OUTCOMES

    if not isinstance(rec, Mapping):
        raise InvalidRecord("a feedback record must be an object")
    extra = set(rec) - _FEEDBACK_FIELDS
    if extra:
        raise InvalidRecord(f"unknown fields {', '.join(sorted(map(str, extra)))}")
    raw = rec.get("outcomes")
    if not isinstance(raw, list) or len(raw) > MAX_SHAPES:
        raise InvalidRecord(f"outcomes must be a list of at most {MAX_SHAPES:,}")
    outcomes = []
    for i, o in enumerate(raw):
        where = f"suggestion {i + 1}"
        if not isinstance(o, Mapping):
            raise InvalidRecord(f"{where} must be an object")
        if set(o) - {"type", "label", "points", "score", "outcome", "shape"}:
            raise InvalidRecord(f"{where} has unknown fields")
        shape = shape_from_dict({k: o[k] for k in ("type", "label", "points") if k in o}, where)
        shape = check_shape(shape, None, None, where)
        if labels is not None and shape.label not in labels:
            raise InvalidRecord(f"{where}: label {shape.label!r} is not in the project's taxonomy")
        score = finite(o.get("score"), f"{where} score")
        if not 0.0 <= score <= 1.0:
            raise InvalidRecord(f"{where}: score must be between 0 and 1")
        if o.get("outcome") not in OUTCOMES:
            raise InvalidRecord(f"{where}: outcome must be one of {', '.join(OUTCOMES)}")
        index = o.get("shape")
        if index is not None:
            whole(index, f"{where} shape", 0, MAX_SHAPES)
        outcomes.append(shape.to_dict() | {"score": score, "outcome": o["outcome"], "shape": index})
    return {
        "uuid": uuid_text(rec.get("uuid")),
        "submission_uuid": uuid_text(rec.get("submission_uuid"), "submission_uuid"),
        "image_sha256": sha256_hex(rec.get("image_sha256")),
        "model_sha256": sha256_hex(rec.get("model_sha256"), "model_sha256"),
        "outcomes": outcomes,
        "worker": text(rec.get("worker"), "worker"),
        "device_id": text(rec.get("device_id"), "device_id"),
        "created_at": timestamp(rec.get("created_at"), "created_at"),
    }


_FEEDBACK_FIELDS = frozenset(
    [
        "uuid",
        "submission_uuid",
        "image_sha256",
        "model_sha256",
        "outcomes",
        "worker",
        "device_id",
        "created_at",
    ]
)

_SUBMISSION_FIELDS = frozenset(
    [
        "uuid",
        "image_sha256",
        "image_path",
        "width",
        "height",
        "shapes",
        "taxonomy_version",
        "worker",
        "device_id",
        "started_at",
        "submitted_at",
        "duration_ms",
        "revision",
        "supersedes",
        "source",
    ]
)
_PROPOSAL_FIELDS = frozenset(
    [
        "uuid",
        "image_sha256",
        "image_path",
        "name",
        "reason",
        "region",
        "taxonomy_version",
        "worker",
        "device_id",
        "created_at",
        "crop",
    ]
)
