"""End to end: 10,000 submissions from a PC's project file to the central server on loopback.

A real project file (10,000 images of 12 MP, 1–7 boxes each, submitted through
``Work.submit``) is enrolled with a real enrollment file from a ``labeler-server serve``
process (uvicorn, SQLite) on 127.0.0.1, then ``SyncClient.sync_once()`` does everything a
``labeler sync`` does: pack the outbox (64 KiB bundles), upload each in order, verify each
signed receipt, mark the records delivered, ask for taxonomy updates. Timed: the whole pass,
and packing alone. Prints JSON and a one-line summary.

    .venv/bin/python bench/bench_e2e.py [--submissions 10000]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import requests

from bench.bench_bundle_size import build
from bench.core_common import TAXONOMY, emit, rss_mb
from labeler import taxonomy
from sync.client import SyncClient
from sync.enrollment import enroll
from sync.outbox import Outbox
from sync.server.bootstrap import initialise, open_state
from sync.server.config import Settings

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(folder: Path, port: int) -> subprocess.Popen:
    return subprocess.Popen(
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--submissions", type=int, default=10_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        os.environ["HITL_LABELER_HOME"] = str(base / "home")  # keys of this run only
        port = free_port()
        settings = Settings(data_dir=base / "server", public_url=f"http://127.0.0.1:{port}")
        settings.data_dir.mkdir(parents=True)
        initialise(settings)
        state = open_state(settings)
        info = state.registry.create_project("Bench", taxonomy.parse(TAXONOMY), "boxes")
        doc = state.registry.enroll_device(info.id, "Centre A", settings.public_url)
        state.storage.dispose()
        enroll_file = base / "pc.hitl-enroll"
        enroll_file.write_text(json.dumps(doc), encoding="utf-8")

        t = time.perf_counter()
        project, boxes = build(base / "pc", args.submissions, "boxes", random.Random(3))
        build_s = time.perf_counter() - t
        enroll(project, enroll_file)
        proc = start_server(settings.data_dir, port)
        try:
            url = settings.public_url
            auth = {"Authorization": f"Bearer {doc['device_id']}.{doc['device_secret']}"}
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                try:
                    if requests.get(url + "/v1/health", headers=auth, timeout=1).ok:
                        break
                except requests.ConnectionError:
                    time.sleep(0.05)
            client = SyncClient(project)
            t0 = time.perf_counter()
            report = client.sync_once()
            total_s = time.perf_counter() - t0
            outbox = Outbox(project)
            bundles = outbox.bundles()
            counts = outbox.counts()
            progress = requests.get(
                url + "/v1/devices/" + doc["device_id"] + "/sequence", headers=auth, timeout=10
            ).json()
            client.close()
        finally:
            proc.terminate()
            proc.wait(10)
        # packing alone, on a fresh copy of the same work (nothing delivered yet)
        project.close()
        project2, _ = build(base / "pc2", args.submissions, "boxes", random.Random(3))
        enroll(project2, enroll_file)
        t = time.perf_counter()
        Outbox(project2).pack()
        pack_s = time.perf_counter() - t
        project2.close()

    result = {
        "submissions": args.submissions,
        "boxes": boxes,
        "bundles": len(bundles),
        "bundle_bytes": sum(b.size for b in bundles),
        "seconds_total": round(total_s, 2),
        "seconds_packing": round(pack_s, 2),
        "seconds_upload_and_receipts": round(total_s - pack_s, 2),
        "submissions_per_s": round(args.submissions / total_s),
        "delivered": counts.delivered,
        "pending": counts.pending,
        "server_sequence": progress,
        "report": report.__dict__,
        "setup_seconds": round(build_s, 1),
        "client_rss_mb": rss_mb(),
    }
    emit(
        result,
        f"e2e: {args.submissions} submissions PC→server on loopback in {total_s:.2f} s"
        f" ({pack_s:.2f} s packing, {len(bundles)} bundles,"
        f" {result['bundle_bytes'] / 1024:.0f} KiB); {counts.delivered} delivered",
    )


if __name__ == "__main__":
    main()
