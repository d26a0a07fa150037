"""Export of 100,000 box annotations (20,000 images x 5 boxes) to COCO, from a real project.

The project is built through the core API: image rows in one ``Store.write()`` transaction
(the images need not exist on disk: a submission carries path, size and hash), then 20,000
``Work.submit`` calls inside one outer transaction so building takes seconds, not minutes.
The timed part is ``labeler.exports.export(project, "coco", dest)``: reading the latest
revisions, building the document, writing, fsync and rename. The file is then loaded with
pycocotools as a check, and imported into a fresh project over the same images
(``import_coco_s``). Prints JSON and a one-line summary.

    .venv/bin/python bench/bench_export.py [--images 20000] [--boxes 5] [--runs 3]
        [--formats coco,yolo,...] [--dir FOLDER]

Folder formats (yolo, voc, labelme) write one file per image and fsync each: their time
depends mostly on the disk and file system (file creation cost).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import psutil

from labeler import taxonomy
from labeler.annotations import Shape
from labeler.exports import export
from labeler.imports import import_annotations
from labeler.project import Project
from labeler.store import now

TAXONOMY = "tree | Tree\nhouse | House\ncattle | Cattle\nroad | Road\nwell | Well\n"
W, H = 1920, 1080


def build(folder: Path, images: int, boxes: int, name: str = "bench") -> Project:
    (folder / "images").mkdir(parents=True, exist_ok=True)
    project = Project.create(
        folder / f"{name}.hitl",
        name="bench",
        image_root=folder / "images",
        kind="boxes",
        taxonomy=taxonomy.parse(TAXONOMY),
    )
    stamp = now()
    rows = [
        {
            "path": f"site_{i // 1000:02d}/img_{i:06d}.jpg",
            "seq": i + 1,
            "size": 1,
            "mtime_ns": 0,
            "width": W,
            "height": H,
            "format": "JPEG",
            "sha256": hashlib.sha256(str(i).encode()).hexdigest(),
            "added_at": stamp,
        }
        for i in range(images)
    ]
    with project.store.write() as db:
        db["images"].insert_all(rows, batch_size=2000)
    if boxes == 0:
        return project
    labels = taxonomy.parse(TAXONOMY).ids()
    with project.store.write():  # one outer transaction: each submit is a savepoint
        for image_id in range(1, images + 1):
            shapes = [
                Shape.box(
                    labels[(image_id + k) % len(labels)],
                    10.5 + 37 * k,
                    20.25 + 11 * k,
                    200.5 + 53 * k + image_id % 97,
                    300 + 29 * k,
                )
                for k in range(boxes)
            ]
            project.work.submit(image_id, shapes, "bench", duration_ms=1000)
    return project


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--images", type=int, default=20_000)
    ap.add_argument("--boxes", type=int, default=5)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--formats", default="coco", help="comma-separated export formats")
    ap.add_argument("--dir", default=None, help="where to build the project (default: temp)")
    args = ap.parse_args()
    proc = psutil.Process()
    with tempfile.TemporaryDirectory(prefix="hitl-bench-export-", dir=args.dir) as tmp:
        t0 = time.perf_counter()
        project = build(Path(tmp), args.images, args.boxes)
        build_s = time.perf_counter() - t0
        result: dict = {
            "images": args.images,
            "annotations": args.images * args.boxes,
            "build_project_s": round(build_s, 2),
            "formats": {},
        }
        written: dict[str, Path] = {}
        for fmt in args.formats.split(","):
            times = []
            dest = Path(tmp) / "out" / fmt
            for _ in range(args.runs):
                t = time.perf_counter()
                out = export(project, fmt, dest).path
                times.append(time.perf_counter() - t)
            written[fmt] = out
            size = (
                out.stat().st_size
                if out.is_file()
                else sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
            )
            result["formats"][fmt] = {
                "seconds_median": round(statistics.median(times), 3),
                "seconds_runs": [round(x, 3) for x in times],
                "bytes": size,
            }
        if "coco" in result["formats"]:
            from pycocotools.coco import COCO

            coco = COCO(str(written["coco"]))
            assert len(coco.getAnnIds()) == args.images * args.boxes
            result["formats"]["coco"]["pycocotools_loads"] = True
            fresh = build(Path(tmp), args.images, 0, name="fresh")
            t = time.perf_counter()
            report = import_annotations(fresh, "coco", written["coco"], "bench")
            result["import_coco_s"] = round(time.perf_counter() - t, 3)
            assert report.ok and report.shapes_imported == args.images * args.boxes, str(report)
            fresh.close()
        result["rss_mb"] = round(proc.memory_info().rss / 2**20, 1)
        project.close()
    print(json.dumps(result, indent=2))
    summary = ", ".join(f"{k} {v['seconds_median']} s" for k, v in result["formats"].items())
    print(f"export of {result['annotations']:,} boxes on {args.images:,} images: {summary}")
    if "import_coco_s" in result:
        print(f"import of the same COCO file into a fresh project: {result['import_coco_s']} s")


if __name__ == "__main__":
    main()
