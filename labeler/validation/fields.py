"""Scalar fields of a record: whole numbers, finite numbers, text, ids, times, paths, JSON.

Each function returns the value it accepts or raises ``InvalidRecord`` with a reason that
names the field; ``labeler.validation`` explains the rules as a whole.
"""

from __future__ import annotations

import math
import re
from datetime import datetime
from typing import Any

from labeler.errors import InvalidRecord

# ---------------------------------------------------------------- bounds (documented in README)
MAX_INT64 = 2**63 - 1
MAX_INT32 = 2**31 - 1
MAX_IMAGE_SIDE = 100_000
"""Pixels per side. Far above any camera (a 200 MP phone is 16,320 px wide) or a scanned
map; it keeps every coordinate, area and normalised value a plain float."""
COORD_TOLERANCE = 1.0
"""Pixels a coordinate may lie outside the image; such a coordinate is moved onto the edge."""
MAX_SHAPES = 10_000  # per image
MAX_POINTS = 10_000  # per shape
MAX_NAME = 200  # worker, device, label id, proposed label name
MAX_TEXT = 4_000  # a proposal's reason
MAX_PATH = 1_024  # an image path relative to the image folder
MAX_SOURCE = 40

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z")
_SHA256 = re.compile(r"[0-9a-f]{64}\Z")
_SOURCE = re.compile(r"[a-z][a-z0-9_-]*\Z")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_NUL = "\x00"


# ---------------------------------------------------------------- scalar fields
def whole(value: Any, field: str, lo: int = 0, hi: int = MAX_INT64) -> int:
    """A whole number in ``lo..hi`` (a bool or a float is not one)."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise InvalidRecord(f"{field} must be a whole number, not {show(value)}")
    if not lo <= value <= hi:
        raise InvalidRecord(f"{field} must be between {lo:,} and {hi:,}; it is {show(value)}")
    return value


def finite(value: Any, field: str) -> float:
    """A finite real number (an int or float; NaN, infinities, bools and text are refused)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidRecord(f"{field} must be a number, not {show(value)}")
    try:
        out = float(value)
    except OverflowError:
        raise InvalidRecord(f"{field} is far too large: {show(value)}") from None
    if not math.isfinite(out):
        raise InvalidRecord(f"{field} must be a finite number, not {show(value)}")
    return out


def text(
    value: Any,
    field: str,
    limit: int = MAX_NAME,
    *,
    optional: bool = False,
    one_line: bool = True,
) -> Any:
    """Non-empty text of at most ``limit`` characters that encodes as UTF-8.

    ``one_line`` text (names, ids, paths) has no control characters; other text may hold line
    breaks and tabs but never NUL (PostgreSQL cannot store it).
    """
    if plain_text(value, limit):
        return value  # the common case, at a fraction of the cost of the checks below
    if value is None and optional:
        return None
    if not isinstance(value, str) or not value.strip():
        raise InvalidRecord(f"{field} must be non-empty text, not {show(value)}")
    if len(value) > limit:
        raise InvalidRecord(f"{field} is {len(value):,} characters long; the limit is {limit:,}")
    _utf8(value, field)
    if (_CONTROL.search(value) is not None) if one_line else (_NUL in value):
        raise InvalidRecord(f"{field} holds a control character: {show(value)}")
    return value


def plain_text(value: Any, limit: int = MAX_NAME) -> bool:
    """Whether ``value`` is text that every rule of ``text`` accepts, by a test cheap enough
    for the common case: printable ASCII (no control character, no lone surrogate), not
    blank, within ``limit``. ``False`` says nothing: such text takes the full check."""
    return (
        type(value) is str
        and value.isascii()
        and value.isprintable()
        and 0 < len(value) <= limit
        and not value.isspace()
    )


def uuid_text(value: Any, field: str = "uuid", *, optional: bool = False) -> Any:
    """A UUID as the program writes it: 36 characters, lower-case hex and dashes."""
    if value is None and optional:
        return None
    if not isinstance(value, str) or not _UUID.match(value):
        raise InvalidRecord(
            f"{field} must be a UUID (8-4-4-4-12 lower-case hex), not {show(value)}"
        )
    return value


def sha256_hex(value: Any, field: str = "image_sha256") -> str:
    """A SHA-256 as 64 lower-case hex digits."""
    if not isinstance(value, str) or not _SHA256.match(value):
        raise InvalidRecord(f"{field} must be 64 lower-case hex digits, not {show(value)}")
    return value


def timestamp(value: Any, field: str, *, optional: bool = False) -> Any:
    """An ISO 8601 date and time as the program writes it (``2026-01-05T10:00:07.500Z``)."""
    if value is None and optional:
        return None
    text(value, field, 40)
    try:
        datetime.fromisoformat(value)
    except ValueError:
        raise InvalidRecord(f"{field} must be an ISO 8601 time, not {show(value)}") from None
    return value


def relative_path(value: Any, field: str = "image_path") -> str:
    """A path relative to the image folder: exporters build file names from it, so it may
    not be absolute, name a drive, or climb out with ``..``."""
    text(value, field, MAX_PATH)
    parts = value.replace("\\", "/").split("/")
    if value.startswith(("/", "\\")) or (len(value) > 1 and value[1] == ":") or ".." in parts:
        raise InvalidRecord(
            f"{field} {value!r} must be relative to the image folder, without '..' or a drive"
        )
    return value


def source_name(value: Any, field: str = "source") -> str:
    """Where a submission came from (``labeled``, ``imported``, ...): a short lower-case word."""
    if value is None:
        return "labeled"
    text(value, field, MAX_SOURCE)
    if not _SOURCE.match(value):
        raise InvalidRecord(f"{field} must be a short lower-case word, not {show(value)}")
    return value


# ---------------------------------------------------------------- helpers
def _utf8(value: str, field: str) -> None:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidRecord(
            f"{field} is not valid text (it holds a lone surrogate, {show(value)})"
        ) from None


def show(value: Any) -> str:
    """A short, printable rendering of a bad value for a message (never the whole of it)."""
    if isinstance(value, str):
        shown = value.encode("utf-8", "backslashreplace").decode("utf-8")
        return repr(shown[:40] + ("…" if len(shown) > 40 else ""))
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 10**15:
        return f"a number of {value.bit_length()} bits"
    if isinstance(value, list | dict | tuple):
        return f"a {type(value).__name__}"
    return repr(value)
