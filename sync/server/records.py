"""Check one submission or proposal dict from a bundle and turn it into a row to store.

A record that cannot be stored faithfully (missing field, wrong type, a label the project
never had) is rejected alone, with its reason in the receipt; the rest of the bundle goes in.
"""

from __future__ import annotations

import json
from typing import Any

from labeler import validation
from labeler.annotations import Shape
from labeler.errors import LabelerError


class RecordRejected(ValueError):
    """One record of a bundle that cannot be stored; the message goes into the receipt."""


def _text(rec: dict[str, Any], key: str, *, optional: bool = False, limit: int = 4096) -> Any:
    value = rec.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, str) or not value or len(value) > limit:
        raise RecordRejected(f"field {key!r} must be non-empty text")
    return value


def _int(rec: dict[str, Any], key: str, *, optional: bool = False) -> Any:
    value = rec.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise RecordRejected(f"field {key!r} must be a whole number >= 0")
    return value


def _relative_path(rec: dict[str, Any], key: str) -> str:
    """An image path relative to the image folder: exporters build file names from it."""
    value = _text(rec, key)
    parts = value.replace("\\", "/").split("/")
    if (
        value.startswith(("/", "\\"))
        or (len(value) > 1 and value[1] == ":")
        or ".." in parts
        or "\x00" in value
    ):
        raise RecordRejected(
            f"{key} {value!r} must be relative to the image folder, without '..' or a drive"
        )
    return value


def _shapes_json(value: Any, labels: frozenset[str], what: str) -> str:
    if not isinstance(value, list):
        raise RecordRejected(f"{what} must be a list of shapes")
    for item in value:
        if not isinstance(item, dict):
            raise RecordRejected(f"{what}: a shape is not an object")
        try:
            shape = Shape.from_dict(item)
        except LabelerError as exc:
            raise RecordRejected(str(exc)) from None
        if shape.label not in labels:
            raise RecordRejected(f"label {shape.label!r} is not in the project's taxonomy")
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def submission_row(rec: dict[str, Any], labels: frozenset[str]) -> dict[str, Any]:
    """The columns of ``storage.submissions`` that come from the record itself."""
    revision = _int(rec, "revision")
    if revision < 1:
        raise RecordRejected("field 'revision' must be 1 or more")
    return {
        "uuid": _text(rec, "uuid", limit=64),
        "image_sha256": _text(rec, "image_sha256", limit=64),
        "image_path": _relative_path(rec, "image_path"),
        "width": _int(rec, "width"),
        "height": _int(rec, "height"),
        "shapes": _shapes_json(rec.get("shapes"), labels, "shapes"),
        "taxonomy_version": _int(rec, "taxonomy_version"),
        "worker": _text(rec, "worker", limit=200),
        "record_device_id": _text(rec, "device_id", limit=200),
        "started_at": _text(rec, "started_at", optional=True, limit=40),
        "submitted_at": _text(rec, "submitted_at", limit=40),
        "duration_ms": _int(rec, "duration_ms", optional=True),
        "revision": revision,
        "supersedes": _text(rec, "supersedes", optional=True, limit=64),
        "source": _text(rec, "source", optional=True, limit=40) or "labeled",
    }


def proposal_row(rec: dict[str, Any]) -> dict[str, Any]:
    """The columns of ``storage.proposals`` that come from the record itself."""
    region = rec.get("region")
    if region is not None:
        if not isinstance(region, dict):
            raise RecordRejected("field 'region' must be a shape or null")
        try:
            Shape.from_dict(region)
        except LabelerError as exc:
            raise RecordRejected(str(exc)) from None
        region = json.dumps(region, ensure_ascii=False, separators=(",", ":"))
    return {
        "uuid": _text(rec, "uuid", limit=64),
        "image_sha256": _text(rec, "image_sha256", limit=64),
        "image_path": _relative_path(rec, "image_path"),
        "name": _text(rec, "name", limit=200),
        "reason": _text(rec, "reason"),
        "region": region,
        "taxonomy_version": _int(rec, "taxonomy_version"),
        "worker": _text(rec, "worker", limit=200),
        "record_device_id": _text(rec, "device_id", limit=200),
        "created_at": _text(rec, "created_at", limit=40),
    }


def feedback_row(rec: dict[str, Any], labels: frozenset[str]) -> dict[str, Any]:
    """The columns of ``storage.model_feedback`` from a feedback record (issue 15), after
    the one record validation every door uses."""
    try:
        row = validation.check_feedback(rec, labels)
    except LabelerError as exc:
        raise RecordRejected(str(exc)) from None
    row["outcomes"] = json.dumps(row["outcomes"], ensure_ascii=False, separators=(",", ":"))
    row["record_device_id"] = row.pop("device_id")
    return row


def uuid_of(rec: Any) -> str:
    """The record's uuid for the receipt, even when the record is malformed."""
    value = rec.get("uuid") if isinstance(rec, dict) else None
    return value if isinstance(value, str) else ""
