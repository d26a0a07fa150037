"""The one validation of records (``labeler.validation``): fixed hostile cases, and properties
that hold for anything thrown at it (hypothesis).

The doors (submit, import, bundle reader, server ingest, USB) have their own tests; here the
rules themselves: what is refused, with which words, and what an accepted record guarantees.
"""

from __future__ import annotations

import itertools
import math
import uuid
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from labeler.annotations import AnnotationKind, Shape, ShapeType
from labeler.errors import AnnotationKindError, GeometryError, InvalidRecord
from labeler.validation import (
    COORD_TOLERANCE,
    MAX_IMAGE_SIDE,
    RecordRules,
    check_proposal,
    check_shapes,
    check_submission,
    shape_from_dict,
)
from labeler.validation.shapes import in_normal_form

LABELS = frozenset({"tree", "house"})
RULES = RecordRules(
    lambda v: LABELS if v in (1, 2) else None,
    AnnotationKind.parse("boxes+polygons+polylines+points+multilabel"),
)


def record(**fields: Any) -> dict[str, Any]:
    rec = {
        "uuid": str(uuid.uuid4()),
        "image_sha256": "ab" * 32,
        "image_path": "village/img_001.jpg",
        "width": 640,
        "height": 480,
        "shapes": [{"type": "box", "label": "tree", "points": [[10.0, 20.0], [110.5, 220.25]]}],
        "taxonomy_version": 1,
        "worker": "आशा",
        "device_id": "dev-0123",
        "started_at": "2026-01-05T10:00:00.000Z",
        "submitted_at": "2026-01-05T10:00:07.500Z",
        "duration_ms": 7500,
        "revision": 1,
        "supersedes": None,
        "source": "labeled",
    }
    rec.update(fields)
    return rec


def box(*pts: Any, label: str = "tree") -> dict[str, Any]:
    return {"type": "box", "label": label, "points": [list(p) for p in pts]}


def test_a_good_record_passes_unchanged() -> None:
    rec = record()
    assert check_submission(rec, RULES) == rec


