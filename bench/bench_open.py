"""Open a 100,000-image project and get "next to do": the core part of opening a window.

Builds a project of 100,000 12-MP image rows with 20,000 of them submitted (5 boxes each),
then, in a fresh Python process each run (so memory is what a new app pays), times: import
of the core, ``Project.open`` (migration check + quick integrity check), ``next_todo``,
``counts`` (the status bar), the first page of the image list, and the taxonomy. Reports
time and RSS. Budget (DESIGN.md): usable window <= 2 s, RSS <= 300 MB (this is the core's
share; the UI adds Qt on top).

    .venv/bin/python bench/bench_open.py [--images 100000] [--submitted 20000] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from core_common import build_project, emit

BUDGET_S = 2.0
BUDGET_RSS_MB = 300

CHILD = r"""
import json, sys, time
t0 = time.perf_counter()
from labeler.project import Project
t_import = time.perf_counter()
p = Project.open(sys.argv[1])
t_open = time.perf_counter()
rec = p.queue.next_todo()
t_next = time.perf_counter()
counts = p.queue.counts()
page = p.queue.page("all", 0, 200)
tax = p.taxonomy
t_ready = time.perf_counter()
import psutil
rss = psutil.Process().memory_info().rss / 2**20
print(json.dumps({
    "import_s": t_import - t0, "open_s": t_open - t_import, "next_todo_s": t_next - t_open,
    "counts_page_taxonomy_s": t_ready - t_next, "total_s": t_ready - t0, "rss_mb": rss,
    "next_seq": rec.seq, "total_images": counts["total"], "page": len(page),
}))
"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--images", type=int, default=100_000)
    ap.add_argument("--submitted", type=int, default=20_000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": str(root)}
    with tempfile.TemporaryDirectory(dir=Path(__file__).parent) as tmp:
        t = time.perf_counter()
        project = build_project(Path(tmp), args.images, args.submitted)
        path = project.path
        project.close()
        build_s = time.perf_counter() - t
        size_mb = os.path.getsize(path) / 2**20
        runs = []
        for _ in range(args.runs):
            out = subprocess.run(
                [sys.executable, "-c", CHILD, path],
                capture_output=True,
                text=True,
                env=env,
                check=True,
            )
            runs.append(json.loads(out.stdout))
    med = {k: round(statistics.median(r[k] for r in runs), 4) for k in runs[0] if k.endswith("_s")}
    rss = round(max(r["rss_mb"] for r in runs), 1)
    result = {
        "bench": "open_100k",
        "images": args.images,
        "submitted": args.submitted,
        "file_mb": round(size_mb, 1),
        "build_s": round(build_s, 1),
        "median": med,
        "rss_mb_max": rss,
        "runs": runs,
        "budget_s": BUDGET_S,
        "budget_rss_mb": BUDGET_RSS_MB,
        "within_budget": med["total_s"] <= BUDGET_S and rss <= BUDGET_RSS_MB,
    }
    emit(
        result,
        f"open {args.images} images + next to do: {med['total_s']:.3f} s"
        f" (open {med['open_s']:.3f} s, next {med['next_todo_s'] * 1000:.2f} ms),"
        f" RSS {rss} MB (budget {BUDGET_S} s, {BUDGET_RSS_MB} MB):"
        f" {'OK' if result['within_budget'] else 'OVER BUDGET'}",
    )


if __name__ == "__main__":
    main()
