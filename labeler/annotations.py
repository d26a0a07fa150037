"""Annotations and their geometry, in image pixels of the image as the worker sees it.

Coordinates are floats in the *displayed* image: EXIF orientation already applied, origin at
the top-left corner, x to the right, y down. A box is ``(x1, y1, x2, y2)`` with x1 < x2 and
y1 < y2; a polygon is a closed list of ``(x, y)`` (its edges may cross: labelme and CVAT
write such polygons and they are real objects); a polyline is an open list of ``(x, y)``
(a road, a wire, a crack); a point is one ``(x, y)``; a tag is an image-level label with no
geometry. ``attrs`` holds the per-shape attributes of ``labeler.shape_attrs``.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from labeler import shape_attrs
from labeler.errors import AnnotationKindError, GeometryError, ShapeAttributeError

MIN_BOX_SIDE = 1.0  # pixels; smaller boxes are slips of the hand, not objects


class ShapeType(StrEnum):
    BOX = "box"
    POLYGON = "polygon"
    POINT = "point"
    POLYLINE = "polyline"
    TAG = "tag"


@dataclass(frozen=True)
class Shape:
    """One annotation: a label and (except for tags) a geometry."""

    type: ShapeType
    label: str
    points: tuple[tuple[float, float], ...] = ()
    attrs: dict[str, Any] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        if self.attrs:  # checked and in normal form, so equal facts compare equal
            object.__setattr__(
                self, "attrs", shape_attrs.clean(self.attrs, f"{self.type} '{self.label}'")
            )

    @classmethod
    def box(cls, label: str, x1: float, y1: float, x2: float, y2: float) -> Shape:
        x1, x2 = sorted((float(x1), float(x2)))
        y1, y2 = sorted((float(y1), float(y2)))
        return cls(ShapeType.BOX, label, ((x1, y1), (x2, y2)))

    @classmethod
    def polygon(cls, label: str, pts: list[tuple[float, float]]) -> Shape:
        return cls(ShapeType.POLYGON, label, tuple((float(x), float(y)) for x, y in pts))

    @classmethod
    def polyline(cls, label: str, pts: list[tuple[float, float]]) -> Shape:
        return cls(ShapeType.POLYLINE, label, tuple((float(x), float(y)) for x, y in pts))

    @classmethod
    def point(cls, label: str, x: float, y: float) -> Shape:
        return cls(ShapeType.POINT, label, ((float(x), float(y)),))

    @classmethod
    def tag(cls, label: str) -> Shape:
        return cls(ShapeType.TAG, label)

    def with_attrs(self, attrs: dict[str, Any]) -> Shape:
        """The same shape with ``attrs`` (checked and in normal form)."""
        return Shape(self.type, self.label, self.points, dict(attrs))

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        """(x1, y1, x2, y2) around the shape; a point's box has no area."""
        if not self.points:
            raise GeometryError(f"a {self.type} has no geometry")
        xs = [p[0] for p in self.points]
        ys = [p[1] for p in self.points]
        return min(xs), min(ys), max(xs), max(ys)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"type": str(self.type), "label": self.label}
        if self.points:
            d["points"] = [[x, y] for x, y in self.points]
        if self.attrs:
            d["attrs"] = self.attrs
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Shape:
        try:
            return cls(
                ShapeType(d["type"]),
                str(d["label"]),
                tuple((float(x), float(y)) for x, y in d.get("points", ())),
                dict(d.get("attrs") or {}),
            )
        except ShapeAttributeError as exc:
            raise GeometryError(f"malformed shape: {exc}") from exc
        except (KeyError, ValueError, TypeError, AttributeError) as exc:
            raise GeometryError(f"malformed shape {d!r}: {exc}") from exc


def dumps(shapes: list[Shape] | tuple[Shape, ...]) -> str:
    return dumps_dicts([s.to_dict() for s in shapes])


def dumps_dicts(shapes: list[dict[str, Any]]) -> str:
    """``dumps`` of shapes already given as ``Shape.to_dict()`` dicts."""
    return json.dumps(shapes, ensure_ascii=False, separators=(",", ":"))


