"""Index a new folder of 10,000 small images (list + dimensions), then hash them, and compare
the hashing throughput with ``cat`` reading the same files.

The images are real JPEGs (480x360, each with its own bytes) written once into a temp folder.
Timed: ``ImageIndex.scan`` (listing, header read, EXIF, one transaction), then
``ImageIndex.hash_pending`` (SHA-256 of every byte), then ``cat`` of all the files to
/dev/null. All three read from the page cache (the files were just written), so the
hash-vs-cat ratio is the hasher's own cost; ``--cold`` drops the page cache before each step
(root only; it slows every other program on the machine for a moment).
Budget (DESIGN.md): index 10,000 images <= 5 s; hashing near disk speed.

    .venv/bin/python bench/bench_scan.py [--images 10000] [--cold]
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import tempfile
import time
from pathlib import Path

from core_common import emit, rss_mb
from PIL import Image, ImageFilter

from labeler import taxonomy
from labeler.project import Project

BUDGET_SCAN_S = 5.0


def make_folder(root: Path, n: int) -> int:
    """``n`` JPEGs in folders of 500; each gets a distinct COM segment, so a distinct hash."""
    base = io.BytesIO()
    noise = Image.effect_noise((480, 360), 50).filter(ImageFilter.GaussianBlur(2))
    Image.merge("RGB", (noise, noise.rotate(90, expand=False), noise)).save(base, "JPEG")
    data = base.getvalue()
    total = 0
    for i in range(n):
        folder = root / f"batch_{i // 500:03d}"
        if i % 500 == 0:
            folder.mkdir(parents=True)
        comment = f"image {i:08d}".encode()
        seg = b"\xff\xfe" + (len(comment) + 2).to_bytes(2, "big") + comment
        blob = data[:2] + seg + data[2:]
        (folder / f"IMG_{i:06d}.jpg").write_bytes(blob)
        total += len(blob)
    return total


def drop_caches() -> None:
    os.sync()
    with open("/proc/sys/vm/drop_caches", "w") as f:
        f.write("1\n")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--images", type=int, default=10_000)
    ap.add_argument("--cold", action="store_true", help="drop the page cache before each step")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(dir=Path(__file__).parent) as tmp:
        root = Path(tmp) / "images"
        total_bytes = make_folder(root, args.images)
        mb = total_bytes / 2**20
        project = Project.create(
            Path(tmp) / "scan.hitl",
            name="scan",
            image_root=root,
            kind="boxes",
            taxonomy=taxonomy.parse("tree | Tree\n"),
        )
        if args.cold:
            drop_caches()
        t = time.perf_counter()
        report = project.index.scan()
        scan_s = time.perf_counter() - t
        assert report.added == args.images and report.problems == 0, str(report)
        t = time.perf_counter()
        rescan = project.index.scan()
        rescan_s = time.perf_counter() - t
        if args.cold:
            drop_caches()
        t = time.perf_counter()
        hashed = project.index.hash_pending()
        hash_s = time.perf_counter() - t
        assert hashed == args.images and not project.index.duplicates()
        rss = rss_mb()
        project.close()
        if args.cold:
            drop_caches()
        t = time.perf_counter()
        subprocess.run(
            f"find '{root}' -type f -print0 | xargs -0 cat > /dev/null", shell=True, check=True
        )
        cat_s = time.perf_counter() - t
    result = {
        "bench": "scan_and_hash",
        "images": args.images,
        "total_mb": round(mb, 1),
        "page_cache": "cold" if args.cold else "warm",
        "scan_s": round(scan_s, 3),
        "scan_images_per_s": round(args.images / scan_s),
        "rescan_unchanged_s": round(rescan_s, 3),
        "rescan_report": str(rescan),
        "hash_s": round(hash_s, 3),
        "hash_mb_per_s": round(mb / hash_s, 1),
        "cat_s": round(cat_s, 3),
        "cat_mb_per_s": round(mb / cat_s, 1),
        "hash_vs_cat": round(cat_s / hash_s, 2),
        "rss_mb": rss,
        "budget_scan_s": BUDGET_SCAN_S,
        "within_budget": scan_s <= BUDGET_SCAN_S,
    }
    emit(
        result,
        f"scan {args.images} images ({mb:.0f} MB): {scan_s:.2f} s (budget {BUDGET_SCAN_S} s,"
        f" {'OK' if result['within_budget'] else 'OVER BUDGET'}); rescan {rescan_s:.2f} s;"
        f" hash {mb / hash_s:.0f} MB/s vs cat {mb / cat_s:.0f} MB/s"
        f" ({result['hash_vs_cat']:.0%} of cat), {result['page_cache']} cache",
    )


if __name__ == "__main__":
    main()
