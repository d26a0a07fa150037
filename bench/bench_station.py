"""The supervisor station's figures:

- open the work of 20 PCs with 100,000 submissions to a usable station window (the review
  queue on screen): time and RSS (budget 2 s, 300 MB); and how long collecting those
  100,000 submissions from 20 PCs' bundles on a drive takes (done once per visit);
- the keyboard review loop: images accepted per minute from the keyboard through the real
  window (one key per image), with the image decoded for each.

    .venv/bin/python bench/bench_station.py [--pcs 20] [--submissions 100000] [--accept 200]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.core_common import emit

OPEN_CHILD = r"""
import sys, time
t0 = time.perf_counter()
c0 = time.process_time()
import psutil
from PySide6.QtWidgets import QApplication
from labeler.project import Project
from ui.station.window import StationWindow
app = QApplication([])
t1 = time.perf_counter()
project = Project.open(sys.argv[1])
w = StationWindow(project, "Meena")
w.resize(1366, 768)
w.show()
while not w.review.canvas.paints:
    app.processEvents()
app.processEvents()
usable = time.perf_counter() - t0
print(usable, psutil.Process().memory_info().rss / 2**20, len(w.review.items),
      time.perf_counter() - t1, time.process_time() - c0)
w.drive.runner.shutdown()
w.close()
"""

ACCEPT_CHILD = r"""
import sys, time
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from labeler.project import Project
from ui.station.window import StationWindow
app = QApplication([])
project = Project.open(sys.argv[1])
n = int(sys.argv[2])
w = StationWindow(project, "Meena")
w.resize(1366, 768)
w.show()
app.processEvents()
page = w.review
page.setFocus()
keys0 = page.keys_pressed
t0 = time.perf_counter()
for _ in range(n):
    painted = page.canvas.paints
    QTest.keyClick(page, Qt.Key.Key_A)
    while page.canvas.paints == painted and page.items:
        app.processEvents()
