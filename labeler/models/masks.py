"""A segmentation mask → one polygon a worker can edit.

The outer boundary of the mask's first blob is traced (Moore neighbours), simplified
(Douglas–Peucker) and checked like any polygon a worker draws; a boundary that touches
itself (a blob joined by one pixel) falls back to the blob's convex hull, which is always a
valid polygon.
"""

from __future__ import annotations

import numpy as np

from labeler import annotations as ann
from labeler.errors import GeometryError

# clockwise in image coordinates (y down), starting west
_DIRS = ((0, -1), (-1, -1), (-1, 0), (-1, 1), (0, 1), (1, 1), (1, 0), (1, -1))
MAX_VERTICES = 200


def mask_to_polygon(mask: np.ndarray, epsilon: float = 0.8) -> list[tuple[float, float]]:
    """Vertices ``(x, y)`` in mask pixels (pixel centres at +0.5), or [] for no shape."""
    boundary = trace_boundary(mask)
    if len(boundary) < 3:
        return []
    pts = [(x + 0.5, y + 0.5) for y, x in boundary]
    simple = simplify(pts, epsilon)
    while len(simple) > MAX_VERTICES:
        epsilon *= 1.5
        simple = simplify(pts, epsilon)
    if valid_polygon(simple):
        return simple
    hull = convex_hull(pts)
    return hull if valid_polygon(hull) else []


def trace_boundary(mask: np.ndarray) -> list[tuple[int, int]]:
    """(row, col) of the outer boundary of the first blob in raster order, clockwise."""
    m = np.pad(np.asarray(mask, dtype=bool), 1)
    ys, xs = np.nonzero(m)
    if not len(ys):
        return []
    start = (int(ys[0]), int(xs[0]))
    cur, back = start, 0  # the west neighbour of the first pixel in raster order is empty
    out = [start]
    first_state: tuple[tuple[int, int], int] | None = None
    for _ in range(8 * m.size):
        for k in range(1, 9):
            d = (back + k) % 8
            ny, nx = cur[0] + _DIRS[d][0], cur[1] + _DIRS[d][1]
            if m[ny, nx]:
                py = cur[0] + _DIRS[(d - 1) % 8][0]
                px = cur[1] + _DIRS[(d - 1) % 8][1]
                back = _DIRS.index((py - ny, px - nx)) if (py, px) != (ny, nx) else 0
                cur = (ny, nx)
                break
        else:
            break  # a lone pixel
        state = (cur, back)
        if first_state is None:
            first_state = state
        elif state == first_state:
            break
        out.append(cur)
    if len(out) > 1 and out[-1] == start:
        out.pop()
    return [(y - 1, x - 1) for y, x in out]


def simplify(pts: list[tuple[float, float]], epsilon: float) -> list[tuple[float, float]]:
    """Douglas–Peucker on a closed ring (split at the two farthest-apart vertices)."""
    if len(pts) < 4:
        return list(pts)
    arr = np.asarray(pts)
    far = int(np.argmax(((arr - arr[0]) ** 2).sum(axis=1)))
    a = _dp(pts[: far + 1], epsilon)
    b = _dp([*pts[far:], pts[0]], epsilon)
    return a[:-1] + b[:-1]


def _dp(pts: list[tuple[float, float]], eps: float) -> list[tuple[float, float]]:
    keep = [False] * len(pts)
    keep[0] = keep[-1] = True
    stack = [(0, len(pts) - 1)]
    while stack:
        i, j = stack.pop()
        if j <= i + 1:
            continue
        (x1, y1), (x2, y2) = pts[i], pts[j]
        dx, dy = x2 - x1, y2 - y1
        norm = (dx * dx + dy * dy) ** 0.5
        best, at = -1.0, -1
        for k in range(i + 1, j):
            x, y = pts[k]
            dist = (
                abs(dy * (x - x1) - dx * (y - y1)) / norm
                if norm
                else ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
            )
            if dist > best:
                best, at = dist, k
        if best > eps:
            keep[at] = True
            stack += [(i, at), (at, j)]
    return [p for p, k in zip(pts, keep, strict=True) if k]


def convex_hull(pts: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Andrew's monotone chain, clockwise in image coordinates."""
    p = sorted(set(pts))
    if len(p) < 3:
        return p

    def cross(o, a, b) -> float:  # type: ignore[no-untyped-def]
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list[tuple[float, float]] = []
    for q in p:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], q) <= 0:
            lower.pop()
        lower.append(q)
    upper: list[tuple[float, float]] = []
    for q in reversed(p):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], q) <= 0:
            upper.pop()
        upper.append(q)
    return lower[:-1] + upper[:-1]


def valid_polygon(pts: list[tuple[float, float]]) -> bool:
    if len(pts) < 3:
        return False
    try:
        ann.validate([ann.Shape.polygon("_", pts)], 10**9, 10**9)
    except GeometryError:
        return False
    return True
