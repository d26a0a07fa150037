"""Per-shape attributes: the names, their types, and what each format does with them.

A ``Shape`` carries ``attrs``, a small dict of facts about one object that other tools keep
and datasets rely on. Only the names below are allowed, each with one type; a default value
is never stored (``{"occluded": False}`` is stored as ``{}``), so two shapes with the same
facts compare equal however they were made. This table is a contract: drafts, submissions,
bundles, the server and every export and import read and write exactly these names
(README "Shape attributes", sync/PROTOCOL.md).

| name          | type              | from / to                                                |
|---------------|-------------------|----------------------------------------------------------|
| ``occluded``    | bool              | CVAT ``occluded``; Label Studio has none                 |
| ``truncated``   | bool              | VOC ``<truncated>``                                      |
| ``difficult``   | bool              | VOC ``<difficult>``                                      |
| ``iscrowd``     | bool              | COCO ``iscrowd``                                         |
| ``group_id``    | int, 0..2**31-1   | labelme ``group_id``; shapes of one group are one COCO instance |
| ``description`` | text, <= 1000 chars | labelme ``description``; CVAT attribute ``description``  |
| ``flags``       | {text: bool}, <= 50 | labelme per-shape ``flags`` (only true ones are stored)  |
| ``origin``      | "accepted" or "edited" | a model suggestion taken as is / changed (absent: drawn by the worker; issue 15) |
| ``score``       | number 0..1       | the model's score of the suggestion it came from          |
| ``suggestion``  | int 0..9999       | in drafts only: which suggestion the shape came from (``labeler.models.outcomes``) |
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from labeler.errors import ShapeAttributeError

BOOL_ATTRS = ("occluded", "truncated", "difficult", "iscrowd")
GROUP_ID_MAX = 2**31 - 1
DESCRIPTION_MAX = 1000
FLAGS_MAX = 50
FLAG_NAME_MAX = 100
ORIGINS = ("accepted", "edited")
SUGGESTION_MAX = 9999
ATTRIBUTE_NAMES = (*BOOL_ATTRS, "group_id", "description", "flags", "origin", "score", "suggestion")


def clean(attrs: Mapping[str, Any] | None, where: str = "shape") -> dict[str, Any]:
    """``attrs`` checked and in normal form (defaults dropped, keys in contract order).

    Raises ``ShapeAttributeError`` naming the attribute for an unknown name or a value of
    the wrong type, so nothing odd is stored silently.
    """
    if not attrs:
        return {}
    if not isinstance(attrs, Mapping):
        raise ShapeAttributeError(f"{where}: attributes must be an object, not {attrs!r}")
    unknown = [k for k in attrs if k not in ATTRIBUTE_NAMES]
    if unknown:
        raise ShapeAttributeError(
            f"{where}: unknown attribute {unknown[0]!r}; allowed: {', '.join(ATTRIBUTE_NAMES)}"
        )
    out: dict[str, Any] = {}
    for name in BOOL_ATTRS:
        value = attrs.get(name, False)
        if not isinstance(value, bool):
            raise ShapeAttributeError(f"{where}: attribute {name!r} must be true or false")
        if value:
            out[name] = True
    group = attrs.get("group_id")
    if group is not None:
        if not isinstance(group, int) or isinstance(group, bool) or not 0 <= group <= GROUP_ID_MAX:
            raise ShapeAttributeError(
                f"{where}: attribute 'group_id' must be a whole number 0..{GROUP_ID_MAX}"
            )
        out["group_id"] = group
    text = attrs.get("description", "")
    if not isinstance(text, str) or len(text) > DESCRIPTION_MAX:
        raise ShapeAttributeError(
            f"{where}: attribute 'description' must be text of at most {DESCRIPTION_MAX} characters"
        )
    if text.strip():
        out["description"] = text
    flags = attrs.get("flags") or {}
    if (
        not isinstance(flags, Mapping)
        or len(flags) > FLAGS_MAX
        or not all(
            isinstance(k, str) and 0 < len(k) <= FLAG_NAME_MAX and isinstance(v, bool)
            for k, v in flags.items()
        )
    ):
        raise ShapeAttributeError(
            f"{where}: attribute 'flags' must map at most {FLAGS_MAX} names to true or false"
        )
    kept = {k: True for k, v in flags.items() if v}
    if kept:
        out["flags"] = kept
    _model_attrs(attrs, out, where)
    return out


def _model_attrs(attrs: Mapping[str, Any], out: dict[str, Any], where: str) -> None:
    """``origin``, ``score`` and ``suggestion``: where a shape came from (issue 15)."""
    origin = attrs.get("origin")
    if origin is not None:
        if origin not in ORIGINS:
            raise ShapeAttributeError(
                f"{where}: attribute 'origin' must be one of {', '.join(ORIGINS)}"
            )
        out["origin"] = origin
    score = attrs.get("score")
    if score is not None:
        if (
            isinstance(score, bool)
            or not isinstance(score, int | float)
            or not 0.0 <= float(score) <= 1.0  # also refuses NaN
        ):
            raise ShapeAttributeError(f"{where}: attribute 'score' must be a number 0..1")
        out["score"] = score
    index = attrs.get("suggestion")
    if index is not None:
        if (
            not isinstance(index, int)
            or isinstance(index, bool)
            or not 0 <= index <= SUGGESTION_MAX
        ):
            raise ShapeAttributeError(
                f"{where}: attribute 'suggestion' must be a whole number 0..{SUGGESTION_MAX}"
            )
        out["suggestion"] = index