def loads(text: str | None) -> list[Shape]:
    if not text:
        return []
    return [Shape.from_dict(d) for d in json.loads(text)]


# ---------------------------------------------------------------- annotation kinds
_KIND_PARTS = {
    "boxes": ShapeType.BOX,
    "polygons": ShapeType.POLYGON,
    "points": ShapeType.POINT,
    "polylines": ShapeType.POLYLINE,
}
_TAG_PARTS = {"classification": "single", "multilabel": "multi"}


@dataclass(frozen=True)
class AnnotationKind:
    """What a project annotates: shape types, and image-level tags (single or multi)."""

    shapes: frozenset[ShapeType]
    tags: str | None = None  # None, "single" or "multi"

    @classmethod
    @functools.lru_cache(maxsize=64)  # immutable; read on every submit
    def parse(cls, text: str) -> AnnotationKind:
        """``boxes``, ``polygons``, ``points``, ``polylines``, ``classification``, ``multilabel``,
        joined by ``+``."""
        shapes: set[ShapeType] = set()
        tags: str | None = None
        for part in text.lower().replace(" ", "").split("+"):
            if part in _KIND_PARTS:
                shapes.add(_KIND_PARTS[part])
            elif part in _TAG_PARTS:
                if tags:
                    raise AnnotationKindError(
                        f"{text!r}: choose one of 'classification' or 'multilabel'"
                    )
                tags = _TAG_PARTS[part]
            else:
                allowed = ", ".join([*_KIND_PARTS, *_TAG_PARTS])
                raise AnnotationKindError(
                    f"unknown annotation kind {part!r} in {text!r}; use {allowed}, joined by '+'"
                )
        return cls(frozenset(shapes), tags)

    def __str__(self) -> str:
        parts = [k for k, v in _KIND_PARTS.items() if v in self.shapes]
        parts += [k for k, v in _TAG_PARTS.items() if v == self.tags]
        return "+".join(parts)

    @property
    def is_classification(self) -> bool:
        """Only image-level tags: the app shows the image large with no drawing tools."""
        return not self.shapes and self.tags is not None


# ---------------------------------------------------------------- validation
def validate(
    shapes: list[Shape] | tuple[Shape, ...],
    width: int,
    height: int,
    kind: AnnotationKind | None = None,
    label_ids: set[str] | None = None,
) -> None:
    """Raise ``GeometryError`` / ``AnnotationKindError`` for the first bad shape.

    The checks are ``labeler.validation.check_shapes`` (the one validation every door uses);
    call that to also get the shapes normalised (moved onto the edge, repeats dropped).
    """
    from labeler.validation import check_shapes  # validation builds on this module

    check_shapes(shapes, width, height, kind, label_ids)


def spans_area(pts: tuple[tuple[float, float], ...] | list[tuple[float, float]]) -> bool:
    """Whether the points do not all lie on one line (a bow-tie has area even when the
    shoelace sum of its two loops is zero)."""
    a = pts[0]
    far = max(pts, key=lambda p: abs(p[0] - a[0]) + abs(p[1] - a[1]))
    if far == a:
        return False
    scale = max(abs(far[0] - a[0]), abs(far[1] - a[1]))
    return any(abs(_orient(a, far, p)) > 1e-9 * scale * scale for p in pts)


def drop_repeats(pts: list[tuple[float, float]], closed: bool) -> list[tuple[float, float]]:
    """``pts`` without a point equal to the one before it (and, when ``closed``, without a
    last point repeating the first): CVAT and hand-edited files write such vertices."""
    out: list[tuple[float, float]] = []
    for p in pts:
        if not out or p != out[-1]:
            out.append(p)
    if closed and len(out) > 1 and out[0] == out[-1]:
        out.pop()
    return out


def polygon_area(pts: tuple[tuple[float, float], ...] | list[tuple[float, float]]) -> float:
    """Signed area by the shoelace formula."""
    s = 0.0
    n = len(pts)
    for i in range(n):
        x1, y1 = pts[i]
        x2, y2 = pts[(i + 1) % n]
        s += x1 * y2 - x2 * y1
    return s / 2.0


def _orient(a: tuple[float, float], b: tuple[float, float], c: tuple[float, float]) -> float:
    return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
