"""Cohen's kappa against published values; agreement counts; the spot-check sample."""

from __future__ import annotations

import pytest

from labeler.annotations import Shape
from labeler.quality.agreement import LabelAgreement, PairAgreement, cohen_kappa, per_label
from labeler.quality.matching import match_shapes
from labeler.quality.sampling import Candidate, draw, spot_checks


def test_kappa_known_values() -> None:
    # scikit-learn's documentation example
    assert cohen_kappa(list(zip([2, 0, 2, 2, 0, 1], [0, 0, 2, 2, 0, 2], strict=True))) == (
        pytest.approx(0.428571, abs=1e-6)
    )
    # Wikipedia, "Cohen's kappa": 50 proposals, 20 yes-yes, 5 yes-no, 10 no-yes, 15 no-no
    table = [("y", "y")] * 20 + [("y", "n")] * 5 + [("n", "y")] * 10 + [("n", "n")] * 15
    assert cohen_kappa(table) == pytest.approx(0.4)
    # ... and its second example: 45, 15, 25, 15
    table = [("y", "y")] * 45 + [("y", "n")] * 15 + [("n", "y")] * 25 + [("n", "n")] * 15
    assert cohen_kappa(table) == pytest.approx(0.1304, abs=1e-4)


def test_kappa_edges() -> None:
    assert cohen_kappa([]) is None
    assert cohen_kappa([("a", "a")] * 5) is None  # one class only: undefined, not 1
    assert cohen_kappa([("a", "a"), ("b", "b")]) == 1.0
    assert cohen_kappa([("a", "b"), ("b", "a")]) == pytest.approx(-1.0)


def test_pair_agreement_per_label() -> None:
    a = [Shape.box("tree", 0, 0, 10, 10), Shape.box("house", 50, 50, 90, 90)]
    b = [Shape.box("tree", 1, 1, 10, 10), Shape.box("cattle", 200, 200, 220, 220)]
    m = match_shapes(a, b, 640, 480)
    counts = per_label(m, [s.label for s in a], [s.label for s in b])
    assert counts["tree"].matched == 1 and counts["tree"].f1 == 1.0
    assert counts["house"].only_a == 1 and counts["cattle"].only_b == 1
    pair = PairAgreement("asha", "ravi")
    pair.add(counts, agree=False)
    assert pair.images == 1 and pair.disagreements == 1
    assert pair.f1 == pytest.approx(2 / 4)
    assert pair.mean_iou == pytest.approx(81 / 100)
    assert LabelAgreement.from_dict(counts["tree"].to_dict()).matched == 1


def test_spot_checks_are_reproducible_and_near_the_share() -> None:
    cands = [Candidate(f"u{i}", f"w{i % 3}", f"2026-01-0{1 + i % 5}") for i in range(3000)]
    picked = spot_checks(cands, 0.1, "seed")
    assert picked == spot_checks(list(reversed(cands)), 0.1, "seed")
    assert 240 <= len(picked) <= 360
    assert picked != spot_checks(cands, 0.1, "other seed")
    # more work arriving never un-picks what was picked
    assert picked <= spot_checks([*cands, Candidate("late", "w0", "2026-01-01")], 0.1, "seed")


def test_every_worker_day_gets_at_least_one_check() -> None:
    cands = [Candidate(f"u{i}", "asha", "2026-01-01") for i in range(3)]
    assert len(spot_checks(cands, 0.0001, "s")) == 1
    assert spot_checks(cands, 0.0, "s") == set()
    with pytest.raises(ValueError):
        spot_checks(cands, 1.5, "s")
    assert 0 <= draw("s", "k") < 1
