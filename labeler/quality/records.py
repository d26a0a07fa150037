"""The quality records: reviews, gold answers, gold scores and agreements.

Like submissions they are immutable, attributed (who, on which device, when) and travel in
the station's bundles (``sync/PROTOCOL.md``, "Quality records"). ``to_dict`` is the wire form;
``from_dict`` checks a record from anywhere (a bundle, a drive) and raises ``RecordError``
with a reason a person can read, so a wrong record is refused, never stored.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, fields
from typing import Any, ClassVar

from labeler.annotations import Shape
from labeler.errors import InvalidRecord, LabelerError
from labeler.validation import fields as v


class RecordError(InvalidRecord):
    """A quality record is malformed; the message names the field (the checks of
    ``labeler.validation``, which every door uses, plus the rules of quality records)."""


class SelfReviewError(LabelerError):
    """A supervisor tried to review her own work."""


REASONS: tuple[str, ...] = ("wrong_label", "missed_object", "loose_box", "not_labelable", "other")
"""Reason codes of a rejection, in the order of their keys (1-5) at the station."""

DECISIONS = ("accept", "reject", "correct")
ORIGINS = ("spot", "flagged", "proposed", "overlap", "gold", "chosen")
"""Why an image was in the review queue: the spot-check sample, the worker flagged or
proposed a label, two workers disagreed, a gold image failed, or the supervisor chose it."""


def _checked(check: Any, *args: Any, **kw: Any) -> Any:
    try:
        return check(*args, **kw)
    except InvalidRecord as exc:
        raise RecordError(str(exc)) from None


def _text(d: dict, key: str, *, optional: bool = False, limit: int = v.MAX_NAME) -> Any:
    return _checked(v.text, d.get(key), key, limit, optional=optional, one_line=limit <= 400)


def _uuid(d: dict, key: str, *, optional: bool = False) -> Any:
    return _checked(v.uuid_text, d.get(key), key, optional=optional)


def _sha(d: dict, key: str = "image_sha256") -> str:
    return _checked(v.sha256_hex, d.get(key), key)


def _time(d: dict, key: str) -> str:
    return _checked(v.timestamp, d.get(key), key)


def _path(d: dict, key: str = "image_path") -> str:
    return _checked(v.relative_path, d.get(key), key)


def _int(d: dict, key: str, *, optional: bool = False) -> Any:
    value = d.get(key)
    if value is None and optional:
        return None
    return _checked(v.whole, value, key)


def _num(d: dict, key: str, *, optional: bool = False, high: float = 1.0) -> Any:
    value = d.get(key)
    if value is None and optional:
        return None
    if (
        not isinstance(value, int | float)
        or isinstance(value, bool)
        or not math.isfinite(value)
        or not 0.0 <= value <= high
    ):
        raise RecordError(f"field {key!r} must be a number from 0 to {high:g}")
    return float(value)


def _shapes(d: dict, key: str) -> tuple[Shape, ...]:
    value = d.get(key)
    if not isinstance(value, list) or len(value) > 10_000:
        raise RecordError(f"field {key!r} must be a list of shapes")
    try:
        return tuple(Shape.from_dict(s) for s in value)
    except (LabelerError, AttributeError) as exc:
        raise RecordError(f"field {key!r}: {exc}") from None


class _Record:
    KIND: ClassVar[str]

    def to_dict(self) -> dict[str, Any]:
        d = {f.name: getattr(self, f.name) for f in fields(self)}  # type: ignore[arg-type]
        for k, value in d.items():
            if isinstance(value, tuple) and value and isinstance(value[0], Shape):
                d[k] = [s.to_dict() for s in value]
            elif isinstance(value, tuple):
                d[k] = list(value)
        return d

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True)
class Review(_Record):
    """A supervisor's decision on one revision of one image's work."""

    KIND: ClassVar[str] = "review"
    uuid: str
    image_sha256: str
    image_path: str
    submission_uuid: str  # the revision reviewed
    revision: int
    worker: str  # who made the reviewed work
    worker_device_id: str
    reviewer: str
    device_id: str  # the station
    decision: str  # accept | reject | correct
    reason: str | None  # a REASONS code, for reject (and optionally correct)
    note: str | None
    correction_uuid: str | None  # the supervisor's new revision, for correct
    origin: str  # an ORIGINS value
    reviewed_at: str
    duration_ms: int | None

    @classmethod
    def from_dict(cls, d: Any) -> Review:
        if not isinstance(d, dict):
            raise RecordError("a review is not an object")
        decision = d.get("decision")
        if decision not in DECISIONS:
            raise RecordError(f"decision {decision!r} is not one of {', '.join(DECISIONS)}")
        reason = d.get("reason")
        if reason is not None and reason not in REASONS:
            raise RecordError(f"reason {reason!r} is not one of {', '.join(REASONS)}")
        if decision == "reject" and reason is None:
            raise RecordError("a rejection needs a reason code")
        note = _text(d, "note", optional=True, limit=2000)
        if reason == "other" and not note:
            raise RecordError("the reason 'other' needs a note")
        correction = _uuid(d, "correction_uuid", optional=True)
        if (decision == "correct") != (correction is not None):
            raise RecordError("a correction (and only a correction) names its new revision")
        origin = d.get("origin")
        if origin not in ORIGINS:
            raise RecordError(f"origin {origin!r} is not one of {', '.join(ORIGINS)}")
        reviewer, worker = _text(d, "reviewer"), _text(d, "worker")
        if reviewer == worker:
            raise RecordError("a worker never reviews her own work")
        revision = _int(d, "revision")
        if revision < 1 and not (revision == 0 and origin == "flagged"):
            # revision 0: the review of a flag on an image with no work yet
            # (``submission_uuid`` names the flag)
            raise RecordError("field 'revision' must be 1 or more")
        return cls(
            uuid=_uuid(d, "uuid"),
            image_sha256=_sha(d),
            image_path=_path(d),
            submission_uuid=_uuid(d, "submission_uuid"),
            revision=revision,
            worker=worker,
            worker_device_id=_text(d, "worker_device_id"),
            reviewer=reviewer,
            device_id=_text(d, "device_id"),
            decision=decision,
            reason=reason,
            note=note,
            correction_uuid=correction,
            origin=origin,
            reviewed_at=_time(d, "reviewed_at"),
            duration_ms=_int(d, "duration_ms", optional=True),
        )


@dataclass(frozen=True)
class GoldAnswer(_Record):
    """A reference image and its answer."""

    KIND: ClassVar[str] = "gold"
    uuid: str
    image_sha256: str
    image_path: str
    width: int
    height: int
    shapes: tuple[Shape, ...]
    source: str  # "server" or "centre:<file name>"
    created_by: str
    device_id: str
    created_at: str

    @classmethod
    def from_dict(cls, d: Any) -> GoldAnswer:
        if not isinstance(d, dict):
            raise RecordError("a gold answer is not an object")
        return cls(
            uuid=_uuid(d, "uuid"),
            image_sha256=_sha(d),
            image_path=_path(d),
            width=_int(d, "width"),
            height=_int(d, "height"),
            shapes=_shapes(d, "shapes"),
            source=_text(d, "source", limit=400),
            created_by=_text(d, "created_by"),
            device_id=_text(d, "device_id"),
            created_at=_time(d, "created_at"),
        )


@dataclass(frozen=True)
class GoldScore(_Record):
    """How one submission on a gold image scored (``gold.score``)."""

    KIND: ClassVar[str] = "gold_score"
    uuid: str
    image_sha256: str
    submission_uuid: str
    worker: str
    worker_device_id: str
    device_id: str  # the station that scored it
    matched: int
    missed: int
    extra: int
    wrong_label: int
    mean_iou: float | None
    f1: float
    passed: bool
    scored_at: str

    @classmethod
    def from_dict(cls, d: Any) -> GoldScore:
        if not isinstance(d, dict):
            raise RecordError("a gold score is not an object")
        passed = d.get("passed")
        if not isinstance(passed, bool):
            raise RecordError("field 'passed' must be true or false")
        return cls(
            uuid=_uuid(d, "uuid"),
            image_sha256=_sha(d),
            submission_uuid=_uuid(d, "submission_uuid"),
            worker=_text(d, "worker"),
            worker_device_id=_text(d, "worker_device_id"),
            device_id=_text(d, "device_id"),
            matched=_int(d, "matched"),
            missed=_int(d, "missed"),
            extra=_int(d, "extra"),
            wrong_label=_int(d, "wrong_label"),
            mean_iou=_num(d, "mean_iou", optional=True),
            f1=_num(d, "f1"),
            passed=passed,
            scored_at=_time(d, "scored_at"),
        )


@dataclass(frozen=True)
class AgreementRecord(_Record):
    """Two workers' submissions on one image, compared (``matching`` + ``agreement``)."""

    KIND: ClassVar[str] = "agreement"
    uuid: str
    image_sha256: str
    submission_a: str
    submission_b: str
    worker_a: str
    worker_b: str
    device_id: str  # the station that compared them
    labels: dict  # label -> LabelAgreement.to_dict()
    tags_a: tuple[str, ...]
    tags_b: tuple[str, ...]
    f1: float
    mean_iou: float | None
    agree: bool
    computed_at: str

    @classmethod
    def from_dict(cls, d: Any) -> AgreementRecord:
        if not isinstance(d, dict):
            raise RecordError("an agreement is not an object")
        labels = d.get("labels")
        if not isinstance(labels, dict) or len(labels) > 1000:
            raise RecordError("field 'labels' must be an object of label counts")
        for label, counts in labels.items():
            if not isinstance(counts, dict):
                raise RecordError(f"labels[{label!r}] must be an object")
            for key in ("matched", "only_a", "only_b", "iou_n"):
                _int(counts, key)
            _num(counts, "iou_sum", high=1e9)
        tags = []
        for key in ("tags_a", "tags_b"):
            value = d.get(key)
            if not isinstance(value, list) or not all(isinstance(t, str) for t in value):
                raise RecordError(f"field {key!r} must be a list of label ids")
            tags.append(tuple(value))
        agree = d.get("agree")
        if not isinstance(agree, bool):
            raise RecordError("field 'agree' must be true or false")
        return cls(
            uuid=_uuid(d, "uuid"),
            image_sha256=_sha(d),
            submission_a=_uuid(d, "submission_a"),
            submission_b=_uuid(d, "submission_b"),
            worker_a=_text(d, "worker_a"),
            worker_b=_text(d, "worker_b"),
            device_id=_text(d, "device_id"),
            labels=labels,
            tags_a=tags[0],
            tags_b=tags[1],
            f1=_num(d, "f1"),
            mean_iou=_num(d, "mean_iou", optional=True),
            agree=agree,
            computed_at=_time(d, "computed_at"),
        )


