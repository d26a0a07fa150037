"""Shapes: coordinates inside the image, and each shape type's rule.

``SHAPE_RULES`` is where a new shape type registers its rule; per-shape attributes are the
contract of ``labeler.shape_attrs``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from labeler import shape_attrs
from labeler.annotations import (
    MIN_BOX_SIDE,
    AnnotationKind,
    Shape,
    ShapeType,
    drop_repeats,
    spans_area,
)
from labeler.errors import AnnotationKindError, GeometryError, InvalidRecord
from labeler.validation.fields import (
    COORD_TOLERANCE,
    MAX_IMAGE_SIDE,
    MAX_NAME,
    MAX_POINTS,
    MAX_SHAPES,
    finite,
    plain_text,
    show,
    text,
    whole,
)

Point = tuple[float, float]


# ---------------------------------------------------------------- shapes
@dataclass(frozen=True)
class ShapeRule:
    """How one shape type is checked: the number of points, then ``check(points, where)``,
    which returns the normalised points or raises ``GeometryError``."""

    min_points: int
    max_points: int
    check: Callable[[tuple[Point, ...], str], tuple[Point, ...]] | None = None


def _check_box(pts: tuple[Point, ...], where: str) -> tuple[Point, ...]:
    (ax, ay), (bx, by) = pts
    x1, x2 = (ax, bx) if ax <= bx else (bx, ax)
    y1, y2 = (ay, by) if ay <= by else (by, ay)
    if x2 - x1 < MIN_BOX_SIDE or y2 - y1 < MIN_BOX_SIDE:
        raise GeometryError(f"{where}: box is thinner than {MIN_BOX_SIDE:g} pixel")
    return ((x1, y1), (x2, y2))


def _check_polygon(pts: tuple[Point, ...], where: str) -> tuple[Point, ...]:
    """At least 3 distinct corners, not all on one line; crossing edges are kept (labelme
    and CVAT write such polygons, and the object they outline is real)."""
    out = tuple(drop_repeats(list(pts), closed=True))
    if len(out) < 3:
        raise GeometryError(
            f"{where}: a polygon needs at least 3 distinct points, it has {len(out)}"
        )
    if not spans_area(out):
        raise GeometryError(f"{where}: polygon has no area (its points are on one line)")
    return out


def _check_polyline(pts: tuple[Point, ...], where: str) -> tuple[Point, ...]:
    out = tuple(drop_repeats(list(pts), closed=False))
    if len(out) < 2:
        raise GeometryError(f"{where}: polyline has no length (all its points are one)")
    return out


SHAPE_RULES: dict[str, ShapeRule] = {
    ShapeType.BOX: ShapeRule(2, 2, _check_box),
    ShapeType.POLYGON: ShapeRule(3, MAX_POINTS, _check_polygon),
    ShapeType.POLYLINE: ShapeRule(2, MAX_POINTS, _check_polyline),
    ShapeType.POINT: ShapeRule(1, 1),
    ShapeType.TAG: ShapeRule(0, 0),
}
"""Shape type -> its rule. A new shape type registers its rule here."""


def check_shape(
    shape: Shape,
    width: int | None,
    height: int | None,
    where: str = "shape",
) -> Shape:
    """One shape on its own: finite coordinates inside the image (``None`` size: only the
    outer bound ``MAX_IMAGE_SIDE``), and its type's rule. Returns it normalised."""
    rule = SHAPE_RULES.get(shape.type)
    if rule is None:
        raise GeometryError(f"{where}: unknown shape type {shape.type!r}")
    n = len(shape.points)
    if not rule.min_points <= n <= rule.max_points:
        if rule.max_points == 0:
            raise GeometryError(f"{where}: a {shape.type} has no geometry")
        if rule.min_points == rule.max_points:
            need = f"has exactly {rule.min_points}"
        elif n < rule.min_points:
            need = f"needs at least {rule.min_points}"
        else:
            need = f"has at most {rule.max_points:,}"
        raise GeometryError(f"{where}: a {shape.type} {need} points, not {n}")
    w = MAX_IMAGE_SIDE if width is None else width
    h = MAX_IMAGE_SIDE if height is None else height
    pts = shape.points
    if not _plain_inside(pts, w, h):
        pts = tuple(
            (_inside(x, w, where, "x", width, height), _inside(y, h, where, "y", width, height))
            for x, y in pts
        )
    if rule.check is not None:
        pts = rule.check(pts, where)
    attrs = check_attrs(shape.attrs, where) if shape.attrs else shape.attrs
    if pts == shape.points and attrs is shape.attrs:
        return shape
    return Shape(shape.type, shape.label, pts, attrs)


