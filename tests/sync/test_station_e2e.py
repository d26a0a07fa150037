"""End to end with real processes: a server, three worker PCs and a supervisor station, work
moving by a USB folder and by network. Review, rejection and rework, gold images scored,
overlap agreement, a forged return refused; nothing lost and nothing stored twice.

Every step is a command a person runs (``labeler``, ``labeler-server``); the workers' labeling
is a small child process (``station_child.py``) since labeling is done in the app.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from tests.conftest import TAXONOMY_TEXT, make_images

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1200)]  # about 30 commands
BIN = Path(sys.executable).parent
ROOT = Path(__file__).resolve().parents[2]


def run(*cmd: str, home: Path | None = None, ok: bool = True) -> str:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if home is not None:
        env["HITL_LABELER_HOME"] = str(home)
    for key in [k for k in env if k.startswith("HITL_SERVER_")]:
        env.pop(key)
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120, cwd=ROOT)
    out = done.stdout + done.stderr
    if ok and done.returncode != 0:
        raise AssertionError(f"{' '.join(cmd)} failed ({done.returncode}):\n{out}")
    return out


def labeler(*args: str, home: Path, ok: bool = True) -> str:
    return run(str(BIN / "labeler"), *args, home=home, ok=ok)


def server_cmd(data: Path, *args: str) -> str:
    return run(str(BIN / "labeler-server"), *args, "--data", str(data))


def child(*args: str, home: Path) -> str:
    return run(sys.executable, str(Path(__file__).with_name("station_child.py")), *args, home=home)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Pc:
    def __init__(self, root: Path, name: str, images: list[int], base: Path) -> None:
        self.home = root / f"{name}-home"
        self.folder = root / name
        (self.folder / "images").mkdir(parents=True)
        for i in images:
            src = base / f"img_{i:05d}.jpg"
            (self.folder / "images" / src.name).write_bytes(src.read_bytes())
        self.path = str(self.folder / f"{name}.hitl")

    def labeler(self, *args: str, ok: bool = True) -> str:
        return labeler(*args, "-p", self.path, home=self.home, ok=ok)

    def child(self, *args: str) -> str:
        return child(args[0], self.path, *args[1:], home=self.home)

    def show(self) -> dict:
        return json.loads(self.child("show").strip().splitlines()[-1])


def test_a_centre_day_with_review_rework_gold_and_agreement(tmp_path: Path) -> None:
    base = tmp_path / "all-images"
    make_images(base, 12, size=(80, 60))
    tax = tmp_path / "labels.txt"
    tax.write_text(TAXONOMY_TEXT, encoding="utf-8")
    data = tmp_path / "server"
    server_cmd(data, "init")
    server_cmd(data, "create-project", "Forest", "--taxonomy", str(tax), "--kind", "boxes")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    os.environ.pop("HITL_SERVER_PUBLIC_URL", None)
    # three PCs: Asha 0-5, Ravi 3-8 (3, 4, 5 overlap), Sita 6-10 by network; the station has all
    pcs = {
        "asha": Pc(tmp_path, "asha", list(range(0, 6)), base),
        "ravi": Pc(tmp_path, "ravi", list(range(3, 9)), base),
        "sita": Pc(tmp_path, "sita", list(range(6, 11)), base),
    }
    station = Pc(tmp_path, "station", list(range(12)), base)
    # the admin sets the station up first, so every PC's pack lists it (a PC enrolled before
    # learns it from its next network sync or a pushed drive: tests/sync/test_station_flow.py)
    for name, pc in [("station", station), *pcs.items()]:
        enroll = tmp_path / f"{name}.hitl-enroll"
        extra = ["--supervisor", "Meena"] if name == "station" else []
        run(
            str(BIN / "labeler-server"), "enroll-device", "--project", "Forest", "--centre",
            "Village A", "--out", str(enroll), "--data", str(data), "--public-url", url, *extra,
        )  # fmt: skip
        labeler("init", pc.path, "--images", str(pc.folder / "images"), "--taxonomy", str(tax),
                "--kind", "boxes", home=pc.home)  # fmt: skip
        pc.labeler("enroll", str(enroll))
    relay = tmp_path / "relay.hitl-relay"
    run(str(BIN / "labeler-server"), "enroll-relay", "--project", "Forest", "--out", str(relay),
        "--data", str(data), "--public-url", url)  # fmt: skip
    serve = subprocess.Popen(
        [str(BIN / "labeler-server"), "serve", "--port", str(port), "--data", str(data)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
    )
    try:
        _wait_for(url)
        _the_day(tmp_path, pcs, station, relay, data)
    finally:
        serve.terminate()
        serve.wait(timeout=20)


def _wait_for(url: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            requests.get(url + "/v1/health", timeout=1)
            return
        except requests.ConnectionError:
            time.sleep(0.1)
    raise AssertionError("the server did not start")


def _the_day(tmp_path: Path, pcs: dict[str, Pc], station: Pc, relay: Path, data: Path) -> None:
    drive = tmp_path / "USB"
    drive.mkdir()
    for name, pc in pcs.items():
        pc.child("label", name)
    for name in ("asha", "ravi"):
        pcs[name].labeler("usb", "export", str(drive))
    pcs["sita"].labeler("sync")  # Sita's PC has a link

    # the station: gold answers from a COCO file, the drive, and the server for Sita's work
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps({
        "images": [{"id": 1, "file_name": "img_00011.jpg", "width": 80, "height": 60}],
        "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "bbox": [2, 2, 76, 56]}],
        "categories": [{"id": 1, "name": "tree"}],
    }))  # fmt: skip
    assert "1 gold images added" in station.labeler("station", "gold", str(gold), "--format",
                                                    "coco", "--by", "Admin")  # fmt: skip
    station.labeler("station", "settings", "--spot", "1.0", "--overlap", "0")
    out = station.labeler("station", "collect", str(drive))
    assert "12 submissions" in out
    station.labeler("sync")  # collects Sita's work from the server
    queue = station.labeler("station", "queue", "--reviewer", "Meena").splitlines()
    items = [line.split() for line in queue if line[:1].isalnum() and "to review" not in line]
    workers = {it[2] for it in items}
    assert workers == {"asha", "ravi", "sita"} and len(items) == 17
    # by image name: the queue's order among work submitted in the same millisecond is not
    # fixed, and the export below names the images that were accepted and corrected
    asha = [it[0] for it in sorted((it for it in items if it[2] == "asha"), key=lambda it: it[-1])]
    station.labeler("station", "review", asha[0], "--reviewer", "Meena", "--accept")
    station.labeler("station", "review", asha[1], "--reviewer", "Meena", "--reject", "loose_box",
                    "--note", "box the whole tree")  # fmt: skip
    fix = tmp_path / "fix.json"
    fix.write_text(json.dumps([{"type": "box", "label": "house", "points": [[5, 5], [70, 50]]}]))
    station.labeler("station", "review", asha[2], "--reviewer", "Meena", "--correct", str(fix))
    sita_item = next(it[0] for it in items if it[2] == "sita")
    station.labeler("station", "review", sita_item, "--reviewer", "Meena", "--reject",
                    "wrong_label")  # fmt: skip
    refused = station.labeler("station", "review", asha[3], "--reviewer", "asha", "--accept",
                              ok=False)  # fmt: skip
    assert "never reviews her own work" in refused

    sent = station.labeler("station", "send", str(drive))
    # Asha's and Sita's rework; the gold image for the three PCs that have not labeled it
    assert "2 images to rework" in sent and "3 new images" in sent
    status = station.labeler("station", "status", str(drive))
    assert "waiting for asha's PC" in status
    for word in ("bundle", "record", "receipt", "KiB"):
        assert word not in status

    # a forged return: the real message with another reason, as message 99
    real = next(
        m
        for m in (drive / "HITL" / "station").rglob("*.json")
        if any(r["worker"] == "asha" for r in json.loads(m.read_text())["message"]["rework"])
    )
    doc = json.loads(real.read_text())
    doc["message"]["seq"] = 99
    doc["message"]["rework"][0]["note"] = "delete all your work"
    forged = real.with_name("00000099.json")
    forged.write_text(json.dumps(doc))
    out = pcs["asha"].labeler("usb", "import", str(drive))
    assert "1 images to rework" in out and "REFUSED" in out
    assert forged.exists() and not real.exists()
    pcs["ravi"].labeler("usb", "import", str(drive))
    station.labeler("sync")  # the station's messages go to the server too
    pcs["sita"].labeler("sync")  # Sita's rework comes by network (images only by drive)
    asha_state = pcs["asha"].show()
    assert asha_state["open_rework"] == ["loose_box"]
    assert [t["kind"] for t in asha_state["tasks"]] == ["gold"] and asha_state["images"] == 7
    assert pcs["sita"].show()["open_rework"] == ["wrong_label"]

    # the workers fix and label the new image; everything travels back
    for name in ("asha", "sita"):
        pcs[name].child("fix", name)
    for name in ("asha", "ravi"):
        pcs[name].child("label", name)
        pcs[name].labeler("usb", "export", str(drive))
    pcs["sita"].labeler("sync")
    station.labeler("station", "collect", str(drive))
    station.labeler("sync")
    station.labeler("usb", "export", str(drive))
    labeler("usb", "push", str(drive), "--relay", str(relay), home=station.home)
    for pc in pcs.values():
        pc.labeler("usb", "import", str(drive))
    station.labeler("usb", "import", str(drive))
    report = json.loads(
        station.labeler("station", "report", "--period", "week").strip().splitlines()[0]
    )
    assert report["worker"] in {"asha", "ravi", "sita"}

    # the server: every record once, the quality records, the exports
    db = sqlite3.connect(data / "server.db")
    on_server = [r[0] for r in db.execute("SELECT uuid FROM submissions")]
    assert len(on_server) == len(set(on_server))
    made = [s["uuid"] for pc in [*pcs.values(), station] for s in pc.show()["submissions"]]
    assert set(made) <= set(on_server)  # nothing lost (the station's copies included)
    decisions = sorted(r[0] for r in db.execute("SELECT decision FROM reviews"))
    assert decisions == ["accept", "correct", "reject", "reject"]
    scores = db.execute("SELECT worker, passed FROM gold_scores ORDER BY worker").fetchall()
    assert scores == [("asha", 1), ("ravi", 1)]
    agreements = db.execute("SELECT agree FROM agreements").fetchall()
    # Asha and Ravi share 3, 4, 5 and the gold image; Ravi and Sita 6, 7, 8; a fixed image
    # is compared again with its newer revision
    assert len(agreements) >= 7 and all(a == (1,) for a in agreements)
    sources = dict(db.execute("SELECT uuid, source FROM submissions").fetchall())
    assert sorted(v for v in sources.values() if v != "labeled") == ["corrected", "gold", "gold"]
    out = tmp_path / "export.json"
    server_cmd(data, "export", "--format", "coco", "--out", str(out))
    names = {i["file_name"] for i in json.loads(out.read_text())["images"]}
    assert "img_00011.jpg" not in names and len(names) == 11  # the gold image is never work
    server_cmd(data, "export", "--format", "coco", "--out", str(out), "--reviewed")
    names = {i["file_name"] for i in json.loads(out.read_text())["images"]}
    assert names == {"img_00000.jpg", "img_00002.jpg"}  # accepted, and corrected
