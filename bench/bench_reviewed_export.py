"""Reviewed-only server export: peak memory with the filters in SQL, against holding the
accepted review ids and gold images in Python sets (what it did before; issue 12).

A fresh server database (a SQLite file; ``--postgresql``: a fresh PostgreSQL database on
``HITL_BENCH_DATABASE_URL``, as ``bench_server_surge``) gets ``--rows``
submissions (``tests/sync/server/bulk.py``), an accept review for every second one and a gold
answer for every tenth image. Then each way runs in its own fresh process, which streams
every image a reviewed-only export writes and prints its peak RSS (``VmHWM``) before and after
and how many images it kept (both ways must agree). Runs alternate (sql, sets, sql, sets, …)
so a noisy machine hits both alike; medians are printed.

    .venv/bin/python bench/bench_reviewed_export.py [--rows 500000] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

STAMP = "2026-01-05T10:00:00.000Z"


def hwm_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def fill(url: str, data: Path, rows: int) -> str:
    from sync.server import storage as db
    from sync.server.bootstrap import initialise, open_state
    from sync.server.config import Settings
    from tests.sync.server.bulk import add_project

    settings = Settings(data_dir=data, database_url=url)
    initialise(settings)
    state = open_state(settings)
    project = add_project(state.storage, state.registry, "Reviewed", rows)
    with state.storage.write() as conn:
        bundle = conn.execute(db.bundles.select().limit(1)).first()
        tag = f"{bundle.id:012x}"
        base = {"project_id": project.id, "device_id": bundle.device_id,
                "bundle_id": bundle.id, "record": "{}", "received_at": STAMP}  # fmt: skip
        for first in range(0, rows, 20_000):
            span = range(first, min(rows, first + 20_000))
            conn.execute(db.reviews.insert(), [
                {**base, "uuid": f"{i:08x}-0000-4000-8000-{tag[:-1]}f",
                 "image_sha256": f"{i:064x}", "submission_uuid": f"{i:08x}-0000-4000-8000-{tag}",
                 "worker": "w", "worker_device_id": bundle.device_id, "reviewer": "Meena",
                 "decision": "accept", "reason": None, "reviewed_at": STAMP}
                for i in span if i % 2 == 0])  # fmt: skip
            conn.execute(db.gold.insert(), [
                {**base, "uuid": f"{i:08x}-0000-4000-9000-{tag}", "image_sha256": f"{i:064x}",
                 "source": "centre:bench"}
                for i in span if i % 10 == 0])  # fmt: skip
    state.storage.dispose()
    return project.id


def child(url: str, data: str, project_id: str, way: str) -> None:
    from sqlalchemy import select

    from sync.server import reports
    from sync.server import storage as db
    from sync.server.bootstrap import open_state
    from sync.server.config import Settings

    state = open_state(Settings(data_dir=Path(data), database_url=url))
    before = hwm_kb()
    start = time.perf_counter()
    kept = 0
    if way == "sql":
        for _ in reports.latest_submissions(state.storage, project_id, reviewed_only=True):
            kept += 1
    else:  # the old way: both id lists in sets, then filter the whole stream here
        with state.storage.read() as conn:
            gold = set(conn.execute(select(db.gold.c.image_sha256)).scalars())
            r = db.reviews
            ok = set(conn.execute(select(r.c.submission_uuid).where(r.c.decision == "accept"))
                     .scalars())  # fmt: skip
        for s in reports.latest_submissions(state.storage, project_id):
            kept += 0 if s.image_sha256 in gold or s.uuid not in ok else 1  # type: ignore[union-attr]
        kept += 0 * len(gold)  # gold images are left out by both ways already
    seconds = time.perf_counter() - start
    print(json.dumps({"way": way, "before_kb": before, "peak_kb": hwm_kb(), "kept": kept,
                      "seconds": seconds}))  # fmt: skip


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(*sys.argv[2:6])
        return 0
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=500_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--postgresql", action="store_true", help="a fresh PostgreSQL database")
    args = ap.parse_args()
    pg = None
    if args.postgresql:
        from bench.bench_server_surge import fresh_pg

        pg = fresh_pg()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        url = pg or f"sqlite:///{data / 'server.db'}"
        project_id = fill(url, data, args.rows)
        results: dict[str, list[dict]] = {"sql": [], "sets": []}
        for _ in range(args.runs):
            for way in ("sql", "sets"):
                out = subprocess.run(
                    [sys.executable, __file__, "--child", url, str(data), project_id, way],
                    check=True, capture_output=True, text=True,
                ).stdout  # fmt: skip
                results[way].append(json.loads(out.strip().splitlines()[-1]))
        kept = {r["kept"] for rs in results.values() for r in rs}
        print(f"{args.rows:,} submissions, accept reviews on half, gold on a tenth;"
              f" images kept: {sorted(kept)}")  # fmt: skip
        for way, rs in results.items():
            peaks = [r["peak_kb"] / 1024 for r in rs]
            rises = [(r["peak_kb"] - r["before_kb"]) / 1024 for r in rs]
            print(f"  {way:>4}: peak RSS median {statistics.median(peaks):.0f} MB"
                  f" (max {max(peaks):.0f}), rise while exporting median"
                  f" {statistics.median(rises):.0f} MB; median"
                  f" {statistics.median(r['seconds'] for r in rs):.1f} s")  # fmt: skip
    if pg:
        from bench.bench_server_surge import drop_pg

        drop_pg(pg)
    return 0


if __name__ == "__main__":
    sys.exit(main())