def _plain_inside(pts: Any, w: int, h: int) -> bool:
    """The usual case, decided without a call per number: a tuple of (float, float) pairs
    inside the image (what ``_inside`` would give back unchanged, -0.0 aside)."""
    if type(pts) is not tuple:
        return False
    for p in pts:
        if type(p) is not tuple or len(p) != 2:
            return False
        x, y = p
        if not (type(x) is float and type(y) is float and 0.0 <= x <= w and 0.0 <= y <= h):
            return False
    return True


def _inside(v: float, side: int, where: str, axis: str, width: Any, height: Any) -> float:
    v = finite(v, f"{where}: {axis}")
    if -COORD_TOLERANCE <= v <= side + COORD_TOLERANCE:
        return min(max(v, 0.0), float(side)) + 0.0  # + 0.0: no -0.0
    size = f"the image ({width}x{height})" if width is not None else "any image"
    raise GeometryError(f"{where}: {axis} = {v:g} is outside {size}")


def check_attrs(attrs: Any, where: str) -> dict[str, Any]:
    """A shape's attributes: the contract of ``labeler.shape_attrs`` (known names, one type
    each, defaults dropped), and text in them that can be stored and exported."""
    out = shape_attrs.clean(attrs, where)
    if "description" in out:
        text(
            out["description"],
            f"{where}: attribute 'description'",
            one_line=False,
            limit=shape_attrs.DESCRIPTION_MAX,
        )
    for name in out.get("flags", {}):
        text(name, f"{where}: a flag name", shape_attrs.FLAG_NAME_MAX)
    return out


def check_shapes(
    shapes: Iterable[Shape],
    width: int | None,
    height: int | None,
    kind: AnnotationKind | None = None,
    label_ids: Iterable[str] | None = None,
) -> list[Shape]:
    """Every shape of one image, normalised; the first problem raises with its place.

    ``kind`` (the project's annotation kind) limits shape types and image tags; ``label_ids``
    (the taxonomy version's ids) limits labels. ``None`` skips that check.
    """
    if width is not None:  # a record's size is bounded by check_submission
        whole(width, "width", 1)
    if height is not None:
        whole(height, "height", 1)
    known = None if label_ids is None else frozenset(label_ids)
    out: list[Shape] = []
    tags = 0
    for i, s in enumerate(shapes):
        if i >= MAX_SHAPES:
            raise InvalidRecord(f"an image holds at most {MAX_SHAPES:,} shapes")
        where = f"shape {i + 1} ({s.type} '{s.label}')"
        text(s.label, f"shape {i + 1}: label", MAX_NAME)
        if known is not None and s.label not in known:
            raise AnnotationKindError(f"{where}: label not in the project's taxonomy")
        if s.type is ShapeType.TAG:
            tags += 1
            if kind is not None and kind.tags is None:
                raise AnnotationKindError(f"{where}: this project ({kind}) has no image tags")
        elif kind is not None and s.type not in kind.shapes:
            raise AnnotationKindError(f"{where}: this project ({kind}) does not draw {s.type}s")
        out.append(check_shape(s, width, height, where))
    if kind is not None and kind.tags == "single" and tags > 1:
        raise AnnotationKindError(f"this project takes one image label; {tags} were given")
    return out


_PLAIN_KEYS = frozenset(("type", "label", "points"))


