"""datumaro (OpenVINO's dataset framework) imports our COCO, VOC, YOLO and CVAT exports.

datumaro looks for each format in its usual dataset layout: a COCO file named
``annotations/instances_<subset>.json`` with the images in ``images/<subset>/``, CVAT XML with the images in ``images/`` beside it
(as CVAT's own "export dataset" writes them). Those two are one-file formats here, so the
test puts the file where datumaro looks, as the README tells a user to. VOC and YOLO are
read exactly as written. (datumaro's ``label_me`` is MIT's LabelMe XML, another format than
labelme's JSON: labelme's own ``LabelFile`` reads ours in ``test_labelme.py``.)
"""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import pytest

from tests.interop.conftest import Exporter

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from datumaro.components.annotation import AnnotationType
    from datumaro.components.dataset import Dataset

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning", "ignore::UserWarning")


def read(path: Path, fmt: str) -> dict[str, list[tuple]]:
    ds = Dataset.import_from(str(path), fmt)
    names = [lab.name for lab in ds.categories()[AnnotationType.label]]
    out: dict[str, list[tuple]] = {}
    for item in ds:
        anns = []
        for a in item.annotations:
            label = names[a.label] if a.label is not None else None
            if a.type is AnnotationType.bbox:
                anns.append(("bbox", label, tuple(a.get_bbox()), a.attributes))
            elif a.type is AnnotationType.label:
                anns.append(("label", label, (), a.attributes))
            else:
                anns.append((a.type.name, label, tuple(a.points), a.attributes))
        out[item.id] = anns
    return out


def test_voc_with_labels_beyond_pascal_and_its_attributes(exported: Exporter):
    got = read(exported("voc", images="copy").path, "voc_detection")
    tree, house = got["img_00000"]
    assert tree[:3] == ("bbox", "Tree", (1.0, 2.0, 29.0, 38.0))
    assert (tree[3]["occluded"], tree[3]["difficult"], tree[3]["truncated"]) == (True, True, False)
    assert house[:3] == ("bbox", "House", (5.0, 5.0, 15.0, 25.0))
    assert [a[3]["truncated"] for a in got["img_00001"]] == [True, True]
    assert got["frame.0001"][0][:3] == ("bbox", "Cattle", (0.0, 0.0, 64.0, 48.0))
    assert got["img_00002"] == []


def test_yolo_as_written(exported: Exporter):
    got = read(exported("yolo").path, "yolo")
    boxes = {k: [(a[1], tuple(round(v, 6) for v in a[2])) for a in v] for k, v in got.items()}
    assert boxes["img_00000"] == [
        ("Tree", (1.0, 2.0, 29.0, 38.0)),
        ("House", (5.0, 5.0, 15.0, 25.0)),
    ]
    assert boxes["frame.0001"] == [("Cattle", (0.0, 0.0, 64.0, 48.0))]
    assert boxes["portrait"] == [("Tree", (4.0, 30.0, 40.0, 30.0))]  # the shown 48x64 view


def test_coco_in_its_annotations_folder(exported: Exporter, tmp_path: Path, labeled):
    layout = tmp_path / "coco-dataset"
    (layout / "annotations").mkdir(parents=True)
    (layout / "images" / "default").mkdir(parents=True)
    shutil.copy(exported("coco").path, layout / "annotations" / "instances_default.json")
    for rec in labeled.queue.page():
        shutil.copy(labeled.image_root / rec.path, layout / "images" / "default" / rec.path)
    got = read(layout, "coco_instances")
    # datumaro reads each polygon with the instance's box beside it
    assert sorted(a[:3] for a in got["img_00000"]) == [
        ("bbox", "House", (5.0, 5.0, 15.0, 25.0)),
        ("bbox", "Tree", (1.0, 2.0, 29.0, 38.0)),
        ("polygon", "House", (5.0, 5.0, 20.0, 5.0, 12.0, 30.0)),
    ]
    (tree,) = [a for a in got["img_00000"] if a[1] == "Tree"]
    assert tree[3]["occluded"] is True and tree[3]["difficult"] is True
    group = got["img_00001"]  # one instance of two parts: two polygons, one box around both
    assert sorted(a[0] for a in group) == ["bbox", "polygon", "polygon"]
    assert all(a[3]["group_id"] == 3 and a[3]["truncated"] is True for a in group)
    assert got["portrait"][0][2] == (4.0, 30.0, 40.0, 30.0)


def test_cvat_with_its_images_beside(exported: Exporter, tmp_path: Path, labeled):
    layout = tmp_path / "cvat-dataset"
    (layout / "images").mkdir(parents=True)
    shutil.copy(exported("cvat").path, layout / "annotations.xml")
    for rec in labeled.queue.page():
        shutil.copy(labeled.image_root / rec.path, layout / "images" / rec.path)
    got = read(layout / "annotations.xml", "cvat")
    kinds = sorted((a[0], a[1]) for a in got["img_00000"])
    assert kinds == [
        ("bbox", "Tree"),
        ("label", "Tree"),
        ("points", "Cattle"),
        ("polygon", "House"),
        ("polyline", "Tree"),
    ]
    (tree,) = [a for a in got["img_00000"] if a[0] == "bbox"]
    assert tree[2] == (1.0, 2.0, 29.0, 38.0)
    assert tree[3]["occluded"] is True and tree[3]["difficult"] is True
    (line,) = [a for a in got["img_00000"] if a[0] == "polyline"]
    assert line[2] == (1.0, 47.0, 30.0, 40.0, 63.0, 47.0)
