"""Open a project of 100,000 images to a usable window: time and RSS (budget: 2 s, 300 MB).

The index rows are written as a scan of a big folder would leave them (the files themselves
are not needed to open the window; the start-up rescan is switched off for that reason).

    .venv/bin/python bench/bench_ui_open.py [--images 100000]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

CHILD = r"""
import os, sys, time
t0 = time.perf_counter()
import psutil
from PySide6.QtWidgets import QApplication
from labeler.project import Project
from ui.main_window import MainWindow
app = QApplication([])
project = Project.open(sys.argv[1])
w = MainWindow(project, "bench", None, refresh_folder=False)
w.resize(1366, 768)
w.show()
while not (w.canvas.has_pixmap() and w.canvas.paints):
    app.processEvents()
app.processEvents()  # the list and counts
usable = time.perf_counter() - t0
model = w.queue_panel.model
t1 = time.perf_counter()
w.queue_panel.list.scrollToBottom()
app.processEvents()
scroll = time.perf_counter() - t1
print(usable, psutil.Process().memory_info().rss / 2**20, model.rowCount(), scroll)
w.close()
"""


def build(folder: Path, n: int) -> Path:
    from PIL import Image

    from labeler import taxonomy
    from labeler.project import Project
    from labeler.store import now

    images = folder / "images"
    images.mkdir(parents=True)
    Image.new("RGB", (640, 480), "olive").save(images / "first.jpg")
    project = Project.create(
        folder / "big.hitl",
        name="big",
        image_root=images,
        kind="boxes",
        taxonomy=taxonomy.from_names(["tree", "house"]),
    )
    project.index.scan()
    stamp = now()
    rows = (
        {
            "path": f"batch/img_{i:06d}.jpg",
            "seq": 10 + i,
            "size": 2_000_000,
            "mtime_ns": 0,
            "width": 4000,
            "height": 3000,
            "format": "JPEG",
            "sha256": f"{i:064x}",
            "status": "submitted" if i % 3 == 0 else "todo",
            "added_at": stamp,
        }
        for i in range(n)
    )
    with project.store.write() as db:
        db["images"].insert_all(rows, batch_size=10_000)
    path = Path(project.path)
    project.close()
    return path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--images", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = build(Path(tmp), args.images)
        env = dict(os.environ, HITL_LABELER_HOME=tmp)
        # an installed app starts from compiled bytecode: let the first run write it
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        runs = []
        for _ in range(3):
            out = subprocess.run(
                [sys.executable, "-c", CHILD, str(path)],
                env=env,
                check=True,
                capture_output=True,
                text=True,
            )
            runs.append([float(v) for v in out.stdout.split()])
    usable = sorted(r[0] for r in runs)[1]
    rss = max(r[1] for r in runs)
    result = {
        "images": args.images,
        "open_to_usable_window_s_median_of_3": round(usable, 3),
        "rss_mb": round(rss, 1),
        "rows_in_list": int(runs[0][2]),
        "scroll_to_end_ms": round(sorted(r[3] for r in runs)[1] * 1000, 1),
        "load_average": os.getloadavg()[0],
    }
    print(json.dumps(result, indent=2))
    print(
        f"open {result['open_to_usable_window_s_median_of_3']} s (budget 2 s), RSS {result['rss_mb']} MB (budget 300)"
    )


if __name__ == "__main__":
    main()