def in_normal_form(
    shapes: list[Any],
    width: int,
    height: int,
    kind: AnnotationKind | None,
    label_ids: frozenset[str] | None,
) -> bool:
    """Whether the full check (``check_shapes`` of ``shape_from_dict``) would accept these
    shape dicts of a record as they are and give back equal dicts, decided by a cheaper
    test: plain float coordinates inside the image, a label that is plain text and in
    ``label_ids``, a type the project draws, no attributes, and the points the type's rule
    leaves unchanged (the rule itself is asked). ``False`` says nothing is wrong, only that
    the full check must decide (and normalise, or say what is wrong): integers, attributes,
    a coordinate on the tolerance band, corners in another order, anything unusual.

    Why: the server checks thousands of records a second, nearly all of them in this form;
    the full check builds a ``Shape`` per shape and costs several times more.
    ``tests/labeler/test_validation.py`` holds the two to the same answers.
    """
    if type(width) is not int or type(height) is not int:
        return False
    plain = None if label_ids is None else plain_label_ids(label_ids)
    tags = 0
    for d in shapes:
        if type(d) is not dict or not d.keys() <= _PLAIN_KEYS:
            return False
        t, label = d.get("type"), d.get("label")
        if type(t) is not str or type(label) is not str:
            return False
        if plain is not None:
            if label not in plain:  # in the taxonomy and plain text, in one look-up
                return False
        elif not plain_text(label, MAX_NAME):
            return False
        if t == ShapeType.TAG:
            if "points" in d or (kind is not None and kind.tags is None):
                return False
            tags += 1
            continue
        rule = SHAPE_RULES.get(t)
        pts = d.get("points")
        if (
            rule is None
            or (kind is not None and t not in kind.shapes)
            or type(pts) is not list
            or not rule.min_points <= len(pts) <= rule.max_points
        ):
            return False
        for p in pts:
            if type(p) is not list or len(p) != 2:
                return False
            x, y = p
            # NaN and infinities fail these comparisons
            if not (
                type(x) is float and type(y) is float and 0.0 <= x <= width and 0.0 <= y <= height
            ):
                return False
        if t == ShapeType.BOX:  # what _check_box leaves as it is: corners in order, not thin
            (ax, ay), (bx, by) = pts
            if bx - ax < MIN_BOX_SIDE or by - ay < MIN_BOX_SIDE:
                return False
        elif rule.check is not None:
            given = tuple(map(tuple, pts))
            try:
                if rule.check(given, "shape") != given:
                    return False
            except InvalidRecord:
                return False
    return not (kind is not None and kind.tags == "single" and tags > 1)


@lru_cache(maxsize=64)
def plain_label_ids(label_ids: frozenset[str]) -> frozenset[str]:
    """The ids of ``label_ids`` that ``plain_text`` accepts, worked out once per taxonomy
    version (a version never changes; the few a server sees are kept): a label in it passes
    both of ``in_normal_form``'s label tests."""
    return frozenset(label for label in label_ids if plain_text(label, MAX_NAME))


def shape_from_dict(d: Any, where: str = "shape") -> Shape:
    """A ``Shape`` from its dict, strictly: the type is known, the label is text, points are
    pairs of numbers (``Shape.from_dict`` would also take ``"12"`` or ``true``)."""
    if not isinstance(d, dict):
        raise InvalidRecord(f"{where} is not an object")
    extra = set(d) - {"type", "label", "points", "attrs"}
    if extra:
        raise InvalidRecord(
            f"{where} has fields no shape has: {', '.join(sorted(map(str, extra)))}"
        )
    kind = d.get("type")
    if kind not in SHAPE_RULES:
        raise InvalidRecord(f"{where} has an unknown type {show(kind)}")
    label = text(d.get("label"), f"{where}: label", MAX_NAME)
    raw = d.get("points", [])
    if not isinstance(raw, list) or len(raw) > MAX_POINTS:
        raise InvalidRecord(f"{where}: points must be a list of at most {MAX_POINTS:,} [x, y]")
    pts = []
    for p in raw:
        if not isinstance(p, list | tuple) or len(p) != 2:
            raise InvalidRecord(f"{where}: a point must be [x, y], not {show(p)}")
        pts.append((finite(p[0], f"{where}: x"), finite(p[1], f"{where}: y")))
    attrs = d.get("attrs", {})
    if not isinstance(attrs, dict):
        raise InvalidRecord(f"{where}: attrs must be an object")
    return Shape(ShapeType(kind), label, tuple(pts), attrs)
