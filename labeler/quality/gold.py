"""Gold images: reference images whose answer the admin knows, scored automatically.

A worker's submission on a gold image is compared with the answer (``matching``): boxes and
polygons match at IoU >= 0.5 with the right label, points within a small distance, image tags
exactly. The image *passes* when every answer shape is found with its label and nothing
extra is drawn; classification passes only on the exact label set. ``f1`` and ``mean_iou``
say how close a failed image came. Gold answers come from the server (a signed gold file) or
are imported at the centre from COCO or labelme; they never appear in exports as work.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from labeler.annotations import Shape
from labeler.quality.matching import IOU_THRESHOLD, match_shapes


@dataclass(frozen=True)
class GoldOutcome:
    """How one submission did against its gold answer."""

    matched: int  # answer shapes and tags found with the right label
    missed: int  # answer shapes and tags not found
    extra: int  # shapes and tags drawn that the answer does not have
    wrong_label: int  # of the missed: found at the right place with another label
    mean_iou: float | None
    f1: float
    passed: bool


def score(
    shapes: Sequence[Shape],
    answer: Sequence[Shape],
    width: int,
    height: int,
    threshold: float = IOU_THRESHOLD,
) -> GoldOutcome:
    """Compare a worker's ``shapes`` with the gold ``answer`` for one image."""
    m = match_shapes(answer, shapes, width, height, threshold)
    tags_ok = m.tags_a & m.tags_b
    matched = m.matched + len(tags_ok)
    missed = len(m.only_a) + len(m.tags_a - m.tags_b)
    extra = len(m.only_b) + len(m.tags_b - m.tags_a)
    return GoldOutcome(
        matched=matched,
        missed=missed,
        extra=extra,
        wrong_label=len(m.wrong_label),
        mean_iou=m.mean_iou,
        f1=m.f1(),
        passed=missed == 0 and extra == 0,
    )
