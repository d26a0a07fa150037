"""Server export of many submissions: time and peak memory of `labeler-server export`.

Rows are put straight into a fresh server database (PostgreSQL on
``HITL_BENCH_DATABASE_URL``, default the local test server; ``--sqlite`` for a file), as
ingest stores them (3 boxes each, one image per submission), then ``labeler-server export``
runs as its own process (what an export job's worker runs) while its RSS is sampled.

Budget (DESIGN.md): 1,000,000 submissions with RSS <= 300 MB.

    .venv/bin/python bench/bench_server_export.py [--rows 1000000] [--format coco] [--sqlite]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import psutil

from bench.bench_server_ingest import TAXONOMY, submission
from bench.bench_server_surge import drop_pg, fresh_pg
from labeler import taxonomy
from sync.server import storage as db
from sync.server.bootstrap import initialise, open_state
from sync.server.config import Settings

BATCH = 10_000


def _row(rec: dict, common: dict) -> dict:
    """A submission as ingest stores it (shapes as compact JSON)."""
    row = {k: v for k, v in rec.items() if k not in ("shapes", "device_id")}
    row["shapes"] = json.dumps(rec["shapes"], separators=(",", ":"))
    row["record_device_id"] = rec["device_id"]
    return {**row, **common}


def fill(settings: Settings, rows: int) -> None:
    initialise(settings)
    state = open_state(settings)
    project = state.registry.create_project("Export", taxonomy.parse(TAXONOMY), "boxes")
    dev = state.registry.enroll_device(project.id, "Centre", "http://127.0.0.1")
    stamp = "2026-01-05T10:00:00.000Z"
    with state.storage.write() as conn:
        bundle_id = conn.execute(
            db.bundles.insert().values(
                project_id=project.id,
                device_id=dev["device_id"],
                seq=1,
                sha256="0" * 64,
                size=0,
                submissions=rows,
                proposals=0,
                via="bench",
                received_at=stamp,
                receipt="{}",
                signature="",
            )
        ).inserted_primary_key[0]
    common = {
        "project_id": project.id,
        "device_id": dev["device_id"],
        "bundle_id": bundle_id,
        "received_at": stamp,
    }
    try:
        for start in range(0, rows, BATCH):
            batch = [
                _row(submission(i, dev["device_id"]), common)
                for i in range(start, min(rows, start + BATCH))
            ]
            with state.storage.write() as conn:
                conn.execute(db.submissions.insert(), batch)
    finally:
        state.storage.dispose()


def export(settings: Settings, fmt: str, out: Path) -> dict:
    cmd = [
        sys.executable,
        "-m",
        "sync.server.cli",
        "export",
        "--format",
        fmt,
        "--out",
        str(out),
        "--data",
        str(settings.data_dir),
        "--database-url",
        settings.db_url,
    ]
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        cmd,
        cwd=Path(__file__).resolve().parent.parent,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    ps = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        try:
            peak = max(peak, ps.memory_info().rss)
        except psutil.NoSuchProcess:
            break
        time.sleep(0.05)
    seconds = time.perf_counter() - t0
    _, err = proc.communicate()
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    return {
        "exit": proc.returncode,
        "seconds": round(seconds, 1),
        "peak_rss_mb": round(peak / 2**20),
        "bytes": size,
        "stderr": err.decode()[-300:],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--format", default="coco")
    ap.add_argument("--sqlite", action="store_true")
    args = ap.parse_args()
    load = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'server.db'}" if args.sqlite else fresh_pg()
        try:
            settings = Settings(data_dir=Path(tmp) / "data", database_url=url)
            t = time.perf_counter()
            fill(settings, args.rows)
            fill_s = time.perf_counter() - t
            out = Path(tmp) / "out"
            out.mkdir()
            result = export(settings, args.format, out)
        finally:
            if not args.sqlite:
                drop_pg(url)
    ok = result["exit"] == 0 and result["peak_rss_mb"] <= 300
    print(
        json.dumps(
            {
                "bench": "server_export",
                "backend": "sqlite" if args.sqlite else "postgresql",
                "rows": args.rows,
                "format": args.format,
                "fill_s": round(fill_s, 1),
                "load_before": [round(x, 2) for x in load],
                **result,
                "budget_rss_mb": 300,
                "ok": ok,
            },
            indent=2,
        )
    )
    print(
        f"server export of {args.rows:,} submissions as {args.format}: {result['seconds']} s,"
        f" peak RSS {result['peak_rss_mb']} MB (budget 300 MB) -> {'OK' if ok else 'OVER BUDGET'}"
    )


if __name__ == "__main__":
    main()
