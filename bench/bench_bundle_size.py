"""Bytes on the wire per bounding box and per classification: bundles vs Label Studio JSON + gzip.

The same work is built twice in real project files (12 MP images, coordinates as a mouse
gives them: arbitrary floats; a worker submitting every 4-20 s) and measured as:

- ``bundle``: the outbox's bundle files (what ``POST /v1/bundles`` carries), and the receipts
  that come back (not compressed by the server);
- ``labelstudio_gz``: ``labeler.exports`` Label Studio JSON of the same submissions, gzipped
  (level 6, gzip's default).

Workloads: ``boxes`` (1–7 boxes per image, 4 on average) and ``classification`` (one image
tag). Budget (DESIGN.md): bundle bytes <= 1/3 of Label Studio gzipped.

    .venv/bin/python bench/bench_bundle_size.py [--images 2000]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.core_common import TAXONOMY, H, W, emit
from labeler import taxonomy
from labeler.annotations import Shape
from labeler.exports import export_records
from labeler.project import Project
from sync.bundle import encode_secret
from sync.identity import SyncIdentity
from sync.outbox import Outbox
from sync.signing import generate_private_key, public_key_of, sign_json


def build(folder: Path, images: int, kind: str, rng: random.Random) -> tuple[Project, int]:
    import hashlib

    folder.mkdir(parents=True)
    (folder / "images").mkdir()
    project = Project.create(
        folder / "bench.hitl",
        name="bench",
        image_root=folder / "images",
        kind="boxes" if kind == "boxes" else "classification",
        taxonomy=taxonomy.parse(TAXONOMY),
    )
    rows = [
        (
            f"village_{i // 1000:03d}/IMG_{i:06d}.jpg",
            i + 1,
            3_500_000,
            i,
            W,
            H,
            "JPEG",
            hashlib.sha256(i.to_bytes(8, "little")).hexdigest(),
            "2026-01-05T08:00:00.000Z",
        )
        for i in range(images)
    ]
    with project.store.write() as db:
        db.conn.executemany(
            "INSERT INTO images (path, seq, size, mtime_ns, width, height, format, sha256,"
            " added_at) VALUES (?,?,?,?,?,?,?,?,?)",
            rows,
        )
    labels = project.taxonomy.ids()
    t = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
    shapes_total = 0
    with project.store.write():
        for i in range(images):
            started = t
            t += timedelta(milliseconds=rng.randint(4000, 20000))
            if kind == "boxes":
                shapes = []
                for _ in range(rng.randint(1, 7)):
                    x, y = rng.uniform(0, W - 400), rng.uniform(0, H - 400)
                    shapes.append(
                        Shape.box(
                            rng.choice(labels),
                            x,
                            y,
                            x + rng.uniform(20, 390),
                            y + rng.uniform(20, 390),
                        )
                    )
            else:
                shapes = [Shape.tag(rng.choice(labels))]
            shapes_total += len(shapes)
            project.work.submit(
                i + 1,
                shapes,
                "Asha",
                started_at=_ts(started),
                submitted_at=_ts(t),
            )
    return project, shapes_total


def _ts(t: datetime) -> str:
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"


def measure(folder: Path, images: int, kind: str) -> dict:
    project, shapes = build(folder, images, kind, random.Random(7))
    try:
        server_key = generate_private_key()
        ident = SyncIdentity(
            "http://127.0.0.1:9",
            "prj_bench",
            "dev_bench",
            public_key_of(server_key),
            encode_secret(os.urandom(32)),
        )
        outbox = Outbox(project, identity=ident)
        bundles = outbox.pack()
        bundle_bytes = sum(b.size for b in bundles)
        receipt_bytes = 0
        for b in bundles:  # what the server answers: every uuid accepted, signed
            uuids = [
                r["record_uuid"]
                for r in project.store.query(
                    "SELECT record_uuid FROM delivery WHERE bundle_seq = ?", (b.id,)
                )
            ]
            body = {
                "project_id": "prj_bench",
                "device_id": "dev_bench",
                "seq": b.seq,
                "bundle_sha256": b.sha256,
                "received_at": "2026-01-05T10:00:00.000000Z",
                "accepted": uuids,
                "duplicates": [],
                "rejected": [],
            }
            receipt_bytes += len(
                json.dumps({"receipt": body, "signature": sign_json(body, server_key)})
            )
        ls = export_records(
            project.work.latest_submissions(), project.taxonomy, "labelstudio", folder / "ls.json"
        ).path
        ls_raw = ls.read_bytes()
        ls_gz = len(gzip.compress(ls_raw, compresslevel=6))
    finally:
        project.close()
    unit = shapes if kind == "boxes" else images
    return {
        "images": images,
        "shapes": shapes,
        "bundles": len(bundles),
        "bundle_bytes": bundle_bytes,
        "receipt_bytes": receipt_bytes,
        "labelstudio_json_bytes": len(ls_raw),
        "labelstudio_gz_bytes": ls_gz,
        "bundle_bytes_per_unit": round(bundle_bytes / unit, 2),
        "labelstudio_gz_bytes_per_unit": round(ls_gz / unit, 2),
        "ratio_bundle_to_labelstudio_gz": round(bundle_bytes / ls_gz, 3),
        "unit": "box" if kind == "boxes" else "classified image",
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--images", type=int, default=2000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        boxes = measure(Path(tmp) / "boxes", args.images, "boxes")
        cls = measure(Path(tmp) / "cls", args.images, "classification")
    result = {"budget_ratio": round(1 / 3, 3), "boxes": boxes, "classification": cls}
    emit(
        result,
        f"bundle bytes: {boxes['bundle_bytes_per_unit']} B/box"
        f" (LS gz {boxes['labelstudio_gz_bytes_per_unit']}, ratio"
        f" {boxes['ratio_bundle_to_labelstudio_gz']}); {cls['bundle_bytes_per_unit']}"
        f" B/classification (LS gz {cls['labelstudio_gz_bytes_per_unit']}, ratio"
        f" {cls['ratio_bundle_to_labelstudio_gz']}); budget <= 0.333",
    )


if __name__ == "__main__":
    main()