# (fields to change, words the reason must hold)
HOSTILE = [
    ({"shapes": [box((float("nan"), 1), (5, 5))]}, "finite"),
    ({"shapes": [box((float("inf"), 1), (5, 5))]}, "finite"),
    ({"shapes": [box((-float("inf"), 1), (5, 5))]}, "finite"),
    ({"shapes": [box((-5, 1), (5, 5))]}, "outside the image"),
    ({"shapes": [box((1e300, 1), (5, 5))]}, "outside the image"),
    ({"shapes": [box((10**400, 1), (5, 5))]}, "far too large"),
    ({"shapes": [box((1, 1))]}, "exactly 2 points"),
    ({"shapes": [box((1, 1), (5, 5), (9, 9))]}, "exactly 2 points"),
    ({"shapes": [box((1, 1), (1, 9))]}, "thinner"),
    ({"shapes": [box((True, 1), (5, 5))]}, "must be a number"),
    ({"shapes": [box(("12", 1), (5, 5))]}, "must be a number"),
    ({"shapes": [{"type": "polygon", "label": "tree", "points": [[1, 1], [5, 5]]}]}, "at least 3"),
    ({"shapes": [{"type": "circle", "label": "tree", "points": [[1, 1]]}]}, "unknown type"),
    ({"shapes": [{"type": "tag", "label": "tree", "points": [[1, 1]]}]}, "no geometry"),
    ({"shapes": [box((1, 1), (5, 5), label="dragon")]}, "not in the project's taxonomy"),
    ({"shapes": [{**box((1, 1), (5, 5)), "attrs": {"a": [[[[[[[[[[1]]]]]]]]]]}}]}, "unknown attr"),
    ({"shapes": [{**box((1, 1), (5, 5)), "attrs": {"occluded": float("nan")}}]}, "true or false"),
    ({"shapes": [{**box((1, 1), (5, 5)), "attrs": {"description": "a\ud800"}}]}, "surrogate"),
    ({"shapes": [{**box((1, 1), (5, 5)), "attrs": {"description": "a\x00"}}]}, "control"),
    ({"shapes": [{**box((1, 1), (5, 5)), "attrs": {"flags": {"a\nb": True}}}]}, "control"),
    ({"shapes": [{"type": "polyline", "label": "tree", "points": [[1, 1], [1, 1]]}]}, "no length"),
    ({"shapes": [{**box((1, 1), (5, 5)), "extra": 1}]}, "fields no shape has"),
    ({"shapes": "boxes"}, "must be a list"),
    ({"width": 0}, "width must be between"),
    ({"height": -3}, "height must be between"),
    ({"width": 10**20}, "width must be between"),
    ({"width": 640.0}, "whole number"),
    ({"width": True}, "whole number"),
    ({"duration_ms": 2**64}, "duration_ms must be between"),
    ({"duration_ms": -1}, "duration_ms must be between"),
    ({"revision": 0}, "revision must be between"),
    ({"revision": 2**63}, "revision must be between"),
    ({"taxonomy_version": 7}, "taxonomy_version 7 does not exist"),
    ({"taxonomy_version": "1"}, "taxonomy_version must be a whole number"),
    ({"image_sha256": "not-hex"}, "64 lower-case hex"),
    ({"image_sha256": "AB" * 32}, "64 lower-case hex"),
    ({"uuid": "12345"}, "UUID"),
    ({"uuid": "\ud800" * 36}, "UUID"),
    ({"supersedes": "x"}, "supersedes must be a UUID"),
    ({"worker": "Asha\ud800"}, "lone surrogate"),
    ({"worker": "As\x00ha"}, "control character"),
    ({"worker": "x" * 201}, "limit is 200"),
    ({"worker": ""}, "non-empty text"),
    ({"worker": None}, "non-empty text"),
    ({"device_id": 7}, "non-empty text"),
    ({"image_path": "/etc/passwd"}, "relative to the image folder"),
    ({"image_path": "../../x.jpg"}, "relative to the image folder"),
    ({"image_path": "C:\\x.jpg"}, "relative to the image folder"),
    ({"submitted_at": "yesterday"}, "ISO 8601"),
    ({"started_at": 5}, "non-empty text"),
    ({"source": "Imported By Hand"}, "lower-case word"),
    ({"colour": "red"}, "unknown fields colour"),
]


@pytest.mark.parametrize(("change", "words"), HOSTILE, ids=[w for _, w in HOSTILE])
def test_hostile_submission_is_refused_with_its_reason(change: dict, words: str) -> None:
    with pytest.raises(InvalidRecord, match=words):
        check_submission(record(**change), RULES)


def test_coordinates_within_the_tolerance_go_onto_the_edge() -> None:
    rec = record(shapes=[box((-COORD_TOLERANCE, 0), (640 + COORD_TOLERANCE, 480.3))])
    assert check_submission(rec, RULES)["shapes"][0]["points"] == [[0.0, 0.0], [640.0, 480.0]]


def test_polygons_drop_repeated_vertices_and_may_cross_themselves() -> None:
    ring = [[0, 0], [0, 0], [20, 20], [20, 0], [0, 20], [0, 0]]  # a bow-tie, closed, doubled
    rec = record(shapes=[{"type": "polygon", "label": "tree", "points": ring}])
    assert check_submission(rec, RULES)["shapes"][0]["points"] == [
        [0.0, 0.0],
        [20.0, 20.0],
        [20.0, 0.0],
        [0.0, 20.0],
    ]
    flat = [[0, 0], [5, 5], [10, 10], [5, 5]]
    with pytest.raises(GeometryError, match="on one line"):
        check_submission(
            record(shapes=[{"type": "polygon", "label": "tree", "points": flat}]), RULES
        )


def test_the_project_kind_limits_shapes_and_tags() -> None:
    rules = RecordRules(RULES.labels_at, AnnotationKind.parse("classification"))
    with pytest.raises(AnnotationKindError, match="does not draw box"):
        check_submission(record(), rules)
    two_tags = [{"type": "tag", "label": "tree"}, {"type": "tag", "label": "house"}]
    with pytest.raises(AnnotationKindError, match="one image label"):
        check_submission(record(shapes=two_tags), rules)


