"""Agreement between two workers who labeled the same images (overlap).

For shapes: per label, matched F1 (``2·matched / (2·matched + only_a + only_b)``) and the mean
IoU of the matched pairs, summed over every image the pair shares. For image classes: Cohen's
kappa over the images (single-label projects: the label each gave; multi-label projects: one
yes/no kappa per label). Kappa is small enough to write correctly here (tested against
published values); no dependency is worth its weight for it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from labeler.quality.matching import Match


def cohen_kappa(pairs: Sequence[tuple[Hashable, Hashable]]) -> float | None:
    """Cohen's kappa of two raters over items; ``pairs`` is (rater A's class, rater B's class)
    per item. None when it is undefined (no items, or both always gave one same class)."""
    n = len(pairs)
    if n == 0:
        return None
    observed = sum(1 for x, y in pairs if x == y) / n
    count_a = Counter(x for x, _ in pairs)
    count_b = Counter(y for _, y in pairs)
    expected = sum(count_a[k] * count_b.get(k, 0) for k in count_a) / (n * n)
    if expected >= 1.0:
        return None
    return (observed - expected) / (1.0 - expected)


@dataclass
class LabelAgreement:
    """Counts for one label over the images two workers share."""

    matched: int = 0
    only_a: int = 0
    only_b: int = 0
    iou_sum: float = 0.0
    iou_n: int = 0

    @property
    def f1(self) -> float | None:
        total = 2 * self.matched + self.only_a + self.only_b
        return None if total == 0 else 2 * self.matched / total

    @property
    def mean_iou(self) -> float | None:
        return self.iou_sum / self.iou_n if self.iou_n else None

    def to_dict(self) -> dict[str, float | int]:
        return {
            "matched": self.matched,
            "only_a": self.only_a,
            "only_b": self.only_b,
            "iou_sum": round(self.iou_sum, 6),
            "iou_n": self.iou_n,
        }

    @classmethod
    def from_dict(cls, d: dict) -> LabelAgreement:
        return cls(
            int(d.get("matched", 0)),
            int(d.get("only_a", 0)),
            int(d.get("only_b", 0)),
            float(d.get("iou_sum", 0.0)),
            int(d.get("iou_n", 0)),
        )


def per_label(match: Match, labels_a: Sequence[str], labels_b: Sequence[str]) -> dict:
    """Per-label counts of one image's match; ``labels_a``/``labels_b`` are the shapes'
    labels by index (as matched)."""
    out: dict[str, LabelAgreement] = {}
    for p in match.pairs:
        la = out.setdefault(p.label, LabelAgreement())
        la.matched += 1
        la.iou_sum += p.iou
        la.iou_n += 1
    for i in match.only_a:
        out.setdefault(labels_a[i], LabelAgreement()).only_a += 1
    for j in match.only_b:
        out.setdefault(labels_b[j], LabelAgreement()).only_b += 1
    for t in match.tags_a | match.tags_b:
        la = out.setdefault(t, LabelAgreement())
        if t in match.tags_a and t in match.tags_b:
            la.matched += 1
        elif t in match.tags_a:
            la.only_a += 1
        else:
            la.only_b += 1
    return out


@dataclass
class PairAgreement:
    """Two workers over the images they both labeled."""

    worker_a: str
    worker_b: str
    images: int = 0
    disagreements: int = 0
    labels: dict[str, LabelAgreement] = field(default_factory=dict)
    class_pairs: list[tuple[Hashable, Hashable]] = field(default_factory=list)
    tag_sets: list[tuple[frozenset[str], frozenset[str]]] = field(default_factory=list)

    def add(self, per_image: dict[str, LabelAgreement], agree: bool) -> None:
        self.images += 1
        self.disagreements += 0 if agree else 1
        for label, counts in per_image.items():
            total = self.labels.setdefault(label, LabelAgreement())
            total.matched += counts.matched
            total.only_a += counts.only_a
            total.only_b += counts.only_b
            total.iou_sum += counts.iou_sum
            total.iou_n += counts.iou_n

    @property
    def f1(self) -> float | None:
        total = LabelAgreement()
        for c in self.labels.values():
            total.matched += c.matched
            total.only_a += c.only_a
            total.only_b += c.only_b
        return total.f1

    @property
    def mean_iou(self) -> float | None:
        n = sum(c.iou_n for c in self.labels.values())
        return sum(c.iou_sum for c in self.labels.values()) / n if n else None

    def kappa(self) -> float | None:
        """Cohen's kappa of the image classes (single label per image)."""
        return cohen_kappa(self.class_pairs)

    def label_kappa(self, label: str) -> float | None:
        """Yes/no kappa of one image tag over the shared images (multi-label projects)."""
        return cohen_kappa([(label in a, label in b) for a, b in self.tag_sets])


def pair_agreements(records: Iterable[Any]) -> list[PairAgreement]:
    """Per pair of workers (sorted by name), over the images both labeled: summed per-label
    counts (F1, mean IoU) and the image classes for kappa, from stored ``AgreementRecord``s
    (the station's and the server's alike)."""
    pairs: dict[tuple[str, str], PairAgreement] = {}
    for r in records:
        swap = r.worker_b < r.worker_a
        a, b = (r.worker_b, r.worker_a) if swap else (r.worker_a, r.worker_b)
        pair = pairs.setdefault((a, b), PairAgreement(a, b))
        per_image = {}
        for label, d in r.labels.items():
            c = LabelAgreement.from_dict(d)
            if swap:
                c.only_a, c.only_b = c.only_b, c.only_a
            per_image[label] = c
        pair.add(per_image, r.agree)
        tags_a, tags_b = frozenset(r.tags_a), frozenset(r.tags_b)
        if swap:
            tags_a, tags_b = tags_b, tags_a
        pair.tag_sets.append((tags_a, tags_b))
        pair.class_pairs.append((_one(tags_a), _one(tags_b)))
    return [pairs[k] for k in sorted(pairs)]


def _one(tags: frozenset[str]) -> Hashable:
    """An image's class for kappa: its one tag, none, or (several) the set itself."""
    return next(iter(tags)) if len(tags) == 1 else (tags if tags else None)


def image_class_kappa(pair: PairAgreement) -> float | None:
    """Cohen's kappa of a pair's image classes: over the classes when each image has at
    most one tag, else the mean of the per-label yes/no kappas that are defined. None when
    the images carry no tags or kappa is undefined (both always gave the same)."""
    if not any(a or b for a, b in pair.tag_sets):
        return None
    if all(len(a) <= 1 and len(b) <= 1 for a, b in pair.tag_sets):
        return pair.kappa()
    labels = sorted({t for a, b in pair.tag_sets for t in a | b})
    values = [k for k in (pair.label_kappa(t) for t in labels) if k is not None]
    return sum(values) / len(values) if values else None
