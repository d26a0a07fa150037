"""One validation of records, for every door work comes in by.

The app's submit, the importers (through submit), the bundle reader and the server's ingest
(by network or from a USB drive) all call this module, so a record one of them would refuse
is refused by all of them, with the same reason. What it guarantees of a record it passes:

- numbers are finite; whole numbers lie within their field's bounds (never beyond 64 bits);
- an image's width and height are whole pixels in 1..``MAX_IMAGE_SIDE``;
- every coordinate lies inside the image, or at most ``COORD_TOLERANCE`` px outside (then it
  is moved onto the edge: tools differ on whether the last pixel edge is W or W-1);
- a box is exactly two corners with a positive area (each side at least ``MIN_BOX_SIDE``);
  a polygon has at least three distinct vertices not all on one line (a repeated
  consecutive vertex is dropped; a self-intersecting polygon is accepted, as labelme and
  CVAT write them); a point is one position; a tag has no geometry;
- text is valid Unicode (no lone surrogates, so it encodes as UTF-8), without NUL or other
  control characters where a name is expected, and within its length bound;
- hashes (SHA-256 hex) and UUIDs are in their canonical forms; timestamps are ISO 8601;
- the taxonomy version exists and every label is in it; the project's kind allows the shape;
- per-shape attributes follow ``labeler.shape_attrs`` (known names, one type each).

Reasons are plain sentences naming the field; callers put them in a receipt, an import
report or the message above the image. Functions return the *normalised* record (shapes
moved onto the edge, repeated vertices dropped), which is what the caller stores.

Extending: a new shape type adds a ``ShapeRule`` to ``SHAPE_RULES`` (how many points, and a
check that returns the normalised points); a new per-shape attribute is added to the
contract in ``labeler.shape_attrs``, which ``check_attrs`` applies.
"""

from labeler.validation.fields import (
    COORD_TOLERANCE,
    MAX_IMAGE_SIDE,
    MAX_INT32,
    MAX_INT64,
    MAX_NAME,
    MAX_PATH,
    MAX_POINTS,
    MAX_SHAPES,
    MAX_SOURCE,
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
from labeler.validation.records import (
    RecordRules,
    check_feedback,
    check_proposal,
    check_submission,
)
from labeler.validation.shapes import (
    SHAPE_RULES,
    ShapeRule,
    check_attrs,
    check_shape,
    check_shapes,
    shape_from_dict,
)

__all__ = [
    "COORD_TOLERANCE",
    "MAX_IMAGE_SIDE",
    "MAX_INT32",
    "MAX_INT64",
    "MAX_NAME",
    "MAX_PATH",
    "MAX_POINTS",
    "MAX_SHAPES",
    "MAX_SOURCE",
    "MAX_TEXT",
    "SHAPE_RULES",
    "RecordRules",
    "ShapeRule",
    "check_attrs",
    "check_feedback",
    "check_proposal",
    "check_shape",
    "check_shapes",
    "check_submission",
    "finite",
    "relative_path",
    "sha256_hex",
    "shape_from_dict",
    "source_name",
    "text",
    "timestamp",
    "uuid_text",
    "whole",
]
