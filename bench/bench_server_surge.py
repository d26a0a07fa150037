"""A surge: 1,000 simulated PCs come online at once and each sends its bundle.

Real ``labeler-server serve`` processes (one, then ``--workers 2``) over PostgreSQL (a
fresh database per run on ``HITL_BENCH_DATABASE_URL``, default the local test server) or
SQLite (``--sqlite``). The PCs are asyncio tasks with httpx, each with the PC's timeouts
(connect 5 s, read 30 s): a 503 with Retry-After is waited out as the PC does (with jitter)
and sent again. Meanwhile a prober asks ``/healthz`` and the authenticated ``/v1/health``
every 100 ms. Bounded: one bundle per PC, one surge per run.

The prober runs in its own process (in the PCs' event loop it would measure that loop).
Each PC's bundle holds its unsent work, as an outbox packs it: between 20 and 300
submissions (``--per-bundle LO-HI``, drawn per PC with a fixed seed; PROTOCOL.md, DESIGN.md).

Figures: submissions/s (all stored, first send to last receipt), upload latency as a PC
sees it (first send to receipt, busy waits included) and per request, health p95, 503s,
timeouts. And where the two cores went: CPU seconds of the server processes, of the
PostgreSQL backends serving them, of the simulated PCs (this process) and of the prober,
so ``server_cpu_submissions_per_s`` (submissions per CPU second of server + database) says
what the server side costs whatever the load generator takes. Budgets (DESIGN.md): health
p95 <= 1 s, no client timeouts, >= 8,000 submissions/s on PostgreSQL, two processes faster
than one.

    .venv/bin/python bench/bench_server_surge.py [--pcs 1000] [--per-bundle 20-300] [--sqlite]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx
import psutil
from sqlalchemy import create_engine, text

from bench.bench_server_ingest import LABELS, TAXONOMY, pct, submission
from labeler import taxonomy
from sync.bundle import decode_secret, encode_bundle
from sync.server.bootstrap import initialise, open_state
from sync.server.config import Settings
from tests.sync.server.processes import ServerProcess

assert LABELS  # the same records as the ingest bench
PG_ADMIN = os.environ.get(
    "HITL_BENCH_DATABASE_URL", "postgresql+psycopg://hitl:hitl@127.0.0.1:5432/postgres"
)


def fresh_pg() -> str:
    name = "hitl_bench_" + uuid.uuid4().hex[:10]
    engine = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    engine.dispose()
    return PG_ADMIN.rsplit("/", 1)[0] + "/" + name


def drop_pg(url: str) -> None:
    engine = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE "{url.rsplit("/", 1)[1]}" WITH (FORCE)')
    engine.dispose()


def bundle_sizes(pcs: int, lo: int, hi: int) -> list[int]:
    """Each PC's unsent work, from a fixed seed: the same surge in every run."""
    rng = random.Random(13)
    return [rng.randint(lo, hi) for _ in range(pcs)]


def prepare(
    folder: Path, url: str, sizes: list[int]
) -> tuple[Settings, list[tuple[str, bytes, int]]]:
    settings = Settings(data_dir=folder, database_url=url)
    initialise(settings)
    state = open_state(settings)
    project = state.registry.create_project("Surge", taxonomy.parse(TAXONOMY), "boxes")
    uploads = []
    first = 0
    for i, per in enumerate(sizes):
        dev = state.registry.enroll_device(project.id, f"Centre {i % 50}", "http://127.0.0.1")
        subs = [submission(first + k, dev["device_id"]) for k in range(per)]
        first += per
        manifest = {
            "project_id": project.id,
            "device_id": dev["device_id"],
            "seq": 1,
            "prev_sha256": None,
        }
        data = encode_bundle(manifest, subs, [], decode_secret(dev["device_secret"]))
        uploads.append((f"Bearer {dev['device_id']}.{dev['device_secret']}", data, per))
    state.storage.dispose()
    return settings, uploads


