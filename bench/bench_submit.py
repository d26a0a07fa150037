"""Submit latency: validate + commit one image's annotations as an immutable submission.

Each submit is its own transaction with ``synchronous=FULL`` (as the app does it), on a
project of 20,000 12-MP image rows, 5 boxes per image; draft saves (every edit) are timed
too. Budget (DESIGN.md): submit p95 <= 5 ms.

    .venv/bin/python bench/bench_submit.py [--images 20000] [--submits 2000]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from core_common import build_project, emit, percentiles

from labeler.annotations import Shape

BUDGET_P95_MS = 5.0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--images", type=int, default=20_000)
    ap.add_argument("--submits", type=int, default=2_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(dir=Path(__file__).parent) as tmp:
        project = build_project(Path(tmp), args.images)
        labels = project.taxonomy.ids()
        submit_s, submit_cpu, draft_s, next_s = [], [], [], []
        rec = project.queue.next_todo()
        for i in range(args.submits):
            assert rec is not None
            shapes = [
                Shape.box(labels[(i + b) % len(labels)], 10 + b * 60, 20 + i % 50, 60 + b * 60, 99)
                for b in range(5)
            ]
            t = time.perf_counter()
            project.work.save_draft(rec.id, shapes[:4], "Asha")
            draft_s.append(time.perf_counter() - t)
            t, c = time.perf_counter(), time.thread_time()
            project.work.submit(rec.id, shapes, "Asha")
            submit_s.append(time.perf_counter() - t)
            submit_cpu.append(time.thread_time() - c)  # less noisy than wall time on a busy PC
            t = time.perf_counter()
            rec = project.queue.next_todo(rec.seq)
            next_s.append(time.perf_counter() - t)
        project.close()
    sub = percentiles(submit_s)
    result = {
        "bench": "submit",
        "images": args.images,
        "boxes_per_image": 5,
        "synchronous": "FULL",
        "submit": sub,
        "submit_cpu": percentiles(submit_cpu),
        "save_draft": percentiles(draft_s),
        "next_todo_after_submit": percentiles(next_s),
        "budget_p95_ms": BUDGET_P95_MS,
        "within_budget": sub["p95_ms"] <= BUDGET_P95_MS,
    }
    emit(
        result,
        f"submit p50 {sub['p50_ms']} ms, p95 {sub['p95_ms']} ms (budget {BUDGET_P95_MS} ms),"
        f" CPU p50 {result['submit_cpu']['p50_ms']} ms:"
        f" {'OK' if result['within_budget'] else 'OVER BUDGET'}",
    )


if __name__ == "__main__":
    main()
