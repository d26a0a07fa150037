"""A surge: 1,000 simulated PCs come online at once and each sends its bundle.

Real ``labeler-server serve`` processes (one, then ``--workers 2``) over PostgreSQL (a
fresh database per run on ``HITL_BENCH_DATABASE_URL``, default the local test server) or
SQLite (``--sqlite``). Every PC opens its own connection for each request, with the PC's
timeouts (connect 5 s, read 30 s): a 503 with Retry-After is waited out as the PC does
(``sync.retry``: that long times 1 to 1.5) and the same bytes are sent again. Meanwhile a
prober asks ``/healthz`` and the authenticated ``/v1/health`` every 100 ms, from a process
of its own (in the PCs' event loop it would measure that loop). Bounded: one bundle per PC,
one surge per run. Each PC's bundle holds its unsent work, as an outbox packs it: between 20
and 300 submissions (``--per-bundle LO-HI``, drawn per PC with a fixed seed).

The load generator is kept cheap so the two cores go to the server: bundles are encoded and
signed before the timed surge (once, into a template database each run is cloned from), and
the PCs speak HTTP/1.1 over raw asyncio streams (``--client httpx`` for the old one), from
``--generators`` processes. The server sees the same bytes either way.

Figures: submissions/s (all stored, first send to last receipt, and checked in the
database: every submission once), upload latency as a PC sees it (first send to receipt,
busy waits included) and per request, health p95, 503s, timeouts. And where the two cores
went: CPU seconds of the server processes, of the PostgreSQL backends serving them, of the
load generator, of the prober, and of everything else on the machine (``others_cpu_s``:
other people's work on a shared box), so ``server_cpu_submissions_per_s`` (submissions per
CPU second of server + database) says what the server side costs whatever else ran, and
``alone_submissions_per_s`` projects the rate had our processes had both cores (a
projection from CPU seconds, not a measurement: no server process past one core).
Budgets (DESIGN.md): health p95 <= 1 s, no client timeouts, >= 8,000 submissions/s on
PostgreSQL, two processes faster than one.

``--before DIR`` also runs another checkout's server (``git archive <commit> | tar -x -C
DIR``) with the pure-Python HTTP stack (h11 on asyncio, as it ran before httptools/uvloop
were installed; ``--before-stack same``: httptools and uvloop too), taking turns with this
one, and prints after/before ratios.

    .venv/bin/python bench/bench_server_surge.py [--pcs 1000] [--per-bundle 20-300] [--sqlite]
        [--workers 1,2] [--rounds 1] [--generators 1] [--client raw|httpx] [--before DIR]
        [--env HITL_SERVER_MAX_INGESTS=2 ...]
"""

from __future__ import annotations

import argparse
import itertools
import json
import multiprocessing
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import psutil
from sqlalchemy import create_engine, text

from bench.bench_server_ingest import LABELS, TAXONOMY, pct, submission
from bench.surge_pcs import Upload, generate, probe
from labeler import taxonomy
from sync.bundle import decode_secret, encode_bundle
from sync.server.bootstrap import initialise, open_state
from sync.server.config import Settings
from tests.sync.server.processes import ServerProcess

assert LABELS  # the same records as the ingest bench
PG_ADMIN = os.environ.get(
    "HITL_BENCH_DATABASE_URL", "postgresql+psycopg://hitl:hitl@127.0.0.1:5432/postgres"
)


# ---------------------------------------------------------------- databases
def _admin(sql: str) -> None:
    engine = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.exec_driver_sql(sql)
    engine.dispose()


