"""Exports stream: the memory an export needs does not grow with the number of records.

Each format is written in a fresh process (``tests/export_memory_child.py``) from a generator
of records (nothing holds them): a warm-up run, then N records, then 10N, with the process's
peak RSS after each. The peak only rises, so what the 10N run adds to it is what nine N more
records cost: an exporter that kept its records (or a list of names, ids or zip entries)
would add megabytes; a streaming one adds nothing. The output of the 10N run is read back by
its consumer (pycocotools for COCO, the zip reader for what a server download hands over,
the csv and XML readers, Label Studio's SDK with the labeling config) with every record.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from typing import Any

import pytest
from pycocotools.coco import COCO

from tests.export_memory_child import SHAPES_PER_RECORD, record

ROOT = Path(__file__).resolve().parents[2]
N = 2_000
RUNS = (N, N, 10 * N)  # warm-up (modules, caches, the allocator's first arenas), N, 10N
RISE_LIMIT_KB = 3 * 1024
"""What 10N may add to N's peak: about 170 bytes a record. A ``Submission`` of four boxes
kept in memory costs about 2 KB, a ``zipfile`` entry 0.5 KB; either fails this by far."""


def peaks(fmt: str, tmp_path: Path, runs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Run ``runs`` one after another in a fresh process; each run's peak RSS and result."""
    spec = {"format": fmt, "dest": str(tmp_path / "out"), "runs": runs}
    done = subprocess.run(
        [sys.executable, "-m", "tests.export_memory_child", json.dumps(spec)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return [json.loads(line) for line in done.stdout.splitlines()]


def assert_flat(out: list[dict[str, Any]], fmt: str) -> None:
    small, large = out[-2]["peak_kb"], out[-1]["peak_kb"]
    rise = large - small
    assert rise < RISE_LIMIT_KB, (
        f"{fmt}: {out[-1]['images']:,} records need {rise:,} KiB more than"
        f" {out[-2]['images']:,} (peaks {small:,} and {large:,} KiB)"
    )


def exported(fmt: str, tmp_path: Path) -> Path:
    out = peaks(fmt, tmp_path, [{"records": n} for n in RUNS])
    assert_flat(out, fmt)
    last = out[-1]
    shapes = 0 if fmt == "csv" else SHAPES_PER_RECORD * 10 * N  # CSV holds image labels only
    assert last["images"] == 10 * N and last["shapes"] == shapes, fmt
    return Path(last["path"])


LAST = record(10 * N - 1)
LAST_STEM = LAST.image_path.removesuffix(".JPG")


def test_coco_memory_does_not_grow_and_pycocotools_reads_every_box(tmp_path: Path) -> None:
    coco = COCO(str(exported("coco", tmp_path)))
    assert len(coco.imgs) == 10 * N and len(coco.anns) == SHAPES_PER_RECORD * 10 * N
    labels = [c["label_id"] for c in coco.loadCats(coco.getCatIds())]
    assert labels == ["tree", "house", "cattle", "road", "well"]  # well: met in the records
    image = coco.imgs[10 * N]
    assert image["submission"] == LAST.uuid and image["file_name"] == LAST.image_path
    anns = coco.loadAnns(coco.getAnnIds(imgIds=[10 * N]))
    for ann, box in zip(anns, LAST.shapes, strict=True):  # every box of the last image, exact
        (x1, y1), (x2, y2) = box.points
        assert ann["bbox"] == [x1, y1, x2 - x1, y2 - y1]
        assert coco.loadCats(ann["category_id"])[0]["label_id"] == box.label


@pytest.mark.parametrize("fmt", ["yolo", "voc", "labelme"])
def test_folder_formats_zip_in_flat_memory(tmp_path: Path, fmt: str) -> None:
    """What the server hands a download: the folder as one zip, written entry by entry."""
    path = exported(fmt, tmp_path)
    assert path.name == f"m-{fmt}.zip"
    with zipfile.ZipFile(path) as z:
        assert z.testzip() is None
        per_image = [n for n in z.namelist() if "IMG_" in n]
        assert len(per_image) == 10 * N, fmt
        if fmt == "yolo":
            lines = z.read(f"labels/{LAST_STEM}.txt").decode().splitlines()
            assert len(lines) == SHAPES_PER_RECORD
            classes = z.read("labels/classes.txt").decode().split()
            assert classes == ["Tree", "House", "Cattle", "Road", "well"]
        elif fmt == "voc":
            ids = z.read("ImageSets/Main/default.txt").decode().splitlines()
            assert len(ids) == 10 * N and ids[-1] == LAST_STEM
            xml = ET.fromstring(z.read(f"Annotations/{LAST_STEM}.xml"))
            assert len(xml.findall("object")) == SHAPES_PER_RECORD
        else:
            doc = json.loads(z.read(f"{LAST_STEM}.json"))
            assert len(doc["shapes"]) == SHAPES_PER_RECORD


@pytest.mark.parametrize("fmt", ["cvat", "labelstudio", "csv"])
def test_one_file_formats_in_flat_memory(tmp_path: Path, fmt: str) -> None:
    path = exported(fmt, tmp_path)
    if fmt == "cvat":
        root = ET.parse(path).getroot()
        assert len(root.findall("image")) == 10 * N
        assert root.findtext("meta/task/size") == str(10 * N)
        assert [e.text for e in root.findall("meta/task/labels/label/name")][-1] == "well"
    elif fmt == "labelstudio":  # zipped with its labeling config, as a download hands it over
        with zipfile.ZipFile(path) as z:
            tasks = json.loads(z.read("m-labelstudio.json"))
            config = z.read("m-labelstudio.xml").decode()
        assert [t["id"] for t in tasks] == list(range(1, 10 * N + 1))
        assert 'value="well"' in config  # the config names the label met last
    else:
        with open(path, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f))
        assert len(rows) == 10 * N + 1 and rows[-1][0] == LAST.image_path
