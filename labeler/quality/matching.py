"""One-to-one matching of two workers' (or a worker's and the answer's) shapes on one image.

Greedy by overlap, best first, as COCO evaluation does: a pair counts when both shapes carry
the same label and their IoU is at least the threshold (0.5). Points, which have no area,
match within a distance (``point_tolerance``). Shapes that overlap well but carry different
labels are reported as ``wrong_label`` (a supervisor's most common reason). Image tags are
compared as sets.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from labeler.annotations import Shape, ShapeType
from labeler.quality.geometry import shape_iou

IOU_THRESHOLD = 0.5
AREA_TYPES = (ShapeType.BOX, ShapeType.POLYGON)


def point_tolerance(width: int, height: int) -> float:
    """How far apart two points may be and still mark the same thing: 2% of the image's
    diagonal, at least 5 pixels."""
    return max(5.0, 0.02 * math.hypot(width, height))


@dataclass(frozen=True)
class Pair:
    a: int  # index into the first list
    b: int  # index into the second list
    label: str
    iou: float  # for points: 1 - distance / tolerance


@dataclass
class Match:
    """The outcome of comparing the shapes ``a`` with ``b`` (tags excluded)."""

    pairs: list[Pair] = field(default_factory=list)
    only_a: list[int] = field(default_factory=list)
    only_b: list[int] = field(default_factory=list)
    wrong_label: list[tuple[int, int]] = field(default_factory=list)  # (a, b) good overlap
    tags_a: frozenset[str] = frozenset()
    tags_b: frozenset[str] = frozenset()

    @property
    def matched(self) -> int:
        return len(self.pairs)

    @property
    def mean_iou(self) -> float | None:
        return sum(p.iou for p in self.pairs) / len(self.pairs) if self.pairs else None

    def f1(self) -> float:
        """Matched F1 over shapes and tags together; 1.0 when both are empty."""
        tp = self.matched + len(self.tags_a & self.tags_b)
        miss = len(self.only_a) + len(self.only_b) + len(self.tags_a ^ self.tags_b)
        return 1.0 if tp + miss == 0 else 2 * tp / (2 * tp + miss)


def _similarity(a: Shape, b: Shape, tolerance: float) -> float:
    if a.type in AREA_TYPES and b.type in AREA_TYPES:
        return shape_iou(a, b)
    if a.type is ShapeType.POINT and b.type is ShapeType.POINT:
        (ax, ay), (bx, by) = a.points[0], b.points[0]
        d = math.hypot(ax - bx, ay - by)
        return 1.0 - d / tolerance if d <= tolerance else 0.0
    if a.type is b.type and a.points and b.points:  # a kind added later (e.g. polylines)
        from labeler.quality.geometry import box_iou

        return box_iou(a.bbox, b.bbox)
    return 0.0


def _greedy(
    candidates: list[tuple[float, int, int]], threshold: float
) -> list[tuple[float, int, int]]:
    taken_a: set[int] = set()
    taken_b: set[int] = set()
    out = []
    for sim, i, j in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if sim < threshold or i in taken_a or j in taken_b:
            continue
        taken_a.add(i)
        taken_b.add(j)
        out.append((sim, i, j))
    return out


def match_shapes(
    a: Sequence[Shape],
    b: Sequence[Shape],
    width: int,
    height: int,
    threshold: float = IOU_THRESHOLD,
) -> Match:
    """Compare two shape lists of one image (see the module docstring)."""
    tolerance = point_tolerance(width, height)
    geo_a = [i for i, s in enumerate(a) if s.type is not ShapeType.TAG]
    geo_b = [j for j, s in enumerate(b) if s.type is not ShapeType.TAG]
    sims: dict[tuple[int, int], float] = {}
    for i in geo_a:
        for j in geo_b:
            sim = _similarity(a[i], b[j], tolerance)
            if sim > 0:
                sims[(i, j)] = sim
    same = [(s, i, j) for (i, j), s in sims.items() if a[i].label == b[j].label]
    chosen = _greedy(same, threshold)
    m = Match(
        tags_a=frozenset(s.label for s in a if s.type is ShapeType.TAG),
        tags_b=frozenset(s.label for s in b if s.type is ShapeType.TAG),
    )
    m.pairs = [Pair(i, j, a[i].label, sim) for sim, i, j in sorted(chosen, key=lambda c: c[1])]
    used_a = {p.a for p in m.pairs}
    used_b = {p.b for p in m.pairs}
    m.only_a = [i for i in geo_a if i not in used_a]
    m.only_b = [j for j in geo_b if j not in used_b]
    rest = [
        (s, i, j)
        for (i, j), s in sims.items()
        if i in m.only_a and j in m.only_b and a[i].label != b[j].label
    ]
    m.wrong_label = sorted((i, j) for _s, i, j in _greedy(rest, threshold))
    return m
