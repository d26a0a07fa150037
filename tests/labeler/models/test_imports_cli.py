"""Predictions made elsewhere (COCO, YOLO, Label Studio) become suggestions; the ``labeler
model`` commands for a standalone project."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from labeler.cli import main
from labeler.errors import PredictionImportError
from labeler.models.imports import import_predictions
from labeler.project import Project
from tests.onnx_models import detector

# the fixture's images are 64x48, named img_00000.jpg …


def test_coco_predictions_with_scores_and_polygons(project: Project, tmp_path: Path) -> None:
    doc = {
        "images": [
            {"id": 1, "file_name": "C:\\data\\img_00000.jpg"},
            {"id": 2, "file_name": "x.jpg"},
        ],
        "categories": [{"id": 1, "name": "Tree"}, {"id": 2, "name": "goat"}],
        "annotations": [
            {"image_id": 1, "category_id": 1, "bbox": [2, 3, 20, 10], "score": 0.75},
            {
                "image_id": 1,
                "category_id": 1,
                "segmentation": [[1, 1, 30, 1, 15, 20]],
                "bbox": [1, 1, 29, 19],
                "score": 0.5,
            },
            {"image_id": 1, "category_id": 2, "bbox": [2, 3, 20, 10], "score": 0.9},
            {"image_id": 2, "category_id": 1, "bbox": [2, 3, 20, 10], "score": 0.9},
        ],
    }
    f = tmp_path / "preds.json"
    f.write_text(json.dumps(doc), "utf-8")
    result = import_predictions(project, "coco", f, name="cloud detector")
    assert (result.images, result.predictions) == (1, 2)
    assert result.no_image == ["x.jpg"] and result.unknown_labels == {"goat": 1}
    rec = project.queue.by_path("img_00000.jpg")
    preds = project.models.cached(rec.sha256, result.model_sha256)
    assert [(p.shape.type, p.label, p.score) for p in preds] == [
        ("box", "tree", 0.75),
        ("polygon", "tree", 0.5),
    ]
    assert preds[0].shape.bbox == (2, 3, 22, 13)
    assert project.models.active().spec.name == "cloud detector"


def test_coco_results_list_needs_the_dataset(project: Project, tmp_path: Path) -> None:
    results = tmp_path / "results.json"
    results.write_text(
        json.dumps([{"image_id": 5, "category_id": 3, "bbox": [0, 0, 9, 9], "score": 0.4}]), "utf-8"
    )
    with pytest.raises(PredictionImportError, match="--images-from"):
        import_predictions(project, "coco", results)
    dataset = tmp_path / "gt.json"
    dataset.write_text(
        json.dumps(
            {
                "images": [{"id": 5, "file_name": "img_00001.jpg"}],
                "categories": [{"id": 3, "name": "house"}],
            }
        ),
        "utf-8",
    )
    result = import_predictions(project, "coco", results, images_from=dataset)
    assert result.predictions == 1


def test_yolo_prediction_txt_files(project: Project, tmp_path: Path) -> None:
    folder = tmp_path / "labels"
    folder.mkdir()
    (folder / "classes.txt").write_text("tree\nhouse\n", "utf-8")
    (folder / "img_00002.txt").write_text("0 0.5 0.5 0.25 0.5 0.8\n1 0.1 0.1 0.5 0.1 0.3 0.4 0.6\n")
    result = import_predictions(project, "yolo", folder)
    rec = project.queue.by_path("img_00002.jpg")
    box, poly = project.models.cached(rec.sha256, result.model_sha256)
    assert box.label == "tree" and box.shape.bbox == pytest.approx((24, 12, 40, 36))
    assert poly.shape.type == "polygon" and poly.score == 0.6
    (folder / "img_00003.txt").write_text("7 0.5 0.5 0.1 0.1\n")
    with pytest.raises(PredictionImportError, match="line 1: class 7"):
        import_predictions(project, "yolo", folder)


def test_label_studio_predictions(project: Project, tmp_path: Path) -> None:
    tasks = [
        {
            "data": {"image": "/data/local-files/?d=images/img_00004.jpg"},
            "predictions": [
                {
                    "model_version": "v3",
                    "score": 0.7,
                    "result": [
                        {
                            "type": "rectanglelabels",
                            "original_width": 64,
                            "original_height": 48,
                            "value": {
                                "x": 25,
                                "y": 25,
                                "width": 50,
                                "height": 50,
                                "rectanglelabels": ["House"],
                            },
                        },
                        {"type": "choices", "value": {"choices": ["cattle"]}, "score": 0.3},
                    ],
                }
            ],
        }
    ]
    f = tmp_path / "ls.json"
    f.write_text(json.dumps(tasks), "utf-8")
    result = import_predictions(project, "labelstudio", f)
    rec = project.queue.by_path("img_00004.jpg")
    box, tag = project.models.cached(rec.sha256, result.model_sha256)
    assert box.label == "house" and box.shape.bbox == (16, 12, 48, 36) and box.score == 0.7
    assert tag.shape.type == "tag" and tag.label == "cattle" and tag.score == 0.3


def test_model_commands_for_a_standalone_project(
    project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = detector(tmp_path / "m.onnx", [(320, 320, 200, 200, 0, 0.9)], ["Tree", "dog"])
    path = project.path
    project.close()
    assert main(["model", "add", str(f), "-p", path, "--version", "7"]) == 0
    out = capsys.readouterr().out
    assert "added and active" in out and "ignored (no label): dog" in out
    assert main(["model", "predict", "-p", path, "--limit", "3"]) == 0
    assert "3 images predicted" in capsys.readouterr().out
    assert main(["model", "-p", path]) == 0
    assert "3 images predicted" in capsys.readouterr().out
    assert main(["model", "report", "-p", path]) == 0
    assert "no submitted image had model suggestions yet" in capsys.readouterr().out
    broken = tmp_path / "broken.onnx"
    broken.write_bytes(b"nonsense")
    assert main(["model", "add", str(broken), "-p", path]) == 1
    assert "not a usable ONNX model" in capsys.readouterr().err
    with Project.open(path) as again:
        assert again.models.active().spec.version == "7"
