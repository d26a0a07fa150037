"""What the core benchmarks share: a 100k-image project built fast, percentiles, output."""

from __future__ import annotations

import hashlib
import json
import statistics
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from labeler import taxonomy
from labeler.annotations import Shape
from labeler.project import Project
from labeler.store import now

TAXONOMY = (
    "tree | Tree | पेड़\nhouse | House | घर\ncattle | Cattle | मवेशी\n"
    "road | Road | सड़क\nwell | Well | कुआँ\n"
)
W, H = 4000, 3000  # 12 MP


def build_project(folder: Path, images: int, submitted: int = 0, boxes: int = 5) -> Project:
    """A project of ``images`` image rows (files need not exist: the rows carry size and hash),
    the first ``submitted`` of them submitted with ``boxes`` boxes each."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "images").mkdir(exist_ok=True)
    project = Project.create(
        folder / "bench.hitl",
        name="bench",
        image_root=folder / "images",
        kind="boxes",
        taxonomy=taxonomy.parse(TAXONOMY),
    )
    stamp = now()
    rows = [
        (
            f"village_{i // 1000:03d}/IMG_{i:06d}.jpg",
            i + 1,
            3_500_000,
            1_700_000_000_000_000_000 + i,
            W,
            H,
            "JPEG",
            hashlib.sha256(i.to_bytes(8, "little")).hexdigest(),
            stamp,
        )
        for i in range(images)
    ]
    with project.store.write() as db:
        db.conn.executemany(
            "INSERT INTO images (path, seq, size, mtime_ns, width, height, format, sha256,"
            " added_at) VALUES (?,?,?,?,?,?,?,?,?)",
            rows,
        )
    if submitted:
        labels = project.taxonomy.ids()
        with project.store.write():  # one outer transaction: building, not timing
            for i in range(submitted):
                shapes = [
                    Shape.box(labels[(i + b) % len(labels)], 10 + b * 50, 20, 40 + b * 50, 90)
                    for b in range(boxes)
                ]
                project.work.submit(i + 1, shapes, "Asha")
    return project


def percentiles(samples_s: list[float]) -> dict[str, float]:
    ms = sorted(s * 1000 for s in samples_s)
    return {
        "n": len(ms),
        "p50_ms": round(statistics.median(ms), 3),
        "p95_ms": round(ms[int(0.95 * (len(ms) - 1))], 3),
        "max_ms": round(ms[-1], 3),
    }


def rss_mb() -> float:
    import psutil

    return round(psutil.Process().memory_info().rss / 2**20, 1)


def emit(result: dict[str, Any], summary: str) -> None:
    print(json.dumps(result, indent=2, ensure_ascii=False))
    print(summary)
