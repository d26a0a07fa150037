"""Matching shapes and scoring work on gold images."""

from __future__ import annotations

import pytest

from labeler.annotations import Shape
from labeler.quality.gold import score
from labeler.quality.matching import match_shapes

ANSWER = [Shape.box("tree", 10, 10, 50, 50), Shape.box("house", 100, 100, 180, 160)]


def test_the_same_boxes_a_little_off_pass() -> None:
    work = [Shape.box("house", 102, 98, 181, 161), Shape.box("tree", 11, 9, 49, 52)]
    out = score(work, ANSWER, 640, 480)
    assert out.passed and out.matched == 2 and out.missed == out.extra == 0
    assert out.f1 == 1.0 and 0.9 < out.mean_iou <= 1.0


def test_a_loose_box_below_iou_half_fails() -> None:
    loose = Shape.box("tree", 0, 0, 90, 90)  # IoU with the answer 1600/8100 < 0.5
    out = score([loose, ANSWER[1]], ANSWER, 640, 480)
    assert not out.passed
    assert (out.matched, out.missed, out.extra) == (1, 1, 1)
    assert out.f1 == pytest.approx(0.5)


def test_wrong_label_at_the_right_place_is_named() -> None:
    out = score([Shape.box("cattle", 10, 10, 50, 50), ANSWER[1]], ANSWER, 640, 480)
    assert not out.passed and out.wrong_label == 1 and out.missed == 1 and out.extra == 1


def test_missed_object_and_extra_object() -> None:
    assert score([ANSWER[0]], ANSWER, 640, 480).missed == 1
    extra = score([*ANSWER, Shape.box("cattle", 300, 300, 320, 330)], ANSWER, 640, 480)
    assert extra.extra == 1 and not extra.passed


def test_classification_is_exact() -> None:
    assert score([Shape.tag("tree")], [Shape.tag("tree")], 64, 48).passed
    assert not score([Shape.tag("house")], [Shape.tag("tree")], 64, 48).passed
    both = score([Shape.tag("tree"), Shape.tag("house")], [Shape.tag("tree")], 64, 48)
    assert not both.passed and both.extra == 1


def test_points_match_within_a_small_distance() -> None:
    m = match_shapes([Shape.point("tree", 100, 100)], [Shape.point("tree", 104, 103)], 640, 480)
    assert m.matched == 1
    far = match_shapes([Shape.point("tree", 100, 100)], [Shape.point("tree", 160, 100)], 640, 480)
    assert far.matched == 0 and far.only_a == [0] and far.only_b == [0]


def test_each_shape_matches_once_best_first() -> None:
    a = [Shape.box("tree", 0, 0, 10, 10)]
    b = [Shape.box("tree", 1, 0, 11, 10), Shape.box("tree", 0, 0, 10, 10)]
    m = match_shapes(a, b, 100, 100)
    assert [(p.a, p.b) for p in m.pairs] == [(0, 1)] and m.only_b == [0]