def test_proposals() -> None:
    prop = {
        "uuid": str(uuid.uuid4()),
        "image_sha256": "cd" * 32,
        "image_path": "a.jpg",
        "name": "बैलगाड़ी",
        "reason": "carts are not\nin the list",
        "region": box((1, 1), (50, 50)),
        "taxonomy_version": 2,
        "worker": "Asha",
        "device_id": "dev-1",
        "created_at": "2026-01-05T10:01:00.000Z",
    }
    assert check_proposal(prop, RULES) == prop
    for change, words in [
        ({"region": box((float("nan"), 1), (5, 5))}, "finite"),
        ({"region": box((1, 1), (MAX_IMAGE_SIDE + 5, 5))}, "outside any image"),
        ({"region": {"type": "tag", "label": "tree"}}, "not a tag"),
        ({"taxonomy_version": 3}, "does not exist"),
        ({"reason": "a\x00b"}, "control character"),
        ({"name": "n" * 500}, "limit"),
        ({"region": box((1, 1), (50, 50), label="tree\ud800")}, "surrogate"),
        ({"region": box((1, 1), (50, 50), label="tr\x00ee")}, "control character"),
    ]:
        with pytest.raises(InvalidRecord, match=words):
            check_proposal({**prop, **change}, RULES)


# ---------------------------------------------------------------- properties
json_leaf = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**80), max_value=2**80)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
)
json_any = st.recursive(
    json_leaf,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
coord = st.floats(allow_nan=True, allow_infinity=True) | st.integers(-(2**70), 2**70)
shape_dicts = st.fixed_dictionaries(
    {
        "type": st.sampled_from(["box", "polygon", "polyline", "point", "tag", "line"]),
        "label": st.sampled_from(["tree", "house", "dragon", "", "\ud800"]),
        "points": st.lists(st.lists(coord, min_size=2, max_size=2), max_size=6),
    },
    optional={
        "attrs": st.dictionaries(
            st.sampled_from(["occluded", "group_id", "description", "flags", "colour"]),
            json_any,
            max_size=3,
        )
    },
)
FIELDS = list(record())


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(
    shapes=st.lists(shape_dicts, max_size=5),
    width=st.integers(-5, 2 * MAX_IMAGE_SIDE) | json_any,
    height=st.integers(-5, 2 * MAX_IMAGE_SIDE),
    junk=st.dictionaries(st.sampled_from(FIELDS), json_any, max_size=3),
)
def test_any_input_is_either_refused_with_a_reason_or_clean(
    shapes: list, width: Any, height: Any, junk: dict
) -> None:
    """Whatever arrives: ``InvalidRecord`` with a message, or a record that keeps every
    promise (finite coordinates inside the image, real shapes, known labels)."""
    rec = {**record(shapes=shapes, width=width, height=height), **junk}
    try:
        out = check_submission(rec, RULES)
    except InvalidRecord as exc:
        assert str(exc)
        str(exc).encode("utf-8")  # the reason itself can travel in a receipt
        return
    w, h = out["width"], out["height"]
    assert 1 <= w <= MAX_IMAGE_SIDE and 1 <= h <= MAX_IMAGE_SIDE
    for s in out["shapes"]:
        assert s["label"] in LABELS
        pts = s.get("points", [])
        assert all(math.isfinite(x) and 0 <= x <= w and 0 <= y <= h for x, y in pts)
        t = ShapeType(s["type"])
        if t is ShapeType.BOX:
            (x1, y1), (x2, y2) = pts
            assert x2 - x1 >= 1 and y2 - y1 >= 1
        elif t is ShapeType.POLYGON:
            assert len({tuple(p) for p in pts}) >= 3
        elif t is ShapeType.POLYLINE:
            assert len({tuple(p) for p in pts}) >= 2
    assert check_submission(out, RULES) == out  # normalising twice changes nothing


@settings(max_examples=200)
@given(pts=st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5)), min_size=0, max_size=8))
def test_shape_checks_never_raise_anything_but_their_own(pts: list) -> None:
    try:
        (out,) = check_shapes([Shape.polygon("tree", pts)], 5, 5)
    except GeometryError:
        return
    assert len(set(out.points)) >= 3
    ring = [*out.points, out.points[0]]
    assert all(a != b for a, b in itertools.pairwise(ring))


