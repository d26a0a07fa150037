"""Polylines and per-shape attributes go from a PC, by a real sync, into the server's store
and come out of its exports as the PC's own exports write them (issue 11)."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import requests

from labeler import cli
from labeler.annotations import Shape
from tests.sync.conftest import RunningServer
from tests.sync.support import make_pc

KIND = "boxes+polygons+polylines+multilabel"
BOX = Shape.box("tree", 1, 2, 30, 40).with_attrs(
    {"occluded": True, "group_id": 2, "description": "तना टूटा", "flags": {"dry": True}}
)
LINE = Shape.polyline("house", [(1, 40), (30.25, 44), (60, 40)]).with_attrs({"truncated": True})


def export(server: RunningServer, fmt: str) -> bytes:
    r = requests.get(
        f"{server.url}/v1/export",
        params={"format": fmt},
        headers=server.admin_headers,
        timeout=30,
    )
    assert r.status_code == 200, r.text
    return r.content


def test_polylines_and_attributes_reach_the_servers_exports(
    server: RunningServer, tmp_path: Path
) -> None:
    info = server.create_project(kind=KIND)
    pc = make_pc(tmp_path / "pc", server.enroll_device(info.id), 2, kind=KIND)
    try:
        pc.work.submit(1, [BOX, LINE], "asha")
    finally:
        pc.close()
    assert cli.main(["sync", "-p", str(tmp_path / "pc" / "pc.hitl")]) == 0

    root = ET.fromstring(export(server, "cvat"))
    (image,) = root.iter("image")
    box, line = image.find("box"), image.find("polyline")
    assert box is not None and line is not None
    assert (box.get("occluded"), box.get("group_id")) == ("1", "2")
    assert {a.get("name"): a.text for a in box.iter("attribute")} == {"description": "तना टूटा"}
    assert line.get("points") == "1,40;30.2,44;60,40"  # bundles carry 0.1 px
    assert {a.get("name"): a.text for a in line.iter("attribute")} == {"truncated": "true"}

    with zipfile.ZipFile(io.BytesIO(export(server, "labelme"))) as z:
        (name,) = [n for n in z.namelist() if n.endswith(".json")]
        doc = json.loads(z.read(name))
    rect, strip = doc["shapes"]
    assert (rect["shape_type"], rect["group_id"], rect["flags"]) == ("rectangle", 2, {"dry": True})
    assert rect["description"] == "तना टूटा" and rect["attributes"] == {"occluded": True}
    assert strip["shape_type"] == "linestrip" and strip["attributes"] == {"truncated": True}
