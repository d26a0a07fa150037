"""Agreement per pair of workers with Cohen's kappa of their image classes (issue 12)."""

from __future__ import annotations

import pytest

from labeler.quality.agreement import cohen_kappa, image_class_kappa, pair_agreements
from labeler.quality.records import AgreementRecord
from labeler.store import new_uuid, now


def rec(a: str, b: str, tags_a: list[str], tags_b: list[str], labels=None) -> AgreementRecord:  # type: ignore[no-untyped-def]
    agree = tags_a == tags_b
    return AgreementRecord.from_dict({
        "uuid": new_uuid(), "image_sha256": "a" * 64, "submission_a": new_uuid(),
        "submission_b": new_uuid(), "worker_a": a, "worker_b": b, "device_id": "st",
        "labels": labels or {}, "tags_a": tags_a, "tags_b": tags_b,
        "f1": 1.0 if agree else 0.0, "mean_iou": None, "agree": agree, "computed_at": now(),
    })  # fmt: skip


def test_single_label_kappa_per_pair_matches_the_textbook_value() -> None:
    # 10 images: both "cat" 4, both "dog" 3, asha cat / ravi dog 2, asha dog / ravi cat 1
    # p_o = 0.7; p_e = 0.6*0.5 + 0.4*0.5 = 0.5; kappa = 0.4
    data = [("cat", "cat")] * 4 + [("dog", "dog")] * 3 + [("cat", "dog")] * 2 + [("dog", "cat")]
    records = [rec("asha", "ravi", [x], [y]) for x, y in data[:5]]
    records += [rec("ravi", "asha", [y], [x]) for x, y in data[5:]]  # either order
    (pair,) = pair_agreements(records)
    assert (pair.worker_a, pair.worker_b, pair.images, pair.disagreements) == (
        "asha",
        "ravi",
        10,
        3,
    )
    assert image_class_kappa(pair) == pytest.approx(0.4)
    assert cohen_kappa(data) == pytest.approx(0.4)


def test_shapes_only_pairs_have_f1_and_iou_but_no_kappa() -> None:
    labels = {"tree": {"matched": 3, "only_a": 1, "only_b": 0, "iou_sum": 2.4, "iou_n": 3}}
    swapped = {"tree": {"matched": 1, "only_a": 0, "only_b": 1, "iou_sum": 0.5, "iou_n": 1}}
    pairs = pair_agreements(
        [rec("asha", "ravi", [], [], labels), rec("ravi", "asha", [], [], swapped)]
    )
    (pair,) = pairs
    counts = pair.labels["tree"]
    assert (counts.matched, counts.only_a, counts.only_b) == (4, 2, 0)  # the swap undone
    assert pair.f1 == pytest.approx(8 / 10) and pair.mean_iou == pytest.approx(2.9 / 4)
    assert image_class_kappa(pair) is None


def test_multi_label_kappa_is_the_mean_of_the_per_label_kappas() -> None:
    records = [
        rec("a", "b", ["x", "y"], ["x", "y"]),
        rec("a", "b", ["x"], ["x", "y"]),
        rec("a", "b", ["y"], ["y"]),
        rec("a", "b", [], []),
    ]
    (pair,) = pair_agreements(records)
    expect = [pair.label_kappa("x"), pair.label_kappa("y")]
    assert image_class_kappa(pair) == pytest.approx(sum(expect) / 2)
    assert pair.label_kappa("x") == pytest.approx(1.0)
