"""The server's row of a submission: the one-pass shapes text gives what the full check and
the encoding give, for records in normal form and every odd one around them."""

from __future__ import annotations

import copy
import random
from typing import Any

import pytest

from labeler.annotations import AnnotationKind
from labeler.errors import InvalidRecord
from labeler.validation import RecordRules, check_submission
from labeler.validation.shapes import in_normal_form
from sync.server.records import RecordRejected, _json, _plain_shapes_text, reason, submission_row

LABELS = frozenset({"tree", "house", 'say "hi"', "back\\slash", "आम", " "})


def _rules(kind: str | None) -> RecordRules:
    return RecordRules(
        lambda v: LABELS if v == 1 else None, None if kind is None else AnnotationKind.parse(kind)
    )


def _coord(rng: random.Random, side: int) -> Any:
    return rng.choice(
        [
            round(rng.uniform(0, side), 1),
            rng.uniform(0, side),
            float(side),
            0.0,
            -0.0,
            -0.5,
            side + 0.5,
            float("nan"),
            float("inf"),
            7,
            True,
            "3.5",
            1e16,
        ]
        if rng.random() < 0.2
        else [round(rng.uniform(0, side), 1)]
    )


def _shape(rng: random.Random, w: int, h: int) -> Any:
    t = rng.choice(["box"] * 6 + ["point"] * 2 + ["polygon", "tag", "polyline", "circle", 3])
    label = rng.choice([*LABELS, "tree"] * 3 + ["nope", 5, None, "tree\n"])
    n = {"box": 2, "point": 1, "polygon": 3, "polyline": 2}.get(t, 0)
    if rng.random() < 0.05:
        n += rng.choice([-1, 1])
    pts: Any = [[_coord(rng, w), _coord(rng, h)] for _ in range(max(n, 0))]
    floats = all(type(c) is float for p in pts for c in p)
    if t == "box" and len(pts) == 2 and floats and rng.random() < 0.8:
        (ax, ay), (bx, by) = pts  # mostly corners in order (some thin, some NaN)
        pts = [[min(ax, bx), min(ay, by)], [max(ax, bx), max(ay, by)]]
    if rng.random() < 0.03:
        pts = [tuple(p) for p in pts]
    d: Any = {"type": t, "label": label, "points": pts}
    odd = rng.random()
    if odd < 0.03:
        d = {"label": label, "type": t, "points": pts}  # another key order
    elif odd < 0.05:
        d["attrs"] = {"occluded": True}
    elif odd < 0.07:
        del d["points"]
    elif odd < 0.08:
        d = [t, label, pts]
    return d


def _record(rng: random.Random) -> dict[str, Any]:
    w, h = rng.choice([(4000, 3000), (640, 480), (1, 1)]), None
    w, h = w
    rec: dict[str, Any] = {
        "uuid": "0b4f4c3e-8a4e-4a57-9a8e-9f0f3c2b1a00",
        "image_sha256": "ab" * 32,
        "image_path": "a/b.jpg",
        "width": w,
        "height": h,
        "shapes": [_shape(rng, w, h) for _ in range(rng.choice([0, 1, 3, 3, 5]))],
        "taxonomy_version": 1,
        "worker": "w",
        "device_id": "d",
        "started_at": "2026-01-05T10:00:00.000Z",
        "submitted_at": "2026-01-05T10:00:01.000Z",
        "duration_ms": 1000,
        "revision": 1,
        "supersedes": None,
        "source": "labeled",
    }
    odd = rng.random()
    if odd < 0.03:
        rec["width"] = rng.choice([0, 4000.0, "4000", 10**6])
    elif odd < 0.05:
        rec["taxonomy_version"] = rng.choice([2, 0, "1", None])
    elif odd < 0.06:
        rec["shapes"] = {"not": "a list"}
    return rec


def _the_full_way(rec: Any, rules: RecordRules) -> dict[str, Any]:
    """The row as it was made before the one-pass text: check, then encode."""
    try:
        row = check_submission(rec, rules)
    except InvalidRecord as exc:
        raise RecordRejected(reason(exc)) from None
    row["record_device_id"] = row.pop("device_id")
    row["shapes"] = _json(row["shapes"])
    return row


@pytest.mark.parametrize(
    "kind", ["boxes", "points", "boxes+points", "polygons", "boxes+classification", None]
)
def test_the_one_pass_row_is_the_full_checks_row(kind: str | None) -> None:
    rng = random.Random(13)
    rules = _rules(kind)
    fast = 0
    for _ in range(3000):
        rec = _record(rng)
        given = copy.deepcopy(rec)
        text = _plain_shapes_text(rec, rules)
        if text is not None and rec["shapes"]:
            fast += 1
        if text is not None:
            labels = rules.labels(rec["taxonomy_version"])
            assert in_normal_form(rec["shapes"], rec["width"], rec["height"], rules.kind, labels)
            assert text == _json(rec["shapes"])
        try:
            expected: Any = _the_full_way(copy.deepcopy(rec), rules)
        except RecordRejected as exc:
            expected = exc
        try:
            got: Any = submission_row(rec, rules)
        except RecordRejected as exc:
            got = exc
        if isinstance(expected, RecordRejected):
            assert isinstance(got, RecordRejected) and str(got) == str(expected)
        else:
            assert got == expected
        assert rec == given or rec != rec  # the record is not changed (NaN is not equal)
    if kind in ("boxes", "boxes+points"):
        assert fast > 20  # and records in normal form take the one pass
    if kind == "polygons":
        assert fast == 0  # this project draws no boxes or points: every shape the full way


def test_a_usual_record_takes_the_one_pass() -> None:
    rec = _record(random.Random(1)) | {"width": 4000, "height": 3000, "taxonomy_version": 1}
    rec["shapes"] = [
        {"type": "box", "label": "tree", "points": [[10.5, 20.25], [200.75, 300.5]]},
        {"type": "box", "label": "house", "points": [[0.0, 0.0], [4000.0, 3000.0]]},
        {"type": "box", "label": 'say "hi"', "points": [[1.0, 2.0], [3.0, 4.0]]},
    ]
    text = _plain_shapes_text(rec, _rules("boxes"))
    assert text is not None and text == _json(rec["shapes"])
    assert submission_row(rec, _rules("boxes"))["shapes"] == text
