"""IoU of boxes and polygons, checked against known values and against shapely."""

from __future__ import annotations

import math
import random

import pytest
from shapely.geometry import Polygon

from labeler.annotations import Shape, drop_repeats
from labeler.quality.geometry import (
    box_iou,
    is_simple,
    polygon_intersection_area,
    polygon_iou,
    shape_iou,
)


def test_box_iou_known_values() -> None:
    assert box_iou((0, 0, 10, 10), (0, 0, 10, 10)) == 1.0
    assert box_iou((0, 0, 10, 10), (5, 0, 15, 10)) == pytest.approx(50 / 150)
    assert box_iou((0, 0, 10, 10), (10, 0, 20, 10)) == 0.0  # touching edges share no area
    assert box_iou((0, 0, 10, 10), (2, 2, 4, 4)) == pytest.approx(4 / 100)


def test_box_and_polygon_mix() -> None:
    box = Shape.box("tree", 0, 0, 10, 10)
    same = Shape.polygon("tree", [(0, 0), (10, 0), (10, 10), (0, 10)])
    half = Shape.polygon("tree", [(0, 0), (10, 0), (0, 10)])
    assert shape_iou(box, same) == pytest.approx(1.0)
    assert shape_iou(box, half) == pytest.approx(0.5)
    assert shape_iou(box, Shape.point("tree", 1, 1)) == 0.0


def test_concave_polygon_against_a_box() -> None:
    # a U shape: the box sits in its notch and touches only its inner edges
    u = [(0, 0), (30, 0), (30, 30), (20, 30), (20, 10), (10, 10), (10, 30), (0, 30)]
    notch = [(10, 10), (20, 10), (20, 30), (10, 30)]
    assert polygon_intersection_area(u, notch) == pytest.approx(0.0, abs=1e-9)
    assert polygon_iou(u, u[::-1]) == pytest.approx(1.0)


def _star(rng: random.Random, k: int, grid: bool) -> list[tuple[float, float]]:
    cx, cy = rng.uniform(0, 50), rng.uniform(0, 50)
    pts = []
    for a in sorted(rng.uniform(0, 2 * math.pi) for _ in range(k)):
        r = rng.uniform(5, 30)
        x, y = cx + r * math.cos(a), cy + r * math.sin(a)
        pts.append((round(x / 5) * 5, round(y / 5) * 5) if grid else (x, y))
    return pts


def test_polygon_intersection_matches_shapely_on_random_polygons() -> None:
    """Random star-shaped (often concave) polygons; half on a coarse grid, so edges lie on
    each other's lines and corners coincide — the hard cases of the boundary method."""
    rng = random.Random(12)
    checked = 0
    for trial in range(700):
        grid = trial % 2 == 0
        a = _star(rng, rng.randint(3, 9), grid)
        b = list(a) if trial % 7 == 0 else _star(rng, rng.randint(3, 9), grid)
        pa, pb = Polygon(a), Polygon(b)
        if not (pa.is_valid and pb.is_valid and pa.area > 0 and pb.area > 0):
            continue
        a, b = drop_repeats(a, closed=True), drop_repeats(b, closed=True)
        assert is_simple(a) and is_simple(b)
        checked += 1
        want = pa.intersection(pb).area
        assert polygon_intersection_area(a, b) == pytest.approx(want, rel=1e-6, abs=1e-6)
    assert checked > 450


def test_self_crossing_polygons_compare_by_their_boxes() -> None:
    bowtie = [(0, 0), (10, 10), (10, 0), (0, 10)]
    assert not is_simple(bowtie) and is_simple([(0, 0), (10, 0), (10, 10)])
    assert polygon_iou(bowtie, [(0, 0), (10, 0), (10, 10), (0, 10)]) == 1.0
