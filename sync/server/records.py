"""Check one submission or proposal dict from a bundle and turn it into a row to store.

The checks are the core's (``labeler.validation``), the same the PC made at submit: a record
that fails them (a NaN, a box of three corners, a label or taxonomy version the project does
not have, a lone surrogate, a 70-bit integer) is rejected alone, with its reason in the
receipt; the rest of the bundle goes in. What is stored is the normalised record.
"""

from __future__ import annotations

import json
import re
from typing import Any

from labeler import validation as v
from labeler.crops import check_crop
from labeler.errors import InvalidRecord, LabelerError
from labeler.validation import RecordRules, check_proposal, check_submission

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
    try:
        clean = check_submission(rec, rules)
    except InvalidRecord as exc:
        raise RecordRejected(reason(exc)) from None
    row = clean  # a dict of its own, made by the check
    row["record_device_id"] = row.pop("device_id")
    row["shapes"] = _json(row["shapes"])
    return row


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
