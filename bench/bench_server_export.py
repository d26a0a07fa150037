"""Server export of many submissions: time and peak memory of `labeler-server export`.

Rows are put straight into a fresh server database (PostgreSQL on
``HITL_BENCH_DATABASE_URL``, default the local test server; ``--sqlite`` for a file), as
ingest stores them (3 boxes each, one image per submission; ``tests/sync/server/bulk.py``:
COPY or one executemany per batch), then ``labeler-server export``
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

from bench.bench_server_surge import drop_pg, fresh_pg
from sync.server.bootstrap import initialise, open_state
from sync.server.config import Settings
from tests.sync.server.bulk import add_project


def fill(settings: Settings, rows: int) -> None:
    """A new server holding one project of ``rows`` submissions (bulk: COPY or executemany)."""
    initialise(settings)
    state = open_state(settings)
    try:
        add_project(state.storage, state.registry, "Export", rows)
    finally:
        state.storage.dispose()


def _hwm_bytes(pid: int) -> int | None:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return None


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
    peak = 0
    while proc.poll() is None:  # VmHWM: the process's own high-water mark, no spike missed
        peak = max(peak, _hwm_bytes(proc.pid) or 0)
        time.sleep(0.2)
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