@dataclass(frozen=True)
class Flag(_Record):
    """A worker's flag on an image ("look at this one"), made on her PC; it travels in her
    bundles so the station's review queue shows it with her note (issue 12)."""

    KIND: ClassVar[str] = "flag"
    uuid: str
    image_sha256: str
    image_path: str
    note: str
    worker: str
    device_id: str  # the PC that made it (and sent it)
    flagged_at: str

    @classmethod
    def from_dict(cls, d: Any) -> Flag:
        if not isinstance(d, dict):
            raise RecordError("a flag is not an object")
        return cls(
            uuid=_uuid(d, "uuid"),
            image_sha256=_sha(d),
            image_path=_path(d),
            note=_text(d, "note", limit=2000),
            worker=_text(d, "worker"),
            device_id=_text(d, "device_id"),
            flagged_at=_time(d, "flagged_at"),
        )


RECORD_TYPES: dict[str, type[_Record]] = {
    "review": Review,
    "gold": GoldAnswer,
    "gold_score": GoldScore,
    "agreement": AgreementRecord,
    "flag": Flag,
}
"""Record kind -> class; the payload key of a kind is its plural (``PAYLOAD_KEYS``)."""

PAYLOAD_KEYS = {"review": "reviews", "gold": "gold", "gold_score": "gold_scores",
                "agreement": "agreements", "flag": "flags"}  # fmt: skip
STATION_KINDS = ("review", "gold", "gold_score", "agreement")
"""Kinds only a supervisor station sends; a ``flag`` comes from any PC of the project."""


def parse_record(kind: str, d: Any) -> Any:
    """A checked record of ``kind`` from its wire dict; ``RecordError`` says what is wrong."""
    cls = RECORD_TYPES.get(kind)
    if cls is None:
        raise RecordError(f"unknown record kind {kind!r}")
    return cls.from_dict(d)  # type: ignore[attr-defined]
