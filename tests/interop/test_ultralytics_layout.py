"""Our YOLO exports follow Ultralytics' documented dataset rules, checked without PyTorch.

The rules (docs.ultralytics.com/datasets/detect and /segment, and what
``ultralytics.data.utils`` does with them):

- ``data.yaml`` has ``train`` and ``val``, ``names`` (as many as ``nc``); a missing
  ``path:`` means the folder of the yaml file (``path: .`` would mean the working folder);
- each image's label is found by swapping the last ``/images/`` of the image's path for
  ``/labels/`` and its suffix for ``.txt`` (so ``frame.0001.jpg`` -> ``frame.0001.txt``);
- an image reached by a symbolic link is looked up beside the link's target, so images must
  be real files (copies or hard links) under ``images/``;
- a detection line is ``class cx cy w h``; a segmentation line ``class x1 y1 ...`` with 3 or
  more points; a file never mixes the two; values are fractions (within 1%), classes < nc.

``scripts/check-ultralytics`` runs Ultralytics' real ``check_det_dataset`` and dataset
loader on the same exports (an opt-in job: it installs PyTorch).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from labeler.imports.yolo import yaml_list
from tests.interop.conftest import Exporter

IMG_FORMATS = {"bmp", "dng", "jpeg", "jpg", "mpo", "png", "tif", "tiff", "webp", "pfm", "heic"}


def img2label(path: str) -> str:
    sa, sb = f"{os.sep}images{os.sep}", f"{os.sep}labels{os.sep}"
    return sb.join(path.rsplit(sa, 1)).rsplit(".", 1)[0] + ".txt"


def check_dataset(yaml_path: Path, segment: bool) -> dict[str, list[list[float]]]:
    """What Ultralytics would load: image -> label rows; an AssertionError says which rule."""
    text = yaml_path.read_text(encoding="utf-8")
    keys = {ln.split(":", 1)[0] for ln in text.splitlines() if ln and ln[0].isalpha()}
    assert {"train", "val", "names"} <= keys
    assert "path" not in keys, "no path: the yaml file's own folder is the dataset root"
    names = yaml_list(text, "names")
    nc = int(next(ln.split(":")[1] for ln in text.splitlines() if ln.startswith("nc:")))
    assert names is not None and len(names) == nc
    root = yaml_path.parent  # what Ultralytics takes when path: is missing
    train = next(ln.split(":", 1)[1].strip() for ln in text.splitlines() if ln.startswith("train:"))
    images = [p for p in sorted((root / train).rglob("*.*")) if p.suffix[1:].lower() in IMG_FORMATS]
    assert images, "no images under train:"
    loaded = {}
    for image in images:
        assert not image.is_symlink(), f"{image}: a link; Ultralytics looks beside its target"
        label = Path(img2label(str(image)))
        assert label.is_file(), f"{image}: no label at {label}"
        rows = [
            [float(v) for v in ln.split()] for ln in label.read_text().splitlines() if ln.strip()
        ]
        for row in rows:
            assert row[0] == int(row[0]) and 0 <= row[0] < nc
            assert all(-0.01 <= v <= 1.01 for v in row[1:])
            if segment:
                assert len(row) >= 7 and len(row) % 2 == 1
            else:
                assert len(row) == 5
        loaded[image.relative_to(root / train).as_posix()] = rows
    return loaded


@pytest.mark.parametrize("mode", ["link", "copy"])
def test_detection_export_is_a_dataset_ultralytics_loads(
    exported: Exporter, labeled, mode: str, monkeypatch, tmp_path: Path
):
    result = exported("yolo", images=mode)
    monkeypatch.chdir(tmp_path)  # any working folder
    loaded = check_dataset(result.path / "data.yaml", segment=False)
    assert sorted(loaded) == sorted(
        ["img_00000.jpg", "img_00001.jpg", "img_00002.jpg", "frame.0001.jpg", "portrait.jpg"]
    )
    assert loaded["img_00002.jpg"] == []  # a background image
    assert sum(len(r) for r in loaded.values()) == 6 and result.images_placed == 5
    linked = (result.path / "images" / "img_00000.jpg").stat().st_ino
    assert (linked == (labeled.image_root / "img_00000.jpg").stat().st_ino) is (mode == "link")
    assert "task: detect" in (result.path / "data.yaml").read_text()


def test_segmentation_export_is_its_own_choice(exported: Exporter):
    result = exported("yolo-seg")
    loaded = check_dataset(result.path / "data.yaml", segment=True)
    assert len(loaded["img_00000.jpg"]) == 2  # the box as 4 corners, the polygon
    assert "task: segment" in (result.path / "data.yaml").read_text()


def test_labelimg_finds_its_class_list_beside_the_labels(exported: Exporter):
    out = exported("yolo").path
    assert (out / "labels" / "classes.txt").read_text().split() == ["Tree", "House", "Cattle"]
    first = (out / "labels" / "img_00000.txt").read_text().splitlines()
    assert all(len(ln.split()) == 5 for ln in first)  # detection only: labelImg reads it
