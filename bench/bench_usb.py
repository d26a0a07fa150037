"""USB path: export and push of 50 bundles (50,000 submissions), seconds and bytes on the drive.

A real project file with 50,000 submitted images (1–7 boxes each, as ``bench_bundle_size``
builds them) is enrolled on a ``labeler-server serve`` process (uvicorn, SQLite) on
127.0.0.1 and packed into bundles of 1,000 submissions (``--per-bundle``). Timed, each on the
real code path: ``usb export`` onto a drive folder (after packing, timed apart), ``usb push``
from that folder with relay credentials (upload, verify and write 50 receipts, project
pack), and ``usb import`` back on the PC. The drive is a folder on this machine's disk (its
fsync cost, not a USB stick's). Prints JSON and a one-line summary.

    .venv/bin/python bench/bench_usb.py [--submissions 50000] [--per-bundle 1000]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import requests

from bench.bench_bundle_size import build
from bench.bench_e2e import free_port, start_server
from bench.core_common import TAXONOMY, emit, rss_mb
from labeler import taxonomy
from sync.bundle import BundleLimits
from sync.enrollment import enroll
from sync.outbox import Outbox, PackPolicy
from sync.server.bootstrap import initialise, open_state
from sync.server.config import Settings
from sync.usb.export import export_to_drive
from sync.usb.push import push_drive
from sync.usb.receive import import_from_drive
from sync.usb.relay import RelayCredentials


def _bytes(folder: Path) -> dict[str, int]:
    out: dict[str, int] = {}
    for p in folder.rglob("*"):
        if p.is_file():
            area = p.relative_to(folder).parts[0] if len(p.relative_to(folder).parts) > 1 else "top"
            out[area] = out.get(area, 0) + p.stat().st_size
    out["total"] = sum(out.values())
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--submissions", type=int, default=50_000)
    ap.add_argument("--per-bundle", type=int, default=1000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="hitl-bench-usb-") as tmp:
        base = Path(tmp)
        os.environ["HITL_LABELER_HOME"] = str(base / "home")
        port = free_port()
        settings = Settings(data_dir=base / "server", public_url=f"http://127.0.0.1:{port}")
        settings.data_dir.mkdir(parents=True)
        initialise(settings)
        state = open_state(settings)
        info = state.registry.create_project("Bench", taxonomy.parse(TAXONOMY), "boxes")
        doc = state.registry.enroll_device(info.id, "Centre A", settings.public_url)
        relay_doc = state.registry.enroll_relay(info.id, "supervisor", settings.public_url)
        state.storage.dispose()
        (base / "pc.hitl-enroll").write_text(json.dumps(doc), encoding="utf-8")

        t = time.perf_counter()
        project, boxes = build(base / "pc", args.submissions, "boxes", random.Random(5))
        enroll(project, base / "pc.hitl-enroll")
        setup_s = time.perf_counter() - t
        policy = PackPolicy(
            every_records=args.per_bundle,
            max_records=args.per_bundle,
            target_bytes=BundleLimits().max_file_bytes,
        )
        outbox = Outbox(project, policy=policy)
        t = time.perf_counter()
        bundles = outbox.pack()
        pack_s = time.perf_counter() - t

        drive = base / "stick"
        drive.mkdir()
        t = time.perf_counter()
        exported = export_to_drive(project, drive, outbox=outbox)
        export_s = time.perf_counter() - t
        t = time.perf_counter()
        again = export_to_drive(project, drive, outbox=outbox)
        reexport_s = time.perf_counter() - t
        bytes_after_export = _bytes(drive / "HITL")

        proc = start_server(settings.data_dir, port)
        try:
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                try:
                    if requests.get(settings.public_url + "/v1/health", timeout=1).status_code:
                        break
                except requests.ConnectionError:
                    time.sleep(0.05)
            relay = RelayCredentials(
                relay_doc["server_url"],
                relay_doc["token"],
                relay_doc["project_id"],
                relay_doc["server_public_key"],
            )
            t = time.perf_counter()
            pushed = push_drive(drive, [relay])
            push_s = time.perf_counter() - t
        finally:
            proc.terminate()
            proc.wait(10)
        bytes_after_push = _bytes(drive / "HITL")
        t = time.perf_counter()
        imported = import_from_drive(project, drive, outbox=outbox)
        import_s = time.perf_counter() - t
        counts = outbox.counts()
        project.close()

    result = {
        "submissions": args.submissions,
        "boxes": boxes,
        "bundles": len(bundles),
        "seconds_pack": round(pack_s, 2),
        "seconds_export": round(export_s, 3),
        "seconds_export_again_nothing_new": round(reexport_s, 3),
        "seconds_push": round(push_s, 2),
        "seconds_import": round(import_s, 3),
        "push_submissions_per_s": round(args.submissions / push_s),
        "drive_bytes_after_export": bytes_after_export,
        "drive_bytes_after_push": bytes_after_push,
        "bytes_per_submission_on_drive": round(
            bytes_after_export["outgoing"] / args.submissions, 1
        ),
        "exported": len(exported.written),
        "already_there": len(again.present),
        "pushed": len(pushed.delivered),
        "refused": len(pushed.rejected),
        "delivered_records": imported.records_delivered,
        "pending_after": counts.pending,
        "setup_seconds": round(setup_s, 1),
        "rss_mb": rss_mb(),
    }
    emit(
        result,
        f"usb: {len(bundles)} bundles / {args.submissions} submissions — export {export_s:.2f} s"
        f" ({bytes_after_export['outgoing'] / 2**20:.2f} MiB on the drive), push"
        f" {push_s:.2f} s, import {import_s:.2f} s (packing {pack_s:.2f} s apart);"
        f" {imported.records_delivered} delivered, {counts.pending} pending",
    )


if __name__ == "__main__":
    main()
