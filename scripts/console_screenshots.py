"""Screenshots of the admin console for the README, from a real server and Debian's Chromium.

    .venv/bin/python scripts/console_screenshots.py [--out docs/console]

Starts a server over a temporary folder, seeds a project (three centres, work over two
weeks, a lost bundle, a tampered one, workers' proposals), signs in and saves PNGs of the
pages at 1366x768, in English and one in Hindi. Nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sync.server import storage as db  # noqa: E402
from tests.browser import CHROMIUM, CHROMIUM_ARGS, Browser  # noqa: E402
from tests.sync.conftest import RunningServer, fake_proposal, fake_submission  # noqa: E402
from tests.sync.server.console.conftest import days_ago  # noqa: E402

CENTRES = {"Bhimtal": 3, "Kasauni": 2, "Munsiyari": 2}
PROPOSALS = [
    (
        "Bullock cart",
        "carts pulled by oxen are everywhere on this road",
        "asha",
        (120, 90, 340, 260),
    ),
    ("bullock-cart", "ox cart, no label for it", "meena", None),
    ("Bullock cart", "बैलगाड़ी की कोई लेबल नहीं है", "sunita", (400, 200, 620, 420)),
    ("Solar panel", "panels on the roofs, not a house part", "ravi", (20, 30, 200, 120)),
    ("तेंदुआ", "जंगल के किनारे तेंदुआ दिखा", "kavita", (300, 150, 360, 200)),
]


def seed(server: RunningServer) -> None:
    rng = random.Random(7)
    project = server.create_project("Forest survey")
    n = 0
    devices = []
    for centre, pcs in CENTRES.items():
        for _ in range(pcs):
            devices.append(server.enroll_device(project.id, centre))
    for k, e in enumerate(devices):
        seq, prev = 0, None
        for day in range(13, -1, -1):
            if k == len(devices) - 1 and day < 6:
                break  # the last PC went quiet: stale
            count = rng.randint(3, 12) + (5 if k % 3 == 0 else 0)
            subs = [fake_submission(n + i, submitted_at=days_ago(day)) for i in range(count)]
            n += count
            seq += 1
            if k == 1 and seq == 5:
                prev = hashlib.sha256(server.bundle_for(e, seq, subs, prev_sha256=prev)).hexdigest()
                continue  # this bundle is on a lost drive: a gap
            props = []
            if day == 2 and k < len(PROPOSALS):
                name, reason, worker, box = PROPOSALS[k]
                region = None
                if box:
                    x1, y1, x2, y2 = box
                    region = {"type": "box", "label": "proposed", "points": [[x1, y1], [x2, y2]]}
                props = [fake_proposal(n, name=name, reason=reason, worker=worker, region=region)]
            data = server.bundle_for(e, seq, subs, prev_sha256=prev, proposals=props)
            prev = hashlib.sha256(data).hexdigest()
            server.upload(data, server.device_headers(e))
    with server.storage.write() as conn:  # the last PC went quiet six days ago
        conn.execute(
            db.devices.update()
            .where(db.devices.c.id == devices[-1]["device_id"])
            .values(last_seen_at=days_ago(6))
        )
    tampered = bytearray(server.bundle_for(devices[2], 99, []))
    tampered[-1] ^= 1
    server.upload(bytes(tampered), server.device_headers(devices[2]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "console"))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        server = RunningServer(Path(tmp) / "server-data")
        server.start()
        try:
            seed(server)
            with sync_playwright() as p:
                chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                b = Browser(chromium, server.url)
                b.go("/admin/sign-in")
                b.page.screenshot(path=str(out / "sign-in.png"))
                b.sign_in(server.admin_token)
                for page in ("progress", "alerts", "proposals", "devices"):
                    b.go(f"/admin/{page}")
                    b.page.screenshot(path=str(out / f"{page}.png"), full_page=page != "progress")
                b.page.click("a.lang[lang=hi]")
                b.go("/admin/progress")
                b.page.screenshot(path=str(out / "progress-hi.png"))
                assert b.outside == [], b.outside
                b.close()
                chromium.close()
        finally:
            server.close()
    print(f"screenshots in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
