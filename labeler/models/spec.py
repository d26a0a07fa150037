"""What a model is, apart from its weights: the settings the admin attaches to its file.

A spec travels in the signed project pack next to the file's SHA-256, so every PC maps the
model's class indexes to the same taxonomy ids with the same thresholds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from labeler.errors import ModelSpecError

TASKS = ("detect", "classify")
NORMALIZE = ("unit", "imagenet")
MAX_CLASSES = 10_000
MAX_INPUT_SIDE = 4096
_SHA = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class ModelSpec:
    """A model's task and how its outputs become labels of the project's taxonomy.

    ``classes[i]`` is the taxonomy label id the model's class ``i`` stands for, or ``None``
    for a class the project does not label (its predictions are dropped).
    """

    task: str
    classes: tuple[str | None, ...]
    input_size: tuple[int, int] = (640, 640)  # (width, height) the network takes
    score_threshold: float = 0.25
    iou_threshold: float = 0.45  # NMS: boxes of one label overlapping more are one object
    max_detections: int = 100
    top_k: int = 3  # classification: how many labels to suggest
    normalize: str = "unit"  # pixels / 255 ("unit") or ImageNet mean/std ("imagenet")
    name: str = ""
    version: str = ""
    sha256: str = ""
    class_names: tuple[str, ...] = field(default=(), compare=False)  # the model's own names

    def __post_init__(self) -> None:
        if self.task not in TASKS:
            raise ModelSpecError(f"model task {self.task!r} is not one of {', '.join(TASKS)}")
        if not self.classes or len(self.classes) > MAX_CLASSES:
            raise ModelSpecError(f"a model needs 1 to {MAX_CLASSES} classes")
        if all(c is None for c in self.classes):
            raise ModelSpecError(
                "none of the model's classes is mapped to a label of the taxonomy;"
                " map at least one (name=label_id)"
            )
        w, h = self.input_size
        if not (8 <= w <= MAX_INPUT_SIDE and 8 <= h <= MAX_INPUT_SIDE):
            raise ModelSpecError(f"input size {w}x{h} is outside 8..{MAX_INPUT_SIDE} pixels")
        for name in ("score_threshold", "iou_threshold"):
            v = getattr(self, name)
            if not (isinstance(v, int | float) and 0.0 <= v <= 1.0):
                raise ModelSpecError(f"{name.replace('_', ' ')} must be between 0 and 1")
        if not 1 <= self.max_detections <= 1000 or not 1 <= self.top_k <= 20:
            raise ModelSpecError("max detections must be 1..1000 and top k 1..20")
        if self.normalize not in NORMALIZE:
            raise ModelSpecError(f"normalize must be one of {', '.join(NORMALIZE)}")
        if self.sha256 and not _SHA.fullmatch(self.sha256):
            raise ModelSpecError("the model's sha256 must be 64 lowercase hex digits")

    @property
    def labels(self) -> set[str]:
        return {c for c in self.classes if c is not None}

    @property
    def short(self) -> str:
        """How a person names this model: name, version and the start of its hash."""
        tag = " ".join(p for p in (self.name, self.version) if p) or "model"
        return f"{tag} ({self.sha256[:8]})" if self.sha256 else tag

    def with_hash(self, sha256: str) -> ModelSpec:
        return replace(self, sha256=sha256)

    def to_dict(self) -> dict[str, Any]:
        return {
            "task": self.task,
            "classes": list(self.classes),
            "class_names": list(self.class_names),
            "input_size": list(self.input_size),
            "score_threshold": self.score_threshold,
            "iou_threshold": self.iou_threshold,
            "max_detections": self.max_detections,
            "top_k": self.top_k,
            "normalize": self.normalize,
            "name": self.name,
            "version": self.version,
            "sha256": self.sha256,
        }

    @classmethod
    def from_dict(cls, d: Any) -> ModelSpec:
        if not isinstance(d, Mapping):
            raise ModelSpecError("model settings are not an object")
        try:
            classes = tuple(None if c is None else str(c) for c in d["classes"])
            size = d.get("input_size", (640, 640))
            if isinstance(size, int):
                size = (size, size)
            return cls(
                task=str(d["task"]),
                classes=classes,
                class_names=tuple(str(n) for n in d.get("class_names", ())),
                input_size=(int(size[0]), int(size[1])),
                score_threshold=float(d.get("score_threshold", 0.25)),
                iou_threshold=float(d.get("iou_threshold", 0.45)),
                max_detections=int(d.get("max_detections", 100)),
                top_k=int(d.get("top_k", 3)),
                normalize=str(d.get("normalize", "unit")),
                name=str(d.get("name", ""))[:200],
                version=str(d.get("version", ""))[:100],
                sha256=str(d.get("sha256", "")),
            )
        except (KeyError, TypeError, ValueError, IndexError) as exc:
            raise ModelSpecError(f"model settings are malformed ({exc})") from exc


def map_classes(
    class_names: Iterable[str],
    label_ids: Iterable[str],
    names_to_ids: Mapping[str, str] | None = None,
    explicit: Mapping[str, str | None] | None = None,
) -> tuple[tuple[str | None, ...], list[str]]:
    """Map the model's class names to taxonomy ids: ``explicit`` first (``None`` ignores a
    class), then a class named like a label id, then like any of a label's names (any
    language, any case). Returns the mapping and the class names left unmapped."""
    ids = set(label_ids)
    by_name = {k.casefold(): v for k, v in (names_to_ids or {}).items()}
    by_name |= {i.casefold(): i for i in ids}
    explicit = dict(explicit or {})
    for name, target in explicit.items():
        if target is not None and target not in ids:
            raise ModelSpecError(f"class {name!r} is mapped to {target!r}, not a label id")
    names = list(class_names)
    unknown = set(explicit) - set(names) - {str(i) for i in range(len(names))}
    if unknown:
        raise ModelSpecError(
            f"the model has no class named {sorted(unknown)[0]!r}; its classes are"
            f" {', '.join(names[:20])}"
        )
    out: list[str | None] = []
    unmapped: list[str] = []
    for i, name in enumerate(names):
        if name in explicit or str(i) in explicit:
            out.append(explicit.get(name, explicit.get(str(i))))
            continue
        target = by_name.get(name.casefold())
        out.append(target)
        if target is None:
            unmapped.append(name)
    return tuple(out), unmapped


def parse_mapping(text: str) -> dict[str, str | None]:
    """``"person=worker, dog=-, 3=cow"`` → {"person": "worker", "dog": None, "3": "cow"}."""
    out: dict[str, str | None] = {}
    for part in filter(None, (p.strip() for p in re.split(r"[,\n]", text))):
        if "=" not in part:
            raise ModelSpecError(f"{part!r}: write a class mapping as model_class=label_id")
        name, target = (s.strip() for s in part.split("=", 1))
        if not name:
            raise ModelSpecError(f"{part!r}: the model class is empty")
        out[name] = None if target in ("", "-") else target
    return out
