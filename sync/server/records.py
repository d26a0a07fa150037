"""Check one submission or proposal dict from a bundle and turn it into a row to store.

The checks are the core's (``labeler.validation``), the same the PC made at submit: a record
that fails them (a NaN, a box of three corners, a label or taxonomy version the project does
not have, a lone surrogate, a 70-bit integer) is rejected alone, with its reason in the
receipt; the rest of the bundle goes in. What is stored is the normalised record.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Any

from labeler import validation as v
from labeler.annotations import MIN_BOX_SIDE
from labeler.crops import check_crop
from labeler.errors import InvalidRecord, LabelerError
from labeler.validation import RecordRules, check_proposal, check_submission
from labeler.validation.shapes import plain_label_ids

MAX_REASON = 300  # characters of a reason kept in a receipt
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z")


class RecordRejected(ValueError):
    """One record of a bundle that cannot be stored; the message goes into the receipt."""


# check_circular off: records come from JSON text (a cycle cannot be written in it), and the
# check costs a sixth of encoding a record's shapes
_ENCODE = json.JSONEncoder(
    ensure_ascii=False, separators=(",", ":"), allow_nan=False, check_circular=False
).encode


def _json(value: Any) -> str:
    return _ENCODE(value)  # one encoder for every row: ``json.dumps`` would build one each call


def submission_row(rec: Any, rules: RecordRules) -> dict[str, Any]:
    """The columns of ``storage.submissions`` that come from the record itself."""
    text = _plain_shapes_text(rec, rules)
    try:
        clean = check_submission(rec, rules, shapes_checked=text is not None)
    except InvalidRecord as exc:
        raise RecordRejected(reason(exc)) from None
    row = clean  # a dict of its own, made by the check
    row["record_device_id"] = row.pop("device_id")
    row["shapes"] = _json(row["shapes"]) if text is None else text
    return row


_ESCAPE = json.encoder.encode_basestring  # as _ENCODE writes a string (ensure_ascii off)
_HEADS = {"box": '{"type":"box","label":', "point": '{"type":"point","label":'}
_SHAPE_KEYS = ("type", "label", "points")


@lru_cache(maxsize=64)
def _label_text(labels: frozenset[str]) -> dict[str, str]:
    """Each label id ``in_normal_form`` passes as it is, to its JSON string (once per
    taxonomy version)."""
    return {x: _ESCAPE(x) for x in plain_label_ids(labels)}


def _plain_shapes_text(rec: Any, rules: RecordRules) -> str | None:
    """The stored text of a record's shapes, ``_json(shapes)``, when they are boxes and
    points that ``in_normal_form`` accepts as they are (nearly every record), in one pass
    rather than a check and then an encoding; ``None`` sends the record the full way (any
    other shape type, an integer, a coordinate off the image, a bad taxonomy version...).
    ``tests/sync/server/test_records.py`` holds it to the answers of the two."""
    if type(rec) is not dict:
        return None
    width, height, shapes = rec.get("width"), rec.get("height"), rec.get("shapes")
    if type(width) is not int or type(height) is not int or type(shapes) is not list:
        return None
    try:
        labels = rules.labels(rec.get("taxonomy_version"))
    except InvalidRecord:
        return None  # the full check says what is wrong
    if labels is None:
        return None
    names = _label_text(labels)
    allowed = None if rules.kind is None else rules.kind.shapes
    parts = []
    for d in shapes:
        if type(d) is not dict or tuple(d) != _SHAPE_KEYS:
            return None
        t, label, pts = d["type"], d["label"], d["points"]
        head = _HEADS.get(t) if type(t) is str else None
        name = names.get(label) if type(label) is str else None
        if head is None or name is None or (allowed is not None and t not in allowed):
            return None
        if type(pts) is not list or len(pts) != (2 if t == "box" else 1):
            return None
        a = pts[0]
        if type(a) is not list or len(a) != 2:
            return None
        ax, ay = a
        # NaN and infinities fail these comparisons
        if not (
            type(ax) is float and type(ay) is float and 0.0 <= ax <= width and 0.0 <= ay <= height
        ):
            return None
        if t == "point":
            parts.append(f'{head}{name},"points":[[{ax!r},{ay!r}]]}}')
            continue
        b = pts[1]
        if type(b) is not list or len(b) != 2:
            return None
        bx, by = b
        if not (
            type(bx) is float and type(by) is float and 0.0 <= bx <= width and 0.0 <= by <= height
        ):
            return None
        # a box: corners in order, not thin (what _check_box leaves as it is)
        if bx - ax < MIN_BOX_SIDE or by - ay < MIN_BOX_SIDE:
            return None
        parts.append(f'{head}{name},"points":[[{ax!r},{ay!r}],[{bx!r},{by!r}]]}}')
    return f"[{','.join(parts)}]"


def proposal_row(rec: Any, rules: RecordRules) -> dict[str, Any]:
    """The columns of ``storage.proposals`` that come from the record itself."""
    try:
        clean = check_proposal(rec, rules)
    except InvalidRecord as exc:
        raise RecordRejected(reason(exc)) from None
    row = dict(clean)
    row["record_device_id"] = row.pop("device_id")
    row["region"] = None if clean["region"] is None else _json(clean["region"])
    return row


def crop_row(rec: Any, uuid: str) -> dict[str, Any] | None:
    """The ``storage.proposal_crops`` row of an accepted proposal's picture, or None when it
    has none. A picture that fails ``labeler.crops.check_crop`` (not base64, not a JPEG, too
    large, declaring huge dimensions) is dropped with its reason; the proposal stays."""
    value = rec.get("crop") if isinstance(rec, dict) else None
    if value is None:
        return None
    row: dict[str, Any] = {"uuid": uuid, "data": None, "width": None, "height": None}
    try:
        checked = check_crop(value)
    except InvalidRecord as exc:
        return row | {"problem": reason(exc)}
    return row | {
        "data": checked.data,
        "width": checked.width,
        "height": checked.height,
        "problem": None,
    }


def feedback_row(rec: Any, labels: frozenset[str]) -> dict[str, Any]:
    """The columns of ``storage.model_feedback`` from a feedback record (issue 15), after
    the one record validation every door uses."""
    try:
        row = v.check_feedback(rec, labels)
    except LabelerError as exc:
        raise RecordRejected(reason(exc)) from None
    row["outcomes"] = _json(row["outcomes"])
    row["record_device_id"] = row.pop("device_id")
    return row


def reason(exc: Exception) -> str:
    """A refusal's reason as a receipt carries it: valid UTF-8, at most ``MAX_REASON`` long."""
    text = str(exc).encode("utf-8", "backslashreplace").decode("utf-8")
    return text if len(text) <= MAX_REASON else text[: MAX_REASON - 1] + "…"


def uuid_of(rec: Any) -> str:
    """The record's uuid for the receipt: "" when it is not a UUID (never echo junk back)."""
    value = rec.get("uuid") if isinstance(rec, dict) else None
    return value if isinstance(value, str) and _UUID.match(value) else ""