def probe(url: str, auth: str, stop, results) -> None:  # type: ignore[no-untyped-def]
    """``/healthz`` and the authenticated ``/v1/health`` every 100 ms, as a PC probes (10 s)."""
    import requests

    out: dict[str, list[float]] = {"healthz": [], "v1_health": []}
    while not stop.is_set():
        for name, path, headers in (
            ("healthz", "/healthz", {}),
            ("v1_health", "/v1/health", {"Authorization": auth}),
        ):
            t = time.perf_counter()
            try:
                requests.get(url + path, headers=headers, timeout=10)
                out[name].append(time.perf_counter() - t)
            except requests.RequestException:
                out[name].append(10.0)
        stop.wait(0.1)
    results.put(out)


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU seconds of these processes so far (0 for one that is gone)."""
    total = 0.0
    for pid in pids:
        try:
            t = psutil.Process(pid).cpu_times()
            total += t.user + t.system
        except psutil.NoSuchProcess:
            pass
    return total


def server_pids(pid: int) -> list[int]:
    return [pid, *(c.pid for c in psutil.Process(pid).children(recursive=True))]


def backend_pids(url: str) -> list[int]:
    """The PostgreSQL backends connected to the bench database (the server's pools)."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return list(
                conn.execute(
                    text(
                        "SELECT pid FROM pg_stat_activity"
                        " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                    )
                ).scalars()
            )
    finally:
        engine.dispose()


async def surge(url: str, uploads: list[tuple[str, bytes, int]]) -> dict:
    limits = httpx.Limits(max_connections=len(uploads) + 10, max_keepalive_connections=0)
    timeout = httpx.Timeout(connect=5.0, read=30.0, write=30.0, pool=60.0)
    latencies: list[float] = []
    requests_s: list[float] = []
    counts = {"busy": 0, "timeouts": 0, "errors": 0}

    async with httpx.AsyncClient(limits=limits, timeout=timeout) as client:

        async def pc(auth: str, data: bytes) -> None:
            start = time.perf_counter()
            headers = {"Authorization": auth, "Content-Type": "application/octet-stream"}
            for _ in range(200):  # bounded
                t = time.perf_counter()
                try:
                    r = await client.post(url + "/v1/bundles", content=data, headers=headers)
                except httpx.TimeoutException:
                    counts["timeouts"] += 1
                    await asyncio.sleep(random.uniform(0.5, 2))
                    continue
                except httpx.TransportError:
                    counts["errors"] += 1
                    await asyncio.sleep(random.uniform(0.5, 2))
                    continue
                requests_s.append(time.perf_counter() - t)
                if r.status_code == 200:
                    latencies.append(time.perf_counter() - start)
                    return
                if r.status_code == 503:
                    counts["busy"] += 1
                    wait = float(r.headers.get("Retry-After", "1"))
                    await asyncio.sleep(wait * random.uniform(1.0, 1.5))
                    continue
                counts["errors"] += 1
                return

        stop = multiprocessing.Event()
        results: multiprocessing.Queue = multiprocessing.Queue()
        prober = multiprocessing.Process(target=probe, args=(url, uploads[0][0], stop, results))
        prober.start()  # its own process: the PCs' event loop must not delay the probes
        t0, cpu0 = time.perf_counter(), time.process_time()
        await asyncio.gather(*(pc(a, d) for a, d, _ in uploads))
        total, client_cpu = time.perf_counter() - t0, time.process_time() - cpu0
        prober_cpu = cpu_seconds([prober.pid])  # type: ignore[list-item]
        stop.set()
        probes = results.get(timeout=60)
        prober.join(10)
    return {
        "seconds": round(total, 2),
        "client_cpu_s": round(client_cpu, 1),
        "prober_cpu_s": round(prober_cpu, 1),
        "delivered": len(latencies),
        "upload_s_p50": round(statistics.median(latencies), 2),
        "upload_s_p95": round(pct(latencies, 0.95), 2),
        "request_s_p50": round(statistics.median(requests_s), 3),
        "request_s_p95": round(pct(requests_s, 0.95), 3),
        "healthz_s_p95": round(pct(probes["healthz"], 0.95), 3),
        "v1_health_s_p95": round(pct(probes["v1_health"], 0.95), 3),
        "probes": len(probes["healthz"]),
        **counts,
    }


def run(workers: int, sizes: list[int], sqlite: bool, tmp: Path) -> dict:
    url = f"sqlite:///{tmp / f'w{workers}' / 'server.db'}" if sqlite else fresh_pg()
    try:
        t = time.perf_counter()
        settings, uploads = prepare(tmp / f"w{workers}", url, sizes)
        prep = time.perf_counter() - t
        proc = ServerProcess.serve(
            tmp / f"w{workers}.log",
            "--data",
            str(settings.data_dir),
            "--database-url",
            url,
            "--workers",
            str(workers),
        )
        proc.start()
        try:
            assert proc.proc is not None
            servers = server_pids(proc.proc.pid)
            backends = [] if sqlite else backend_pids(url)
            before = cpu_seconds(servers), cpu_seconds(backends)
            out = asyncio.run(surge(proc.url, uploads))
            backends = [] if sqlite else backend_pids(url)  # the pools grew during the surge
            server_cpu = cpu_seconds(servers) - before[0]
            db_cpu = cpu_seconds(backends) - before[1]  # new backends started at 0
        finally:
            proc.stop()
        stored = sum(n for _, _, n in uploads) if out["delivered"] == len(uploads) else None
        out["submissions_per_s"] = round((stored or 0) / out["seconds"])
        out["server_cpu_s"] = round(server_cpu, 1)
        out["database_cpu_s"] = round(db_cpu, 1)
        out["server_cpu_submissions_per_s"] = round((stored or 0) / max(server_cpu + db_cpu, 1e-9))
        return {"workers": workers, "prepare_s": round(prep, 1), **out}
    finally:
        if not sqlite:
            drop_pg(url)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pcs", type=int, default=1000)
    ap.add_argument("--per-bundle", default="20-300", help="LO-HI submissions per PC")
    ap.add_argument("--sqlite", action="store_true")
    args = ap.parse_args()
    lo, _, hi = args.per_bundle.partition("-")
    sizes = bundle_sizes(args.pcs, int(lo), int(hi or lo))
    load = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        runs = [run(w, sizes, args.sqlite, Path(tmp)) for w in (1, 2)]
    one, two = runs
    ok = (
        all(
            r["timeouts"] == 0 and r["v1_health_s_p95"] <= 1 and r["healthz_s_p95"] <= 1
            for r in runs
        )
        and two["submissions_per_s"] > one["submissions_per_s"]
        and (args.sqlite or two["submissions_per_s"] >= 8000)
    )
    result = {
        "bench": "server_surge",
        "backend": "sqlite" if args.sqlite else "postgresql",
        "pcs": args.pcs,
        "submissions": sum(sizes),
        "per_bundle_min_median_max": [min(sizes), statistics.median(sizes), max(sizes)],
        "load_before": [round(x, 2) for x in load],
        "runs": runs,
        "two_over_one": round(two["submissions_per_s"] / one["submissions_per_s"], 2),
        "ok": ok,
    }
    print(json.dumps(result, indent=2))
    print(
        f"surge of {args.pcs} PCs ({result['backend']}): {one['submissions_per_s']:,} subs/s with"
        f" 1 process, {two['submissions_per_s']:,} with 2 (x{result['two_over_one']});"
        f" upload p95 {one['upload_s_p95']} / {two['upload_s_p95']} s; health p95"
        f" {max(one['v1_health_s_p95'], one['healthz_s_p95'])} /"
        f" {max(two['v1_health_s_p95'], two['healthz_s_p95'])} s; timeouts"
        f" {one['timeouts'] + two['timeouts']} -> {'OK' if ok else 'OVER BUDGET'}"
    )


if __name__ == "__main__":
    main()
