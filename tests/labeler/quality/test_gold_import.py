"""Gold answers from a COCO file at the centre: matched by name, wrong ones listed."""

from __future__ import annotations

import json
from pathlib import Path

from labeler.project import Project
from labeler.quality.gold_import import read_gold


def test_gold_from_coco(project: Project, tmp_path: Path) -> None:
    coco = tmp_path / "gold.json"
    coco.write_text(
        json.dumps(
            {
                "images": [
                    {"id": 1, "file_name": "img_00001.jpg", "width": 64, "height": 48},
                    {"id": 2, "file_name": "nowhere.jpg", "width": 64, "height": 48},
                    {"id": 3, "file_name": "img_00002.jpg", "width": 64, "height": 48},
                ],
                "annotations": [
                    {"id": 1, "image_id": 1, "category_id": 1, "bbox": [2, 2, 30, 20]},
                    {"id": 2, "image_id": 2, "category_id": 1, "bbox": [2, 2, 30, 20]},
                    {"id": 3, "image_id": 3, "category_id": 9, "bbox": [2, 2, 30, 20]},
                ],
                "categories": [{"id": 1, "name": "Tree"}, {"id": 9, "name": "dragon"}],
            }
        )
    )
    answers, problems = read_gold(project, "coco", coco, "Admin", "station")
    assert [a.image_path for a in answers] == ["img_00001.jpg"]
    assert answers[0].shapes[0].label == "tree" and answers[0].shapes[0].bbox == (2, 2, 32, 22)
    assert len(problems) == 2
    assert any("nowhere.jpg" in p for p in problems) and any("dragon" in p for p in problems)
