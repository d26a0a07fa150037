"""Screenshots of the supervisor station for the README, at 1366x768 and 1024x600, in
English and Hindi: ``.venv/bin/python scripts/station_screenshots.py [OUT_DIR]``; with
``--looks OUT_DIR`` also in large text and in large text with high contrast (to look at,
not for the README).

Each size and language runs in its own offscreen process (Qt reads the screen size once).
The station is the sample project made a standalone station, with three workers' work, a
proposal, a gold image and a few decisions already made, and a USB folder with work on it.
"""

from __future__ import annotations

import sys
import tempfile
import uuid
from pathlib import Path

from offscreen_screen import run_on_screen

SIZES = ((1366, 768), (1024, 600))
LANGS = ("en", "hi")
ROOT = Path(__file__).resolve().parents[1]
PLAIN = ((False, False),)  # (large text, high contrast)
LOOKS = ((False, False), (True, False), (True, True))


def main(argv: list[str]) -> int:
    if argv and argv[0] == "--one":
        large, contrast = argv[5] == "1", argv[6] == "1"
        return one(Path(argv[1]), int(argv[2]), int(argv[3]), argv[4], large, contrast)
    looks = PLAIN
    if argv and argv[0] == "--looks":
        looks, argv = LOOKS, argv[1:]
    out = Path(argv[0]) if argv else ROOT / "docs" / "img"
    out.mkdir(parents=True, exist_ok=True)
    shots = [(size, lang, look) for size in SIZES for lang in LANGS for look in looks]
    for (w, h), lang, (large, contrast) in shots:
        look = [str(int(large)), str(int(contrast))]
        run_on_screen(__file__, ["--one", str(out), str(w), str(h), lang, *look], (w, h))
    print(f"screenshots in {out}")
    return 0


def _station(folder: Path):  # type: ignore[no-untyped-def]
    from labeler.project import Project
    from labeler.quality.collect import store_bundle
    from labeler.quality.records import GoldAnswer
    from labeler.quality.station import QualitySettings, Station, grant_supervisor
    from labeler.sample import create_sample_project
    from labeler.store import new_uuid

    project = Project.open(create_sample_project(folder / "station"))
    grant_supervisor(project)
    station = Station(project)
    station.save_settings(QualitySettings(spot_share=0.5, seed="readme"))
    rows = project.store.query("SELECT path, sha256, width, height FROM images ORDER BY seq")
    workers = {"dev-asha-pc": "Asha", "dev-ravi-pc": "Ravi", "dev-sita-pc": "Sita"}
    gold = rows[-1]
    station.add_gold([GoldAnswer(
        uuid=new_uuid(), image_sha256=gold["sha256"], image_path=gold["path"],
        width=gold["width"], height=gold["height"], shapes=(),
        source="centre:gold.json", created_by="Admin", device_id="station",
        created_at="2026-03-01T08:00:00.000Z")])  # fmt: skip
    for k, (device, worker) in enumerate(workers.items()):
        subs = []
        for i, r in enumerate(rows[k * 10 : k * 10 + 14]):
            w, h = r["width"], r["height"]
            day = 2 + i % 5
            subs.append({
                "uuid": str(uuid.uuid4()), "image_sha256": r["sha256"], "image_path": r["path"],
                "width": w, "height": h,
                "shapes": [{"type": "box", "label": ["tree", "house", "cattle"][i % 3],
                            "points": [[w * 0.2, h * 0.25], [w * (0.5 + 0.03 * i), h * 0.8]],
                            **({"attrs": {"origin": "accepted", "score": 0.8}}
                               if i % 4 != 3 else {})}],
                "taxonomy_version": 1, "worker": worker, "device_id": device,
                "started_at": None, "submitted_at": f"2026-03-0{day}T10:{i:02d}:00.000Z",
                "duration_ms": 6000 + 900 * ((i * 7 + k * 3) % 9), "revision": 1,
                "supersedes": None, "source": "labeled"})  # fmt: skip
        props = [{
            "uuid": str(uuid.uuid4()), "image_sha256": subs[1]["image_sha256"],
            "image_path": subs[1]["image_path"], "name": "bullock cart",
            "reason": "there is no label for carts", "worker": worker,
            "created_at": "2026-03-02T10:05:00.000Z"}] if k == 0 else []  # fmt: skip
        feedback = [{
            "uuid": str(uuid.uuid4()), "submission_uuid": sub["uuid"],
            "image_sha256": sub["image_sha256"], "model_sha256": "5e" * 32, "worker": worker,
            "device_id": device, "created_at": sub["submitted_at"],
            "outcomes": [
                {**{k2: v for k2, v in sub["shapes"][0].items() if k2 != "attrs"},
                 "score": 0.8, **({"outcome": "accepted", "shape": 0} if i % 4 != 3
                                  else {"outcome": "rejected", "shape": None})},
                *([{"type": "box", "label": "cattle", "score": 0.4, "outcome": "rejected",
                    "shape": None, "points": [[1, 1], [w * 0.1, h * 0.1]]}]
                  if i % 3 == 0 else []),
            ]} for i, sub in enumerate(subs)]  # fmt: skip
        flagged = rows[k * 10 + 14] if k == 2 and len(rows) > 44 else None
        flags = [{
            "uuid": str(uuid.uuid4()), "image_sha256": flagged["sha256"],
            "image_path": flagged["path"], "note": "too dark to see the animals",
            "worker": worker, "device_id": device,
            "flagged_at": "2026-03-03T09:00:00.000Z"}] if flagged else []  # fmt: skip
        store_bundle(project.store, device_id=device, seq=1, sha256=f"{k}" * 64,
                     prev_sha256=None, via="usb:readme", submissions=subs, proposals=props,
                     flags=flags, feedback=feedback)  # fmt: skip
    station.refresh()
    queue = station.queue("Meena")
    for item in queue[3:9]:
        station.decide(item.uuid, "Meena", "accept", origin=item.origin)
    station.decide(queue[9].uuid, "Meena", "reject", reason="loose_box", origin="spot")
    station.decide(queue[10].uuid, "Meena", "reject", reason="missed_object", origin="spot")
    drive = folder / "USB"
    for device in list(workers)[:3]:
        d = drive / "HITL" / "outgoing" / project.id / device
        d.mkdir(parents=True, exist_ok=True)
        (d / "00000002.hitlb").write_bytes(b"")
    from sync.station.transfer import send_to_drive

    send_to_drive(project, drive)
    return project, drive


def one(out: Path, w: int, h: int, lang: str, large: bool, contrast: bool) -> int:
    from PySide6.QtWidgets import QApplication

    from ui.i18n import install_language
    from ui.station.window import StationWindow
    from ui.theme import apply_theme

    app = QApplication([sys.argv[0]])
    apply_theme(app, large_text=large, high_contrast=contrast)  # as the app does
    install_language(app, lang)
    with tempfile.TemporaryDirectory() as tmp:
        project, drive = _station(Path(tmp))
        window = StationWindow(project, "Meena")
        window.drive.set_drive(drive)
        window.showMaximized()
        window.resize(w, h)
        for i, name in enumerate(("review", "pcs", "drive", "reports", "model")):
            window.tabs.setCurrentIndex(i)
            app.processEvents()
            look = ("-large" if large else "") + ("-contrast" if contrast else "")
            window.grab().save(str(out / f"station-{name}-{w}x{h}-{lang}{look}.png"))
        window.drive.runner.shutdown()
        window.close()
        project.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