elapsed = time.perf_counter() - t0
print(elapsed, page.keys_pressed - keys0, len(page.items))
w.drive.runner.shutdown()
w.close()
"""


def build_station(folder: Path, pcs: int, submissions: int) -> Path:
    """A sample-image station with ``submissions`` collected from ``pcs`` PCs (60 bundles
    each, the way a week of a busy centre arrives)."""
    from labeler.project import Project
    from labeler.quality.collect import store_bundle
    from labeler.quality.station import QualitySettings, Station, grant_supervisor
    from labeler.sample import create_sample_project

    path = create_sample_project(folder / "station")
    with Project.open(path) as project:
        grant_supervisor(project)
        Station(project).save_settings(QualitySettings(spot_share=0.10, seed="bench"))
        images = project.store.query("SELECT path, sha256, width, height FROM images")
        per_pc = submissions // pcs
        for p in range(pcs):
            subs = []
            for i in range(per_pc):
                im = images[(p * per_pc + i) % len(images)]
                w, h = im["width"], im["height"]
                subs.append({
                    "uuid": str(uuid.uuid4()), "image_sha256": f"{p:08x}{i:056x}",
                    "image_path": im["path"], "width": w, "height": h,
                    "shapes": [{"type": "box", "label": "tree",
                                "points": [[w * 0.1, h * 0.2], [w * 0.5, h * 0.7]]}] * 3,
                    "taxonomy_version": 1, "worker": f"worker{p:02d}", "device_id": f"pc{p}",
                    "started_at": None,
                    "submitted_at": f"2026-03-0{1 + i % 7}T10:00:{i % 60:02d}.000Z",
                    "duration_ms": 5000 + i % 4000, "revision": 1, "supersedes": None,
                    "source": "labeled",
                })  # fmt: skip
            step = max(1, per_pc // 60)
            for b in range(0, per_pc, step):
                store_bundle(
                    project.store, device_id=f"dev-pc{p:02d}", seq=b // step + 1,
                    sha256=f"{p:02x}{b:062x}", prev_sha256=None, via="bench",
                    submissions=subs[b : b + step], proposals=[],
                )  # fmt: skip
    return path


def collect_figure(folder: Path, pcs: int, submissions: int) -> dict:
    """Time to collect ``submissions`` from ``pcs`` PCs' real bundle files on a drive."""
    from labeler.project import Project
    from labeler.quality.station import grant_supervisor
    from labeler.sample import create_sample_project
    from sync.bundle import encode_bundle
    from sync.station.collect import collect_from_drive

    path = create_sample_project(folder / "collect")
    drive = folder / "USB"
    with Project.open(path) as project:
        grant_supervisor(project)
        per_pc = submissions // pcs
        step = 600  # about what the outbox packs in 64 KiB
        for p in range(pcs):
            d = drive / "HITL" / "outgoing" / project.id / f"dev-pc{p:02d}"
            d.mkdir(parents=True)
            prev = None
            for b in range(0, per_pc, step):
                subs = [{
                    "uuid": str(uuid.uuid4()), "image_sha256": f"{p:08x}{b + i:056x}",
                    "image_path": f"img_{i}.jpg", "width": 4000, "height": 3000,
                    "shapes": [{"type": "box", "label": "tree",
                                "points": [[10.5, 20.0], [300.0, 400.5]]}],
                    "taxonomy_version": 1, "worker": f"worker{p:02d}", "device_id": "local",
                    "started_at": None, "submitted_at": "2026-03-02T10:00:00.000Z",
                    "duration_ms": 5000, "revision": 1, "supersedes": None, "source": "labeled",
                } for i in range(min(step, per_pc - b))]  # fmt: skip
                fields = {"project_id": project.id, "device_id": f"dev-pc{p:02d}",
                          "seq": b // step + 1, "prev_sha256": prev}  # fmt: skip
                data = encode_bundle(fields, subs, [], b"k" * 32)
                (d / f"{b // step + 1:08d}.hitlb").write_bytes(data)
                import hashlib

                prev = hashlib.sha256(data).hexdigest()
        t0 = time.perf_counter()
        report = collect_from_drive(project, drive)
        took = time.perf_counter() - t0
        t1 = time.perf_counter()
        again = collect_from_drive(project, drive)
        took_again = time.perf_counter() - t1
    return {
        "collect_s": round(took, 2),
        "collected_submissions": report.submissions_new,
        "bundles": report.bundles_new,
        "collect_again_s": round(took_again, 2),
        "again_new": again.submissions_new,
    }


def run_child(code: str, *args: str, env: dict) -> list[float]:
    out = subprocess.run(
        [sys.executable, "-c", code, *args], env=env, check=True, capture_output=True, text=True
    )
    return [float(v) for v in out.stdout.split()]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pcs", type=int, default=20)
    parser.add_argument("--submissions", type=int, default=100_000)
    parser.add_argument("--accept", type=int, default=200)
    args = parser.parse_args()
    root = str(Path(__file__).resolve().parent.parent)
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, HITL_LABELER_HOME=tmp, PYTHONPATH=root)
        os.environ["HITL_LABELER_HOME"] = tmp
        path = build_station(Path(tmp), args.pcs, args.submissions)
        opens = [run_child(OPEN_CHILD, str(path), env=env) for _ in range(3)]
        accept = run_child(ACCEPT_CHILD, str(path), str(args.accept), env=env)
        collected = collect_figure(Path(tmp), args.pcs, args.submissions)
    usable = sorted(o[0] for o in opens)[1]
    result = {
        "pcs": args.pcs,
        "submissions": args.submissions,
        "open_to_usable_station_s_median_of_3": round(usable, 3),
        "rss_mb": round(max(o[1] for o in opens), 1),
        "queue_items": int(opens[0][2]),
        "open_after_imports_s_median_of_3": round(sorted(o[3] for o in opens)[1], 3),
        # CPU seconds of the opening process: what the open costs on a machine not shared
        # with other work (the wall time above grows with the load average)
        "open_cpu_s_median_of_3": round(sorted(o[4] for o in opens)[1], 3),
        "accepted": args.accept,
        "accept_s": round(accept[0], 2),
        "accepted_per_minute": round(60 * args.accept / accept[0], 1),
        "keys_per_image": round(accept[1] / args.accept, 2),
        **collected,
        "load_average": os.getloadavg()[0],
    }
    emit(
        result,
        f"open {result['open_to_usable_station_s_median_of_3']} s"
        f" ({result['open_cpu_s_median_of_3']} s CPU; budget 2 s),"
        f" RSS {result['rss_mb']} MB (budget 300); {result['accepted_per_minute']} accepts/min"
        f" at {result['keys_per_image']} keys per image; collect {collected['collect_s']} s",
    )


if __name__ == "__main__":
    main()
