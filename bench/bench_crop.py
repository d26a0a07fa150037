"""What a proposal's picture costs: cutting it on the PC, what "None of these fit" costs the
UI thread, the picture's size, and checking it at the server's ingest.

A 12 MP JPEG (4000x3000, quality 90, textured like foliage so it is as large as a camera's)
is cut for three regions: the whole image (decoded at 1/8 in draft mode), a large box (most
of the image: 1/8), and a small box (200 px: decoded whole); beside them, decoding the photo
whole, which is what every cut would cost without draft mode. Then ``Work.propose`` as the UI
thread runs it: before (the picture cut in the call) and after (``picture_later``: committed
at once, the picture cut by a background thread). Figures are median and p95 of ``--runs``
runs, interleaved so the machine's noise hits each alike.

    .venv/bin/python bench/bench_crop.py [--runs 21]
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PIL import Image, ImageFilter

from labeler import crops, taxonomy
from labeler.annotations import Shape
from labeler.project import Project

REGIONS = {
    "whole image": None,
    "large box": Shape.box("x", 100, 100, 3600, 2700),
    "small box": Shape.box("x", 1800, 1400, 2000, 1550),
}


def photo(path: Path) -> str:
    noise = Image.effect_noise((4000, 3000), 60).filter(ImageFilter.GaussianBlur(1.2))
    Image.merge("RGB", (noise, noise.rotate(180), noise.transpose(0))).save(path, quality=90)
    return hashlib.sha256(path.read_bytes()).hexdigest()


def p95(xs: list[float]) -> float:
    return sorted(xs)[max(0, round(0.95 * len(xs)) - 1)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "images" / "photo.jpg"
        path.parent.mkdir()
        sha = photo(path)
        print(f"image: 4000x3000 JPEG, {path.stat().st_size / 1e6:.1f} MB")
        times: dict[str, list[float]] = {k: [] for k in REGIONS}
        checks: list[float] = []
        whole: list[float] = []  # the photo decoded whole: every cut's cost without draft mode
        sizes: dict[str, int] = {}
        for _ in range(args.runs):
            for name, region in REGIONS.items():
                t = time.perf_counter()
                data = crops.make_crop(path, sha, 4000, 3000, region)
                times[name].append((time.perf_counter() - t) * 1000)
                assert data is not None
                sizes[name] = len(data)
                text = crops.encode_crop(data)
                t = time.perf_counter()
                crops.check_crop(text)
                checks.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            with Image.open(path) as im:
                im.load()
            whole.append((time.perf_counter() - t) * 1000)
        for name, ts in times.items():
            print(
                f"make_crop {name:12s} median {statistics.median(ts):6.1f} ms"
                f"  p95 {p95(ts):6.1f} ms  {sizes[name] / 1024:5.1f} KiB"
            )
        print(
            f"decode whole (no draft) median {statistics.median(whole):5.1f} ms"
            f"  p95 {p95(whole):6.1f} ms"
        )
        print(
            f"check_crop (server)    median {statistics.median(checks):6.2f} ms  p95 {p95(checks):6.2f} ms"
        )
        ui_thread(Path(tmp), path, args.runs)
    return 0


def ui_thread(tmp: Path, photo_path: Path, runs: int) -> None:
    """``Work.propose`` on the UI thread with the picture cut in the call (before) and cut
    later (after), for the small and the large box, interleaved."""
    project = Project.create(
        tmp / "p.hitl",
        name="bench",
        image_root=photo_path.parent,
        kind="boxes",
        taxonomy=taxonomy.parse("languages: en\ntree | Tree | #2e7d32 | 1 | A tree\n"),
    )
    project.index.scan()
    project.index.hash_pending()
    [image_id] = [r["id"] for r in project.store.query("SELECT id FROM images")]
    cases: dict[tuple[str, str], list[float]]
    cases = {
        (when, name): [] for when in ("before", "after") for name in ("small box", "large box")
    }
    for _ in range(runs):
        for (when, name), ts in cases.items():
            t = time.perf_counter()
            project.work.propose(
                image_id, "cart", "carts", "asha", REGIONS[name], picture_later=when == "after"
            )
            ts.append((time.perf_counter() - t) * 1000)
    for (when, name), ts in cases.items():
        print(
            f"propose on the UI thread, {when:6s} ({name}): median"
            f" {statistics.median(ts):6.1f} ms  p95 {p95(ts):6.1f} ms"
        )
    project.close()


if __name__ == "__main__":
    sys.exit(main())
