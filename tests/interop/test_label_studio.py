"""Label Studio's own libraries read our export: the SDK checks every annotation against the
labeling config written beside it, and the converter turns it into COCO.

Before issue 11 the tasks had no ``id`` (the converter failed with ``KeyError: 'id'``) and
no labeling config was written.
"""

from __future__ import annotations

import copy
import json
import warnings
from pathlib import Path

import pytest

from tests.interop.conftest import Exporter

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from label_studio_converter import Converter
    from label_studio_sdk.label_interface import LabelInterface

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning", "ignore::UserWarning")


def test_the_sdk_accepts_every_annotation_under_the_config_written_beside(exported: Exporter):
    path = exported("labelstudio").path
    config = path.with_suffix(".xml").read_text()
    interface = LabelInterface(config)
    interface.validate()  # the config itself
    tasks = json.loads(path.read_text())
    assert [t["id"] for t in tasks] == list(range(1, len(tasks) + 1))
    for task in tasks:
        assert task["data"]["image"].startswith("/data/local-files/?d=")
        (annotation,) = task["annotations"]
        assert interface.validate_annotation(annotation), task["id"]
    wrong = copy.deepcopy(tasks[0]["annotations"][0])
    wrong["result"][0]["value"]["rectanglelabels"] = ["Goat"]
    assert not interface.validate_annotation(wrong)  # the check is a real one


def test_the_converter_makes_coco_with_our_boxes(exported: Exporter, tmp_path: Path):
    path = exported("labelstudio").path
    converter = Converter(
        config=str(path.with_suffix(".xml")), project_dir=None, download_resources=False
    )
    out = tmp_path / "converted"
    converter.convert_to_coco(input_data=str(path), output_dir=str(out), is_dir=False)
    doc = json.loads((out / "result.json").read_text())
    names = {c["id"]: c["name"] for c in doc["categories"]}
    files = {i["id"]: Path(i["file_name"]).name for i in doc["images"]}
    boxes = sorted(
        (
            files[a["image_id"]].split("=")[-1],
            names[a["category_id"]],
            [round(v, 6) for v in a["bbox"]],
        )
        for a in doc["annotations"]
    )
    assert ("img_00000.jpg", "Tree", [1.0, 2.0, 29.0, 38.0]) in boxes
    assert ("frame.0001.jpg", "Cattle", [0.0, 0.0, 64.0, 48.0]) in boxes
    assert ("portrait.jpg", "Tree", [4.0, 30.0, 40.0, 30.0]) in boxes