def fresh_pg(template: str | None = None) -> str:
    name = "hitl_bench_" + uuid.uuid4().hex[:10]
    _admin(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    return PG_ADMIN.rsplit("/", 1)[0] + "/" + name


def drop_pg(url: str) -> None:
    _admin(f'DROP DATABASE "{url.rsplit("/", 1)[1]}" WITH (FORCE)')


def bundle_sizes(pcs: int, lo: int, hi: int) -> list[int]:
    """Each PC's unsent work, from a fixed seed: the same surge in every run."""
    rng = random.Random(13)
    return [rng.randint(lo, hi) for _ in range(pcs)]


def prepare(folder: Path, url: str, sizes: list[int]) -> list[Upload]:
    """A project, one enrolled device per PC, and each PC's bundle, encoded and signed."""
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
    return uploads


def stored(url: str) -> tuple[int, int]:
    """(submissions, bundles) in the database after the surge."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            subs = conn.execute(text("SELECT count(*), count(DISTINCT uuid) FROM submissions"))
            total, distinct = subs.one()
            assert total == distinct, "a submission stored twice"
            return total, conn.execute(text("SELECT count(*) FROM bundles")).scalar_one()
    finally:
        engine.dispose()


# ---------------------------------------------------------------- CPU accounting
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


def machine_busy() -> float:
    """CPU seconds the whole machine spent busy so far (all cores)."""
    t = psutil.cpu_times()
    return sum(t) - t.idle - getattr(t, "iowait", 0.0)


def server_pids(pid: int) -> list[int]:
    return [pid, *(c.pid for c in psutil.Process(pid).children(recursive=True))]


def settle(pid: int, timeout: float = 20.0) -> list[int]:
    """The server's processes once all of them are idle: the first answers ``/healthz``
    while another may still be importing, and that start is not the surge's cost."""
    deadline = time.monotonic() + timeout
    pids = server_pids(pid)
    while time.monotonic() < deadline:
        before = cpu_seconds(pids)
        time.sleep(0.5)
        now = server_pids(pid)
        if now == pids and cpu_seconds(pids) - before < 0.02:
            break
        pids = now
    return pids


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


def surge(url: str, uploads: list[Upload], client: str, generators: int) -> dict:
    ctx = multiprocessing.get_context("fork")  # the children inherit the encoded bundles
    go, stop = ctx.Event(), ctx.Event()
    results, probes_q = ctx.Queue(), ctx.Queue()
    gens = [
        ctx.Process(target=generate, args=(url, uploads[i::generators], client, go, results))
        for i in range(generators)
    ]
    prober = ctx.Process(target=probe, args=(url, uploads[0][0], stop, probes_q))
    for p in gens:
        p.start()
    prober.start()
    go.set()
    recs = [results.get(timeout=900) for _ in gens]
    prober_cpu = cpu_seconds([prober.pid])  # type: ignore[list-item]
    stop.set()
    probes = probes_q.get(timeout=60)
    for p in [*gens, prober]:
        p.join(10)
    latencies = [x for r in recs for x in r["latencies"]]
    requests_s = [x for r in recs for x in r["requests_s"]]
    return {
        "seconds": round(max(r["last"] for r in recs) - min(r["first"] for r in recs), 2),
        "generator_cpu_s": round(sum(r["cpu_s"] for r in recs), 1),
        "prober_cpu_s": round(prober_cpu, 1),
        "delivered": len(latencies),
        "upload_s_p50": round(statistics.median(latencies), 2),
        "upload_s_p95": round(pct(latencies, 0.95), 2),
        "request_s_p50": round(statistics.median(requests_s), 3),
        "request_s_p95": round(pct(requests_s, 0.95), 3),
        "healthz_s_p95": round(pct(probes["healthz"], 0.95), 3),
        "v1_health_s_p95": round(pct(probes["v1_health"], 0.95), 3),
        "probes": len(probes["healthz"]),
        **{k: sum(r[k] for r in recs) for k in ("busy", "timeouts", "errors")},
    }


# ---------------------------------------------------------------- one run
class Template:
    """The prepared server (data folder + database) every run starts from a copy of."""

    def __init__(self, tmp: Path, sizes: list[int], sqlite: bool) -> None:
        self.tmp, self.sqlite = tmp, sqlite
        self.folder = tmp / "template"
        self.url = "" if sqlite else fresh_pg()  # "" is the data folder's server.db
        t = time.perf_counter()
        self.uploads = prepare(self.folder, self.url, sizes)
        self.prepare_s = round(time.perf_counter() - t, 1)

    def clone(self, name: str) -> tuple[Path, str]:
        folder = self.tmp / name
        shutil.copytree(self.folder, folder)
        if self.sqlite:
            return folder, f"sqlite:///{folder / 'server.db'}"
        return folder, fresh_pg(template=self.url.rsplit("/", 1)[1])

    def drop(self) -> None:
        if not self.sqlite:
            drop_pg(self.url)


def run(template: Template, variant: dict, workers: int, args: argparse.Namespace) -> dict:
    name = f"{variant['name']}-w{workers}-{uuid.uuid4().hex[:6]}"
    folder, url = template.clone(name)
    try:
        proc = ServerProcess.serve(
            template.tmp / f"{name}.log",
            "--data",
            str(folder),
            "--database-url",
            url,
            "--workers",
            str(workers),
            *variant["serve_args"],
            env=variant["env"],
        )
        proc.cwd = variant["checkout"]
        proc.new_session = not args.same_session  # scheduled apart from the PCs (autogroup)
        proc.start()
        try:
            assert proc.proc is not None
            servers = settle(proc.proc.pid)
            backends = [] if template.sqlite else backend_pids(url)
            before = cpu_seconds(servers), cpu_seconds(backends), machine_busy()
            mine0 = cpu_seconds([os.getpid()])
            out = surge(proc.url, template.uploads, args.client, args.generators)
            busy = machine_busy() - before[2]
            backends = [] if template.sqlite else backend_pids(url)  # the pools grew
            server_cpu = cpu_seconds(servers) - before[0]
            db_cpu = cpu_seconds(backends) - before[1]  # new backends started at 0
            mine = cpu_seconds([os.getpid()]) - mine0
        finally:
            proc.stop()
        subs, bundles = stored(url)
        expected = sum(n for _, _, n in template.uploads)
        ours = server_cpu + db_cpu + out["generator_cpu_s"] + out["prober_cpu_s"] + mine
        out.update(
            stored=subs,
            exactly_once=subs == expected and bundles == len(template.uploads),
            submissions_per_s=round(subs / out["seconds"]) if subs == expected else 0,
            server_cpu_s=round(server_cpu, 1),
            database_cpu_s=round(db_cpu, 1),
            others_cpu_s=round(max(0.0, busy - ours), 1),
            cores_used=round(busy / out["seconds"], 2),
            server_cpu_submissions_per_s=round(subs / max(server_cpu + db_cpu, 1e-9)),
            # a projection, not a measurement: the same CPU seconds with both cores to
            # ourselves (all of ours spread over 2 cores, no server process past 1 core)
            alone_submissions_per_s=round(
                subs / max(ours / 2, server_cpu / workers) if subs == expected else 0
            ),
        )
        return {"variant": variant["name"], "workers": workers, **out}
    finally:
        if not template.sqlite:
            drop_pg(url)


def variants(args: argparse.Namespace, tmp: Path) -> list[dict]:
    here = Path(__file__).resolve().parent.parent
    extra = dict(kv.split("=", 1) for kv in args.env)
    after = {"name": "after", "checkout": here, "serve_args": [], "env": extra}
    others = []
    for spec in args.also:  # NAME:K=V,K=V - this checkout with other settings, in turns
        name, _, pairs = spec.partition(":")
        env = {**extra, **dict(kv.split("=", 1) for kv in pairs.split(",") if kv)}
        others.append({"name": name, "checkout": here, "serve_args": [], "env": env})
    if not args.before:
        return [after, *others]
    checkout = Path(args.before).resolve()
    env = {"PYTHONPATH": str(checkout)}
    if args.before_stack == "h11":
        # no httptools/uvloop (uvicorn's "auto" falls back to h11 on asyncio)
        shim = tmp / "no-extensions"
        shim.mkdir()
        for module in ("httptools", "uvloop"):
            (shim / f"{module}.py").write_text("raise ImportError('not for the before run')\n")
        env = {"PYTHONPATH": f"{shim}{os.pathsep}{checkout}"}
    return [{"name": "before", "checkout": checkout, "serve_args": [], "env": env}, after, *others]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pcs", type=int, default=1000)
    ap.add_argument("--per-bundle", default="20-300", help="LO-HI submissions per PC")
    ap.add_argument("--sqlite", action="store_true")
    ap.add_argument("--workers", default="1,2", help="server processes, one run each")
    ap.add_argument("--rounds", type=int, default=1, help="every run this many times")
    ap.add_argument("--generators", type=int, default=1, help="load-generator processes")
    ap.add_argument("--client", choices=("raw", "httpx"), default="raw")
    ap.add_argument(
        "--same-session",
        action="store_true",
        help="the server in the bench's session (Linux autogroup: one CPU share with the PCs)",
    )
    ap.add_argument("--before", help="another checkout's server, run in turns with this one")
    ap.add_argument(
        "--before-stack",
        choices=("h11", "same"),
        default="h11",
        help="the before run's HTTP stack: h11 on asyncio, or the one this checkout runs",
    )
    ap.add_argument("--env", action="append", default=[], help="HITL_SERVER_X=V for 'after'")
    ap.add_argument("--also", action="append", default=[], help="NAME:HITL_SERVER_X=V,... too")
    args = ap.parse_args()
    lo, _, hi = args.per_bundle.partition("-")
    sizes = bundle_sizes(args.pcs, int(lo), int(hi or lo))
    load = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        template = Template(Path(tmp), sizes, args.sqlite)
        kinds = variants(args, Path(tmp))
        try:  # taking turns: the machine's other load falls on both alike
            runs = [
                run(template, v, int(w), args)
                for _ in range(args.rounds)
                for w in args.workers.split(",")
                for v in kinds
            ]
        finally:
            template.drop()
    after = [r for r in runs if r["variant"] == "after"]
    # the rate of each process count: the median of its rounds
    rate = {
        w: statistics.median(r["submissions_per_s"] for r in after if r["workers"] == w)
        for w in sorted({r["workers"] for r in after})
    }
    ok = (
        all(
            r["timeouts"] == 0
            and r["exactly_once"]
            and r["v1_health_s_p95"] <= 1
            and r["healthz_s_p95"] <= 1
            for r in after
        )
        and (args.sqlite or max(rate.values()) >= 8000)
        and all(rate[b] > rate[a] for a, b in itertools.pairwise(rate))
    )
    result = {
        "bench": "server_surge",
        "backend": "sqlite" if args.sqlite else "postgresql",
        "pcs": args.pcs,
        "client": args.client,
        "generators": args.generators,
        "server_session": "shared with the PCs" if args.same_session else "its own",
        "submissions": sum(sizes),
        "per_bundle_min_median_max": [min(sizes), statistics.median(sizes), max(sizes)],
        "prepare_s": template.prepare_s,
        "load_before": [round(x, 2) for x in load],
        "runs": runs,
        "median_submissions_per_s": rate,
        "ok": ok,
    }
    print(json.dumps(result, indent=2))
    cols = ("subs/s", "up p50", "up p95", "health p95", "503s", "t/o", "err", "srv", "db", "gen")
    cols += ("others", "subs/CPU-s", "alone")
    print(" | ".join(("run", *cols)))
    for r in runs:
        health = max(r["v1_health_s_p95"], r["healthz_s_p95"])
        row = (r["submissions_per_s"], r["upload_s_p50"], r["upload_s_p95"], health, r["busy"])
        row += (r["timeouts"], r["errors"], r["server_cpu_s"], r["database_cpu_s"])
        row += (r["generator_cpu_s"], r["others_cpu_s"], r["server_cpu_submissions_per_s"])
        row += (r["alone_submissions_per_s"],)
        print(" | ".join((f"{r['variant']} w{r['workers']}", *map(str, row))))
    medians = ", ".join(f"{w} process(es) {v:,.0f}/s" for w, v in rate.items())
    print(
        f"surge of {args.pcs} PCs ({result['backend']}), medians {medians}:"
        f" {'OK' if ok else 'OVER BUDGET'}"
    )


if __name__ == "__main__":
    main()
