"""pycocotools evaluates our COCO files: a detector that finds every object scores 1.0.

Before issue 11 a point was a zero-size box: an object no detector can match, so a perfect
detector scored AP 0.5 on an image set with as many points as boxes.
"""

from __future__ import annotations

import contextlib
import io
import json

import pytest
from pycocotools.coco import COCO
from pycocotools.cocoeval import COCOeval

from tests.interop.conftest import Exporter

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:pycocotools")


def evaluate(gt: COCO, dets: list[dict], iou_type: str, **params) -> list[float]:
    with contextlib.redirect_stdout(io.StringIO()):
        ev = COCOeval(gt, gt.loadRes(dets), iou_type)
        for k, v in params.items():
            setattr(ev.params, k, v)
        ev.evaluate()
        ev.accumulate()
        ev.summarize()
    return list(ev.stats)


def test_cocoeval_gives_a_perfect_detector_full_marks(exported: Exporter):
    result = exported("coco")
    with contextlib.redirect_stdout(io.StringIO()):
        gt = COCO(str(result.path))
    anns = gt.loadAnns(gt.getAnnIds())
    assert {a["shape"] for a in anns} == {"box", "polygon", "group"}
    assert all(a["area"] > 0 and a["bbox"][2] > 0 and a["bbox"][3] > 0 for a in anns)
    boxes = [{**{k: a[k] for k in ("image_id", "category_id", "bbox")}, "score": 0.9} for a in anns]
    stats = evaluate(gt, boxes, "bbox")
    assert stats[0] == pytest.approx(1.0) and stats[1] == pytest.approx(1.0)  # AP, AP50
    # Masks: a box has COCO detection's empty segmentation, so the mask evaluation takes the
    # category drawn with polygons (one of them the group of a box and a polygon).
    house = gt.getCatIds(catNms=["House"])
    masks = [
        {**d, "segmentation": a["segmentation"]}
        for d, a in zip(boxes, anns, strict=True)
        if a["category_id"] in house
    ]
    assert evaluate(gt, masks, "segm", catIds=house)[0] == pytest.approx(1.0)
    assert (
        result.left_out["points (COCO instances have no points; export coco-keypoints for them)"]
        == 2
    )


def test_the_group_is_one_instance_and_attributes_are_kept(exported: Exporter):
    doc = json.loads(exported("coco").path.read_text())
    names = {c["id"]: c["name"] for c in doc["categories"]}
    (group,) = [a for a in doc["annotations"] if a["shape"] == "group"]
    assert names[group["category_id"]] == "House" and group["parts"] == ["box", "polygon"]
    assert len(group["segmentation"]) == 2 and group["bbox"] == [10, 10, 30, 15]
    assert group["attributes"] == {"truncated": True, "group_id": 3}
    first = next(i["id"] for i in doc["images"] if i["file_name"] == "img_00000.jpg")
    (box,) = [
        a
        for a in doc["annotations"]
        if names[a["category_id"]] == "Tree" and a["image_id"] == first
    ]
    assert box["attributes"] == {"occluded": True, "difficult": True} and box["iscrowd"] == 0


def test_cocoeval_keypoints_on_the_points(exported: Exporter):
    result = exported("coco-keypoints")
    with contextlib.redirect_stdout(io.StringIO()):
        gt = COCO(str(result.path))
    anns = gt.loadAnns(gt.getAnnIds())
    assert sorted(a["keypoints"] for a in anns) == [[3, 4, 2], [50, 40, 2]]
    cats = gt.loadCats(gt.getCatIds())
    assert all(c["keypoints"] == [c["name"]] for c in cats)
    dets = [
        {
            "image_id": a["image_id"],
            "category_id": a["category_id"],
            "keypoints": a["keypoints"],
            "score": 1.0,
        }
        for a in anns
    ]
    import numpy as np

    stats = evaluate(gt, dets, "keypoints", kpt_oks_sigmas=np.array([0.05]))
    assert stats[0] == pytest.approx(1.0)
