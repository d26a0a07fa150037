"""Central server ingest throughput: submissions per second, one process, SQLite (WAL, FULL).

Realistic bundles (default 200 bundles x 500 submissions, 3 boxes each, 20 devices) are
built first with ``sync.bundle.encode_bundle``. Two timed runs, each on a fresh data folder:

- ``raw``: ``Ingest.ingest(bytes, caller)`` in this process: verify (HMAC, checksum, bounded
  zstd), check every record, store in one transaction, sign the receipt;
- ``http``: the same bundles POSTed to ``labeler-server serve`` (a separate uvicorn process on
  127.0.0.1) one after another over a keep-alive session, then again with 4 uploaders.

Budget (DESIGN.md): >= 5,000 submissions/s. Prints JSON and a one-line summary. Besides the
wall-clock rate, each run gives the rate per CPU second of the ingesting process
(``cpu_submissions_per_s``): on a shared machine that figure moves less with other load.

``--against DIR`` measures another checkout too (``git worktree add /tmp/before <commit>``),
in child processes taking turns with this one (``--rounds``), and prints after/before ratios:
the way to say "no slower than before" within one run.

    .venv/bin/python bench/bench_server_ingest.py [--bundles 200] [--per-bundle 500]
    .venv/bin/python bench/bench_server_ingest.py --against /tmp/before --rounds 2
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

# the code measured: this checkout, or the one --against names (in a child process)
sys.path.insert(0, os.environ.get("HITL_BENCH_CHECKOUT") or str(Path(__file__).parent.parent))

import psutil
import requests

from labeler import taxonomy
from sync.bundle import bundle_sha256, decode_secret, encode_bundle
from sync.server.config import Settings

try:
    from sync.server.bootstrap import initialise, open_state
except ImportError:  # a checkout from before bootstrap.py (issue 13)
    from sync.server.app import open_state  # type: ignore[attr-defined,no-redef]
    from sync.server.credentials import ServerKey  # type: ignore[attr-defined]

    def initialise(settings: Settings) -> None:  # type: ignore[misc]
        ServerKey.create(settings.key_path)


HERE = Path(__file__).resolve().parent.parent
ROOT = Path(sys.path[0]).resolve()
TAXONOMY = "tree | Tree\nhouse | House\ncattle | Cattle\nroad | Road\nwell | Well\n"
LABELS = ["tree", "house", "cattle", "road", "well"]
DEVICES = 20


def setup(folder: Path) -> tuple[Settings, list[dict], str]:
    settings = Settings(data_dir=folder)
    folder.mkdir(parents=True)
    initialise(settings)
    state = open_state(settings)
    admin = state.registry.set_admin_token()
    project = state.registry.create_project("Bench", taxonomy.parse(TAXONOMY), "boxes")
    devices = [
        state.registry.enroll_device(project.id, f"Centre {i % 5}", "http://127.0.0.1")
        for i in range(DEVICES)
    ]
    state.storage.dispose()
    return settings, devices, admin


def submission(i: int, device: str) -> dict:
    x = float(i % 1500)
    return {
        "uuid": str(uuid.uuid4()),
        "image_sha256": f"{i:064x}",
        "image_path": f"batch{i // 1000:03d}/IMG_{i:06d}.JPG",
        "width": 4000,
        "height": 3000,
        "shapes": [
            {
                "type": "box",
                "label": LABELS[(i + k) % 5],
                "points": [[x + 10.5 * k, 20.25 + k], [x + 200.75 + k, 300.5 + 7 * k]],
            }
            for k in range(3)
        ],
        "taxonomy_version": 1,
        "worker": f"worker{i % 7}",
        "device_id": device,
        "started_at": f"2026-01-05T10:{(i // 60) % 60:02d}:{i % 60:02d}.000Z",
        "submitted_at": f"2026-01-05T10:{(i // 60) % 60:02d}:{i % 60:02d}.900Z",
        "duration_ms": 900 + i % 5000,
        "revision": 1,
        "supersedes": None,
        "source": "labeled",
    }


def build_bundles(devices: list[dict], bundles: int, per: int) -> list[tuple[dict, bytes]]:
    out = []
    prev: dict[str, str | None] = {}
    seqs: dict[str, int] = {}
    n = 0
    for b in range(bundles):
        dev = devices[b % len(devices)]
        did = dev["device_id"]
        seqs[did] = seqs.get(did, 0) + 1
        subs = [submission(n + k, did) for k in range(per)]
        n += per
        data = encode_bundle(
            {
                "project_id": dev["project_id"],
                "device_id": did,
                "seq": seqs[did],
                "prev_sha256": prev.get(did),
            },
            subs,
            [],
            decode_secret(dev["device_secret"]),
        )
        prev[did] = bundle_sha256(data)
        out.append((dev, data))
    return out


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(q * (len(values) - 1)))]


def run_raw(folder: Path, devices: list[dict], bundles: list[tuple[dict, bytes]], per: int) -> dict:
    settings = Settings(data_dir=folder)
    state = open_state(settings)
    callers = {
        d["device_id"]: state.registry.authenticate(d["device_id"], d["device_secret"])
        for d in devices
    }
    times = []
    t0, cpu0 = time.perf_counter(), time.process_time()
    for dev, data in bundles:
        s = time.perf_counter()
        state.ingest.ingest(data, callers[dev["device_id"]])
        times.append(time.perf_counter() - s)
    total, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    state.storage.dispose()
    return {
        "seconds": round(total, 3),
        "submissions_per_s": round(len(bundles) * per / total),
        "cpu_submissions_per_s": round(len(bundles) * per / cpu),
        "bundle_ms_median": round(statistics.median(times) * 1000, 2),
        "bundle_ms_p95": round(pct(times, 0.95) * 1000, 2),
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_http(folder: Path, bundles: list[tuple[dict, bytes]], per: int, workers: int) -> dict:
    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "sync.server.cli",
            "serve",
            "--data",
            str(folder),
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    server = psutil.Process(proc.pid)
    url = f"http://127.0.0.1:{port}"
    try:
        first = bundles[0][0]
        auth = {"Authorization": f"Bearer {first['device_id']}.{first['device_secret']}"}
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                if requests.get(url + "/v1/health", headers=auth, timeout=1).ok:
                    break
            except requests.ConnectionError:
                time.sleep(0.05)
        sessions: dict[int, requests.Session] = {}

        def send(item: tuple[dict, bytes]) -> float:
            dev, data = item
            s = sessions.setdefault(threading.get_ident(), requests.Session())
            start = time.perf_counter()
            while True:
                r = s.post(
                    url + "/v1/bundles",
                    data=data,
                    headers={
                        "Authorization": f"Bearer {dev['device_id']}.{dev['device_secret']}",
                        "Content-Type": "application/octet-stream",
                    },
                    timeout=60,
                )
                if r.status_code != 503:  # busy: wait as the PC does, then the same bytes again
                    break
                time.sleep(float(r.headers.get("Retry-After", "1")))
            r.raise_for_status()
            return time.perf_counter() - start

        cpu0 = sum(server.cpu_times()[:2])
        t0 = time.perf_counter()
        with ThreadPoolExecutor(max_workers=workers) as pool:
            times = list(pool.map(send, bundles))
        total = time.perf_counter() - t0
        cpu = sum(server.cpu_times()[:2]) - cpu0
        rss = server.memory_info().rss
    finally:
        proc.terminate()
        proc.wait(10)
    return {
        "workers": workers,
        "seconds": round(total, 3),
        "submissions_per_s": round(len(bundles) * per / total),
        "server_cpu_submissions_per_s": round(len(bundles) * per / cpu),
        "bundle_ms_median": round(statistics.median(times) * 1000, 2),
        "bundle_ms_p95": round(pct(times, 0.95) * 1000, 2),
        "server_rss_mb": round(rss / 2**20, 1),
    }


def measure(bundles: int, per: int) -> dict:
    """Every figure for the checkout ``ROOT``."""
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        _, devices, _ = setup(base / "raw")
        t = time.perf_counter()
        built = build_bundles(devices, bundles, per)
        build_s = time.perf_counter() - t
        sizes = [len(d) for _, d in built]
        raw = run_raw(base / "raw", devices, built, per)
        http = []
        for workers in (1, 4):
            folder = base / f"http{workers}"
            _, devs, _ = setup(folder)
            # same bundles, re-signed for this folder's devices
            again = build_bundles(devs, bundles, per)
            http.append(run_http(folder, again, per, workers))
    return {
        "bench": "server_ingest",
        "checkout": str(ROOT),
        "bundles": bundles,
        "submissions_per_bundle": per,
        "submissions": bundles * per,
        "bundle_bytes_median": int(statistics.median(sizes)),
        "bundle_build_s": round(build_s, 2),
        "raw": raw,
        "http": http,
        "budget_submissions_per_s": BUDGET,
        "ok": raw["submissions_per_s"] >= BUDGET and http[0]["submissions_per_s"] >= BUDGET,
    }


def in_child(checkout: Path, bundles: int, per: int) -> dict:
    """``measure`` for ``checkout`` in a fresh process (its modules, not this one's)."""
    out = subprocess.run(
        [sys.executable, __file__, "--bundles", str(bundles), "--per-bundle", str(per), "--json"],
        env={**os.environ, "HITL_BENCH_CHECKOUT": str(checkout)},
        capture_output=True,
        text=True,
    )
    if out.returncode != 0:
        raise SystemExit(f"the bench failed on {checkout}:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout)


def compare(before: Path, rounds: int, bundles: int, per: int) -> dict:
    """This checkout against ``before``, taking turns; ratios of the medians (after/before)."""
    runs: dict[str, list[dict]] = {"before": [], "after": []}
    for _ in range(rounds):
        runs["before"].append(in_child(before, bundles, per))
        runs["after"].append(in_child(HERE, bundles, per))

    def med(side: str, get) -> float:  # type: ignore[no-untyped-def]
        return statistics.median(get(r) for r in runs[side])

    figures = {
        "raw_submissions_per_s": lambda r: r["raw"]["submissions_per_s"],
        "raw_cpu_submissions_per_s": lambda r: r["raw"]["cpu_submissions_per_s"],
        "http1_submissions_per_s": lambda r: r["http"][0]["submissions_per_s"],
        "http1_server_cpu_submissions_per_s": lambda r: r["http"][0][
            "server_cpu_submissions_per_s"
        ],
        "http4_submissions_per_s": lambda r: r["http"][1]["submissions_per_s"],
    }
    table = {
        name: {
            "before": round(med("before", get)),
            "after": round(med("after", get)),
            "after_over_before": round(med("after", get) / med("before", get), 2),
            "after_over_budget": round(med("after", get) / BUDGET, 2),
        }
        for name, get in figures.items()
    }
    return {
        "bench": "server_ingest_compare",
        "before": str(before),
        "after": str(HERE),
        "rounds": rounds,
        "submissions": bundles * per,
        "load_before": [round(x, 2) for x in os.getloadavg()],
        "figures": table,
        "runs": runs,
    }


BUDGET = 5000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bundles", type=int, default=200)
    ap.add_argument("--per-bundle", type=int, default=500)
    ap.add_argument("--against", type=Path, help="another checkout to measure in turns")
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--json", action="store_true", help="print only the JSON")
    args = ap.parse_args()
    if args.against:
        result = compare(args.against.resolve(), args.rounds, args.bundles, args.per_bundle)
        print(json.dumps(result, indent=2))
        for name, f in result["figures"].items():
            print(
                f"{name}: {f['before']:,} -> {f['after']:,} (x{f['after_over_before']};"
                f" {f['after_over_budget']} of the {BUDGET:,} budget)"
            )
        return
    result = measure(args.bundles, args.per_bundle)
    print(json.dumps(result, indent=2))
    if args.json:
        return
    raw, http = result["raw"], result["http"]
    print(
        f"server ingest: raw {raw['submissions_per_s']:,} subs/s, HTTP {http[0]['submissions_per_s']:,}"
        f" subs/s (1 uploader), {http[1]['submissions_per_s']:,} (4 uploaders);"
        f" budget >= {BUDGET:,} -> {'OK' if result['ok'] else 'OVER BUDGET'}"
    )


if __name__ == "__main__":
    main()
