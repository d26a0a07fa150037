"""A suggestion: a shape the model proposes, with its score (0..1)."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

from labeler.annotations import Shape, ShapeType
from labeler.errors import GeometryError


@dataclass(frozen=True)
class Prediction:
    """One proposed shape (a box, polygon or image tag) in image pixels, with its score."""

    shape: Shape
    score: float

    @property
    def label(self) -> str:
        return self.shape.label

    def to_dict(self) -> dict[str, Any]:
        d = self.shape.to_dict()
        d.pop("attrs", None)
        d["score"] = round(float(self.score), 4)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Prediction:
        if not isinstance(d, dict):
            raise GeometryError(f"malformed prediction {d!r}")
        score = d.get("score", 1.0)
        if isinstance(score, bool) or not isinstance(score, int | float) or not 0 <= score <= 1:
            raise GeometryError(f"prediction score {score!r} is not between 0 and 1")
        shape = Shape.from_dict({k: v for k, v in d.items() if k != "score"})
        if any(not (math.isfinite(x) and math.isfinite(y)) for x, y in shape.points):
            raise GeometryError("a prediction has a coordinate that is not a number")
        return cls(shape, float(score))


def dumps(predictions: list[Prediction] | tuple[Prediction, ...]) -> str:
    return json.dumps([p.to_dict() for p in predictions], separators=(",", ":"))


def loads(text: str | None) -> list[Prediction]:
    return [Prediction.from_dict(d) for d in json.loads(text)] if text else []


def clip_box(
    x1: float, y1: float, x2: float, y2: float, width: int, height: int
) -> tuple[float, float, float, float]:
    """A box clipped to the image, so a suggestion accepted as is passes validation."""
    return (
        min(max(x1, 0.0), width),
        min(max(y1, 0.0), height),
        min(max(x2, 0.0), width),
        min(max(y2, 0.0), height),
    )


def is_tag(p: Prediction) -> bool:
    return p.shape.type is ShapeType.TAG