# Shapes as the server mostly receives them, and one step away from that form: the cheap
# test for the normal form must never pass what the full check would refuse or change.
near_coord = st.one_of(
    st.floats(0, 660, allow_nan=False).map(lambda v: round(v, 1)),
    st.sampled_from([0.0, -0.0, 480.0, 640.0, 640.5, -0.5, -1.5, float("nan"), float("inf")]),
    st.integers(-2, 700),
)
POINTS = {"box": 2, "point": 1, "tag": 0, "polygon": 3, "polyline": 2}


@st.composite
def near_shapes(draw: st.DrawFn) -> dict[str, Any]:
    """Mostly a shape the full check leaves as it is; often one step away from it."""
    kind = draw(st.sampled_from(["box", "box", "box", "polygon", "polyline", "point", "tag"]))
    shape: dict[str, Any] = {
        "type": kind,
        "label": draw(st.sampled_from(["tree", "house", "tree", "dragon", " ", "a\nb", "\ud800"])),
    }
    n = POINTS[kind] + draw(st.sampled_from([0, 0, 0, 0, 1, 2, -1]))
    if n > 0 or draw(st.booleans()):
        pair = st.lists(near_coord, min_size=2, max_size=2)
        if draw(st.integers(0, 9)) == 0:
            pair = st.tuples(near_coord, near_coord)
        shape["points"] = draw(st.lists(pair, min_size=max(n, 0), max_size=max(n, 0)))
    if draw(st.integers(0, 9)) == 0:
        shape["attrs"] = draw(st.sampled_from([{}, {"occluded": True}, {"occluded": False}]))
    return shape


KINDS = [None, *map(AnnotationKind.parse, ["boxes", "polygons+points", "classification",
                                            "multilabel+polylines"])]  # fmt: skip


@settings(max_examples=1000, suppress_health_check=[HealthCheck.too_slow])
@given(
    shapes=st.lists(near_shapes(), min_size=1, max_size=3),
    kind=st.sampled_from(KINDS),
    labels=st.sampled_from([None, LABELS]),
)
def test_the_normal_form_test_agrees_with_the_full_check(
    shapes: list, kind: AnnotationKind | None, labels: frozenset[str] | None
) -> None:
    """``in_normal_form`` is only a shortcut: whatever it passes, the full check passes and
    gives back equal dicts (so a record checked either way is stored the same)."""
    if not in_normal_form(shapes, 640, 480, kind, labels):
        return
    event("in normal form")
    full = check_shapes([shape_from_dict(d) for d in shapes], 640, 480, kind, labels)
    assert [s.to_dict() for s in full] == shapes


def test_common_shapes_take_the_short_way() -> None:
    """The shortcut is taken for the records PCs send (else the server pays the full
    price for each): boxes, polygons, points, tags, as a bundle's columns decode them."""
    shapes = [
        box((10.0, 20.0), (110.5, 220.25)),
        {"type": "polygon", "label": "house", "points": [[1.0, 1.0], [9.0, 1.0], [5.0, 7.5]]},
        {"type": "point", "label": "tree", "points": [[0.0, 480.0]]},
    ]
    kind = AnnotationKind.parse("boxes+polygons+points")
    assert in_normal_form(shapes, 640, 480, kind, LABELS)
    assert in_normal_form([{"type": "tag", "label": "tree"}], 640, 480, KINDS[3], LABELS)
    assert not in_normal_form([box((110.5, 20.0), (10.0, 220.25))], 640, 480, kind, LABELS)


def test_the_checked_fields_are_the_records_fields() -> None:
    """A field added to Submission or Proposal must be added to the validation too (records
    with fields it does not know are refused at every door)."""
    from labeler.proposals import Proposal
    from labeler.validation import records
    from labeler.work import Submission

    assert set(Submission.__dataclass_fields__) == records._SUBMISSION_FIELDS
    assert set(Proposal.__dataclass_fields__) == records._PROPOSAL_FIELDS
