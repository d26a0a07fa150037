"""Screenshots of the admin console for the README, from a real server and Debian's Chromium.

    .venv/bin/python scripts/console_screenshots.py [--out docs/console]

Starts a server over a temporary folder, seeds a project (three centres, work over two
weeks, a lost bundle, a tampered one, workers' proposals, and a supervisor station's reviews
of two real PCs' work), signs in and saves PNGs of the pages at 1366x768 in English, and the
main ones in Hindi and at 1024x600 (``*-hi.png``, ``*-small.png``, ``*-small-hi.png``).
Nothing leaves 127.0.0.1.
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
from tests.sync.server.console.pictures import crop_b64  # noqa: E402

CENTRES = {"Bhimtal": 3, "Kasauni": 2, "Munsiyari": 2}
WORKERS = ["asha", "meena", "sunita", "ravi", "kavita", "pooja", "lakshmi"]  # one per PC
# (name, reason, worker, region box, the scene her PC cut its picture from; None: an older
# PC that sends no picture)
PROPOSALS = [
    (
        "Bullock cart",
        "carts pulled by oxen are everywhere on this road",
        "asha",
        (140, 120, 410, 250),
        "cart",
    ),
    ("bullock-cart", "ox cart, no label for it", "meena", None, None),
    ("Bullock cart", "बैलगाड़ी की कोई लेबल नहीं है", "sunita", (100, 100, 450, 260), "cart"),
    ("Solar panel", "panels on the roofs, not a house part", "ravi", (20, 30, 220, 125), "panel"),
    ("तेंदुआ", "जंगल के किनारे तेंदुआ दिखा", "kavita", (295, 135, 400, 205), "leopard"),
    ("Bullock cart", "two carts at the well", "pooja", (150, 130, 400, 245), "cart"),
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
            subs = [
                fake_submission(n + i, submitted_at=days_ago(day), worker=WORKERS[k])
                for i in range(count)
            ]
            n += count
            seq += 1
            if k == 1 and seq == 5:
                prev = hashlib.sha256(server.bundle_for(e, seq, subs, prev_sha256=prev)).hexdigest()
                continue  # this bundle is on a lost drive: a gap
            props = []
            if day == 2 and k < len(PROPOSALS):
                name, reason, worker, box, kind = PROPOSALS[k]
                region = None
                if box:
                    x1, y1, x2, y2 = box
                    region = {"type": "box", "label": "proposed", "points": [[x1, y1], [x2, y2]]}
                picture = {"crop": crop_b64(kind, box)} if kind else {}
                props = [
                    fake_proposal(
                        n, name=name, reason=reason, worker=worker, region=region, **picture
                    )
                ]
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


def seed_station(server: RunningServer, project_id: str, folder: Path) -> None:
    """Two real PCs at Bhimtal, their work reviewed by Meena's station, all pushed by drive."""
    from labeler.annotations import Shape
    from labeler.quality.station import Station
    from sync.station.collect import collect_from_drive
    from sync.usb.export import export_to_drive
    from sync.usb.push import push_drive
    from tests.sync.support import make_pc
    from tests.sync.usb_support import relay_of

    pcs = {
        w: make_pc(folder / w, server.enroll_device(project_id, "Bhimtal"), 6)
        for w in ("asha", "ravi")
    }
    doc = server.registry.enroll_device(project_id, "Bhimtal", server.url, supervisor="Meena")
    station_pc = make_pc(folder / "station", doc, 6)
    drive = folder / "drive"
    drive.mkdir()
    work: dict[str, list[str]] = {}
    for k, (worker, pc) in enumerate(pcs.items()):
        ids = [r["id"] for r in pc.store.query("SELECT id FROM images ORDER BY seq")][k * 3 :]
        work[worker] = [
            pc.work.submit(i, [Shape.box("tree", 2 + 3 * k, 2, 30, 40)], worker).uuid for i in ids
        ]
        export_to_drive(pc, drive)
    collect_from_drive(station_pc, drive)
    station = Station(station_pc)
    for n, uuid in enumerate(work["asha"][:5]):
        station.decide(
            uuid, "Meena", "reject" if n == 3 else "accept", reason="loose_box" if n == 3 else None
        )
    for uuid in work["ravi"][:2]:
        station.decide(uuid, "Meena", "accept")
    export_to_drive(station_pc, drive)
    push_drive(drive, [relay_of(server, project_id)])
    for pc in (*pcs.values(), station_pc):
        pc.close()


def shoot(b: Browser, out: Path, name: str, path: str | None, *, full: bool = True) -> None:
    """``path`` (None: the page as it is) saved as ``name``.png in 256 colours (a fifth of
    the bytes, the same to the eye)."""
    from PIL import Image

    if path is not None:
        b.go(path)
    b.page.evaluate(  # every picture loaded, lazy ones too, before the shot
        "() => Promise.all([...document.images].map(i => { i.loading = 'eager';"
        " return i.complete ? 0 : new Promise(r => { i.onload = i.onerror = r; }); }))"
    )
    target = out / f"{name}.png"
    b.page.screenshot(path=str(target), full_page=full)
    with Image.open(target) as im:
        small = im.convert("RGB").quantize(256, method=Image.Quantize.MEDIANCUT)
    small.save(target, optimize=True)


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
            project = server.registry.projects()[0]
            seed_station(server, project.id, Path(tmp) / "station")
            with sync_playwright() as p:
                chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                b = Browser(chromium, server.url)
                shoot(b, out, "sign-in", "/admin/sign-in", full=False)
                b.sign_in(server.admin_token)
                for page in ("progress", "alerts", "proposals", "devices", "quality"):
                    shoot(b, out, page, f"/admin/{page}", full=page != "progress")
                b.page.set_viewport_size({"width": 1024, "height": 600})
                for page in ("progress", "proposals", "quality"):
                    shoot(b, out, f"{page}-small", f"/admin/{page}", full=False)
                b.page.set_viewport_size({"width": 1366, "height": 768})
                b.page.click("a.lang[lang=hi]")
                for page in ("progress", "alerts", "proposals", "quality"):
                    shoot(b, out, f"{page}-hi", f"/admin/{page}", full=page != "progress")
                # a refused decision, said in Hindi (the server's English under it)
                b.go("/admin/proposals")
                form = b.page.locator("form.decide").first
                form.locator("input[name=label_id]").fill("tree")
                form.locator("button[type=submit]").click()
                shoot(b, out, "refused-hi", None, full=False)
                b.page.set_viewport_size({"width": 1024, "height": 600})
                for page in ("progress", "proposals", "quality"):
                    shoot(b, out, f"{page}-small-hi", f"/admin/{page}", full=False)
                assert b.outside == [], b.outside
                b.close()
                chromium.close()
        finally:
            server.close()
    print(f"screenshots in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
