"""labelme's own ``LabelFile`` opens our JSON where it is written, image and all.

``LabelFile`` reads the image from ``imagePath`` relative to the JSON file and checks its
size against ``imageWidth``/``imageHeight`` (EXIF applied, as we write them). Before issue 11
``imagePath`` was relative to the image folder, so labelme could not open the files.

labelme imports PyQt5 when it is imported, and this suite runs PySide6 widgets: two Qt
bindings in one process load two Qt libraries (importing both worked here, and even a second
QApplication, but the suite's widgets should not share a process with another Qt), so
``LabelFile`` runs in a child process. labelme is pinned at 5.5.0: 6.x wants onnxruntime 1.23
or newer, which the app holds below 1.20 for the installer's size.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.interop.conftest import Exporter

READER = """
import io, json, sys, warnings
warnings.simplefilter("ignore")
from pathlib import Path
import PIL.Image
from labelme.label_file import LabelFile
out = {}
for path in sorted(Path(sys.argv[1]).rglob("*.json")):
    lf = LabelFile(str(path))
    size = PIL.Image.open(io.BytesIO(lf.imageData)).size
    shapes = [
        [s["label"], s["shape_type"], s["points"], s["group_id"], s["description"], s["flags"],
         s["other_data"]]
        for s in lf.shapes
    ]
    out[path.name] = {"size": list(size), "shapes": shapes, "flags": lf.flags}
print(json.dumps(out))
"""


def read_with_labelme(folder: Path) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", READER, str(folder)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("images", ["none", "copy"])
def test_labelfile_opens_every_file_where_it_is(exported: Exporter, images: str):
    result = exported("labelme", images=images)
    docs = {p.name: json.loads(p.read_text()) for p in result.path.glob("*.json")}
    if images == "none":
        assert docs["img_00000.json"]["imagePath"] == "../../photos/img_00000.jpg"
    else:
        assert docs["img_00000.json"]["imagePath"] == "img_00000.jpg"
        assert (result.path / "img_00000.jpg").is_file()
    got = read_with_labelme(result.path)
    assert sorted(got) == sorted(
        ["img_00000.json", "img_00001.json", "img_00002.json", "frame.0001.json", "portrait.json"]
    )
    assert got["portrait.json"]["size"] == [48, 64]  # shown turned, as labelme shows it
    first = got["img_00000.json"]
    assert [s[:3] for s in first["shapes"]] == [
        ["Tree", "rectangle", [[1, 2], [30, 40]]],
        ["House", "polygon", [[5, 5], [20, 5], [12, 30]]],
        ["Cattle", "point", [[3, 4]]],
        ["Tree", "linestrip", [[1, 47], [30, 40], [63, 47]]],
    ]
    assert first["shapes"][0][6] == {"attributes": {"occluded": True, "difficult": True}}
    assert first["flags"] == {"Tree": True}
    group = got["img_00001.json"]["shapes"]
    assert [s[3] for s in group[:2]] == [3, 3]  # group_id, as labelme groups shapes
