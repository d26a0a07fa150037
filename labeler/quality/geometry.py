"""Overlap of two shapes: intersection over union (IoU) for boxes and polygons.

Boxes are exact arithmetic. Simple polygons (possibly concave) use the boundary-integral method: the area of A∩B is the shoelace sum over the
parts of A's boundary inside B plus the parts of B's boundary inside A (both turned
counter-clockwise). Boundary pieces that lie on the other polygon's boundary count once when
both run the same way (a shared edge of the intersection) and not at all when they run
opposite ways (the polygons only touch). It is exact up to floating point for any pair of
simple polygons, needs no dependency, and is tested against shapely.
"""

from __future__ import annotations

import itertools

from labeler.annotations import Shape, ShapeType, drop_repeats, polygon_area

Point = tuple[float, float]
_EPS = 1e-9


def box_iou(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> float:
    """IoU of two axis-aligned boxes ``(x1, y1, x2, y2)``."""
    ix = min(a[2], b[2]) - max(a[0], b[0])
    iy = min(a[3], b[3]) - max(a[1], b[1])
    if ix <= 0 or iy <= 0:
        return 0.0
    inter = ix * iy
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union > 0 else 0.0


def outline(shape: Shape) -> list[Point]:
    """A box or polygon as a counter-clockwise ring (y down, so 'counter-clockwise' is
    positive shoelace area in these coordinates)."""
    if shape.type is ShapeType.BOX:
        (x1, y1), (x2, y2) = shape.points
        ring = [(x1, y1), (x2, y1), (x2, y2), (x1, y2)]
    elif shape.type is ShapeType.POLYGON:
        ring = [(float(x), float(y)) for x, y in shape.points]
    else:
        raise ValueError(f"a {shape.type} has no area")
    return ring if polygon_area(ring) >= 0 else ring[::-1]


def polygon_intersection_area(a: list[Point], b: list[Point]) -> float:
    """Area of the intersection of two simple polygons given as rings (any orientation)."""
    if polygon_area(a) < 0:
        a = a[::-1]
    if polygon_area(b) < 0:
        b = b[::-1]
    total = _inside_part(a, b, shared=True) + _inside_part(b, a, shared=False)
    return max(0.0, total)


def is_simple(ring: list[Point]) -> bool:
    """True when no two non-neighbouring edges of the ring touch or cross."""
    n = len(ring)
    for i in range(n):
        a, b = ring[i], ring[(i + 1) % n]
        for j in range(i + 2, n):
            if i == 0 and j == n - 1:
                continue  # the closing edge is the first edge's neighbour
            c, d = ring[j], ring[(j + 1) % n]
            if _cut_params(a, b, c, d):
                return False
    return True


def polygon_iou(a: list[Point], b: list[Point]) -> float:
    """IoU of two polygons. Polygons whose edges cross themselves (labelme and CVAT write
    them) have no single inside; they are compared by their bounding boxes."""
    a, b = drop_repeats(list(a), closed=True), drop_repeats(list(b), closed=True)
    if len(a) < 3 or len(b) < 3:
        return 0.0
    if not (is_simple(a) and is_simple(b)):
        return box_iou(bounds(a), bounds(b))
    area_a, area_b = abs(polygon_area(a)), abs(polygon_area(b))
    if area_a <= 0 or area_b <= 0:
        return 0.0
    inter = polygon_intersection_area(a, b)
    union = area_a + area_b - inter
    return min(1.0, inter / union) if union > 0 else 0.0


def bounds(ring: list[Point]) -> tuple[float, float, float, float]:
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    return min(xs), min(ys), max(xs), max(ys)


def shape_iou(a: Shape, b: Shape) -> float:
    """IoU of two area shapes (box or polygon, in any mix); 0 for anything else."""
    area_types = (ShapeType.BOX, ShapeType.POLYGON)
    if a.type not in area_types or b.type not in area_types:
        return 0.0
    if a.type is ShapeType.BOX and b.type is ShapeType.BOX:
        return box_iou(a.bbox, b.bbox)
    if box_iou(a.bbox, b.bbox) == 0.0:
        return 0.0
    return polygon_iou(outline(a), outline(b))


# ---------------------------------------------------------------- boundary integral
def _inside_part(ring: list[Point], other: list[Point], *, shared: bool) -> float:
    """Twice-halved shoelace sum over the pieces of ``ring``'s edges inside ``other``.

    ``shared`` says whether pieces lying on ``other``'s boundary in the same direction count
    (they are counted from one of the two polygons only)."""
    total = 0.0
    n, m = len(ring), len(other)
    for i in range(n):
        p, q = ring[i], ring[(i + 1) % n]
        cuts = [0.0, 1.0]
        for j in range(m):
            c, d = other[j], other[(j + 1) % m]
            cuts.extend(_cut_params(p, q, c, d))
        cuts = sorted(set(cuts))
        for t0, t1 in itertools.pairwise(cuts):
            if t1 - t0 < _EPS:
                continue
            s = _lerp(p, q, t0)
            e = _lerp(p, q, t1)
            mid = _lerp(p, q, (t0 + t1) / 2)
            where = _locate(mid, other, (e[0] - s[0], e[1] - s[1]))
            if where == "inside" or (shared and where == "same"):
                total += s[0] * e[1] - e[0] * s[1]
    return total / 2.0


def _lerp(p: Point, q: Point, t: float) -> Point:
    return (p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t)


def _cut_params(p: Point, q: Point, c: Point, d: Point) -> list[float]:
    """Parameters along p→q where the segment c→d meets it (crossing, touching or overlap)."""
    rx, ry = q[0] - p[0], q[1] - p[1]
    sx, sy = d[0] - c[0], d[1] - c[1]
    denom = rx * sy - ry * sx
    qpx, qpy = c[0] - p[0], c[1] - p[1]
    scale = max(abs(rx), abs(ry), abs(sx), abs(sy), 1.0)
    if abs(denom) > _EPS * scale * scale:
        t = (qpx * sy - qpy * sx) / denom
        u = (qpx * ry - qpy * rx) / denom
        if -_EPS <= t <= 1 + _EPS and -_EPS <= u <= 1 + _EPS:
            return [min(1.0, max(0.0, t))]
        return []
    if abs(qpx * ry - qpy * rx) > _EPS * scale * scale:
        return []  # parallel, not on one line
    rr = rx * rx + ry * ry
    if rr == 0:
        return []
    out = []
    for pt in (c, d):  # collinear: the other segment's ends cut this one
        t = ((pt[0] - p[0]) * rx + (pt[1] - p[1]) * ry) / rr
        if 0 <= t <= 1:
            out.append(t)
    return out


def _locate(pt: Point, ring: list[Point], direction: Point) -> str:
    """ "inside", "outside", or — on the boundary — "same"/"opposite" (edge direction)."""
    x, y = pt
    n = len(ring)
    inside = False
    for j in range(n):
        a, b = ring[j], ring[(j + 1) % n]
        ex, ey = b[0] - a[0], b[1] - a[1]
        cross = ex * (y - a[1]) - ey * (x - a[0])
        length = max(abs(ex), abs(ey), 1.0)
        if (
            abs(cross) <= 1e-7 * length * length
            and min(a[0], b[0]) - 1e-9 <= x <= max(a[0], b[0]) + 1e-9
            and min(a[1], b[1]) - 1e-9 <= y <= max(a[1], b[1]) + 1e-9
        ):
            dot = ex * direction[0] + ey * direction[1]
            return "same" if dot > 0 else "opposite"
        if (a[1] > y) != (b[1] > y):
            xc = a[0] + (y - a[1]) * ex / ey
            if x < xc:
                inside = not inside
    return "inside" if inside else "outside"
