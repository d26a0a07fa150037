"""Real ONNX models (built here with ``onnx``) through the real loading, pre-processing,
NMS and class mapping, run by onnxruntime."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from labeler.annotations import Shape, ShapeType, polygon_area, validate
from labeler.errors import (
    ImageProblem,
    ModelFileError,
    ModelMismatchError,
    ModelSpecError,
)
from labeler.models.masks import mask_to_polygon
from labeler.models.runtime import OnnxModel, describe, sha256_of
from labeler.models.spec import ModelSpec, map_classes, parse_mapping
from tests.onnx_models import detector, mean_colour_classifier, segmenter

NAMES = ["person", "tree", "house"]


def _spec(**kw) -> ModelSpec:  # type: ignore[no-untyped-def]
    base = {"task": "detect", "classes": (None, "tree", "house"), "score_threshold": 0.3}
    return ModelSpec(**(base | kw))


@pytest.fixture
def photo(tmp_path: Path) -> Path:
    """1280x960: letterboxed into 640x640 at scale 0.5 with 80 px of padding above."""
    p = tmp_path / "photo.jpg"
    Image.new("RGB", (1280, 960), (90, 120, 60)).save(p)
    return p


def test_detector_boxes_come_back_in_image_pixels(tmp_path: Path, photo: Path) -> None:
    # image box (100, 200)-(300, 400) is network (50, 180)-(150, 280): centre 100, 230
    path = detector(
        tmp_path / "det.onnx",
        [
            (100, 230, 100, 100, 1, 0.91),  # tree
            (104, 232, 100, 96, 1, 0.80),  # the same tree again: NMS drops it
            (104, 232, 100, 96, 2, 0.70),  # a house at the same place: another class, kept
            (500, 400, 60, 40, 0, 0.95),  # a person: not in the taxonomy, dropped
            (400, 300, 50, 50, 2, 0.29),  # below the threshold
        ],
        NAMES,
    )
    model = OnnxModel.load(path, _spec())
    preds = model.predict(photo)
    assert [(p.label, round(p.score, 2)) for p in preds] == [("tree", 0.91), ("house", 0.7)]
    (x1, y1), (x2, y2) = preds[0].shape.points
    assert (x1, y1, x2, y2) == pytest.approx((100, 200, 300, 400), abs=0.01)
    validate([p.shape for p in preds], 1280, 960)
    assert model.spec.sha256 == sha256_of(path)


def test_exif_rotated_photo_maps_to_the_displayed_image(tmp_path: Path) -> None:
    """A portrait photo stored sideways: suggestions are in the pixels the worker sees."""
    p = tmp_path / "portrait.jpg"
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to display
    Image.new("RGB", (1280, 960), (10, 10, 10)).save(p, exif=exif)
    # displayed 960x1280: scale 0.5, pad_x 80; image box (100,200)-(300,400) → net centre 180,150
    path = detector(tmp_path / "det.onnx", [(180, 150, 100, 100, 1, 0.9)], NAMES)
    (pred,) = OnnxModel.load(path, _spec()).predict(p)
    assert pred.shape.bbox == pytest.approx((100, 200, 300, 400), abs=0.01)


def test_boxes_past_the_edge_are_clipped_to_the_image(tmp_path: Path, photo: Path) -> None:
    path = detector(tmp_path / "det.onnx", [(10, 100, 60, 60, 2, 0.9)], NAMES)
    (pred,) = OnnxModel.load(path, _spec()).predict(photo)
    x1, _, x2, _ = pred.shape.bbox
    assert x1 == 0 and x2 == pytest.approx(80, abs=0.01)
    validate([pred.shape], 1280, 960)


def test_yolov5_layout_with_objectness(tmp_path: Path, photo: Path) -> None:
    from tests.onnx_models import constant_model

    rows = np.zeros((1, 50, 5 + 3), np.float32)
    rows[0, :, :4] = (300, 300, 20, 20)
    rows[0, 0] = (100, 230, 100, 100, 0.9, 0.0, 0.8, 0.1)  # obj 0.9 × tree 0.8 = 0.72
    rows[0, 1] = (300, 300, 40, 40, 0.2, 0.0, 0.1, 0.9)  # obj 0.2 × house 0.9 = 0.18: dropped
    path = constant_model(tmp_path / "v5.onnx", {"output0": rows})
    (pred,) = OnnxModel.load(path, _spec()).predict(photo)
    assert pred.label == "tree" and pred.score == pytest.approx(0.72, abs=1e-4)


def test_segmentation_masks_become_polygons(tmp_path: Path, photo: Path) -> None:
    mask = np.zeros((160, 160), bool)
    # an L in proto pixels (×4 = network px): a shape a box cannot describe
    mask[50:70, 20:30] = True
    mask[60:70, 20:45] = True
    # detection box covers network x 80..180, y 200..280 (proto 20..45, 50..70)
    path = segmenter(tmp_path / "seg.onnx", [(130, 240, 100, 80, 1, 0.9)], NAMES, mask)
    (pred,) = OnnxModel.load(path, _spec()).predict(photo)
    assert pred.shape.type is ShapeType.POLYGON and pred.label == "tree"
    assert 6 <= len(pred.shape.points) <= 7  # the L's corners (and the inner step)
    x1, y1, x2, y2 = pred.shape.bbox
    assert abs(polygon_area(pred.shape.points)) / ((x2 - x1) * (y2 - y1)) < 0.8  # not a box
    validate([pred.shape], 1280, 960)
    # network (80..180, 200..280) → image: ÷ 0.5 after taking off 80 px of padding
    assert (x1, y1, x2, y2) == pytest.approx((160, 240, 360, 400), abs=8.1)


def test_classifier_top_labels_follow_the_image(tmp_path: Path) -> None:
    path = mean_colour_classifier(tmp_path / "cls.onnx", scale=3.0)
    spec = ModelSpec("classify", ("tree", "house", None), (224, 224), score_threshold=0.02)
    model = OnnxModel.load(path, spec)
    red, green = tmp_path / "red.png", tmp_path / "green.png"
    Image.new("RGB", (300, 200), (250, 10, 10)).save(red)
    Image.new("RGB", (300, 200), (10, 250, 10)).save(green)
    preds = model.predict(red)
    assert [p.label for p in preds] == ["tree", "house"]  # blue is not mapped
    assert all(p.shape == Shape.tag(p.label) for p in preds)
    assert preds[0].score > 0.85 and sum(p.score for p in preds) <= 1.0
    assert model.predict(green)[0].label == "house"


def test_a_model_whose_hash_differs_from_the_pack_is_refused(tmp_path: Path) -> None:
    path = detector(tmp_path / "det.onnx", [(100, 230, 100, 100, 1, 0.9)], NAMES)
    other = "0" * 64
    with pytest.raises(ModelMismatchError, match="not the one the project names"):
        OnnxModel.load(path, _spec(sha256=other))
    assert OnnxModel.load(path, _spec(sha256=sha256_of(path))).spec.sha256 == sha256_of(path)


@pytest.mark.parametrize(
    "content", [b"", b"not a model at all", b"\x08\x07" + bytes(range(256)) * 10]
)
def test_a_broken_model_file_is_reported_in_plain_words(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "broken.onnx"
    path.write_bytes(content)
    with pytest.raises(ModelFileError, match="not a usable ONNX model"):
        OnnxModel.load(path, _spec())


def test_a_truncated_model_file_is_reported(tmp_path: Path) -> None:
    path = detector(tmp_path / "det.onnx", [(100, 230, 100, 100, 1, 0.9)], NAMES)
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    with pytest.raises(ModelFileError):
        OnnxModel.load(path, _spec())


def test_a_model_of_another_layout_is_refused_at_load(tmp_path: Path) -> None:
    path = detector(tmp_path / "det.onnx", [(100, 230, 100, 100, 1, 0.9)], NAMES)
    with pytest.raises(ModelFileError, match="check the model's class list"):
        OnnxModel.load(path, _spec(classes=("tree", "house")))  # says 2 classes, has 3
    with pytest.raises(ModelFileError, match="takes 640x640"):
        OnnxModel.load(path, _spec(input_size=(320, 320)))
    with pytest.raises(ModelFileError, match="missing"):
        OnnxModel.load(tmp_path / "nowhere.onnx", _spec())


def test_a_bad_image_is_an_image_problem_not_a_model_failure(tmp_path: Path) -> None:
    path = detector(tmp_path / "det.onnx", [(100, 230, 100, 100, 1, 0.9)], NAMES)
    bad = tmp_path / "bad.jpg"
    bad.write_bytes(b"\xff\xd8\xff garbage")
    with pytest.raises(ImageProblem):
        OnnxModel.load(path, _spec()).predict(bad)


def test_describe_reads_the_exporters_metadata(tmp_path: Path) -> None:
    info = describe(detector(tmp_path / "det.onnx", [], NAMES))
    assert info.class_names == tuple(NAMES) and info.input_size == (640, 640)
    assert info.task == "detect"


def test_class_names_map_to_taxonomy_ids(tax) -> None:  # type: ignore[no-untyped-def]
    names = {n: lab.id for lab in tax.labels for n in lab.names.values()}
    classes, unmapped = map_classes(
        ["Tree", "घर", "dog", "cow"], tax.ids(), names, parse_mapping("cow=cattle")
    )
    assert classes == ("tree", "house", None, "cattle") and unmapped == ["dog"]
    with pytest.raises(ModelSpecError, match="not a label id"):
        map_classes(["dog"], tax.ids(), names, {"dog": "wolf"})
    with pytest.raises(ModelSpecError, match="no class named"):
        map_classes(["dog"], tax.ids(), names, {"cat": "tree"})
    with pytest.raises(ModelSpecError, match="none of the model's classes"):
        ModelSpec("detect", (None, None))
    with pytest.raises(ModelSpecError, match="model_class=label_id"):
        parse_mapping("cow")


def test_spec_round_trips_and_refuses_nonsense() -> None:
    spec = _spec(sha256="a" * 64, name="forest", version="3")
    assert ModelSpec.from_dict(spec.to_dict()) == spec
    for bad in (
        {"task": "dance", "classes": ["a"]},
        {"task": "detect"},
        {"task": "detect", "classes": ["a"], "score_threshold": 2},
        {"task": "detect", "classes": ["a"], "input_size": [4, 4]},
    ):
        with pytest.raises(ModelSpecError):
            ModelSpec.from_dict(bad)


def test_mask_tracing_gives_simple_polygons() -> None:
    ring = np.zeros((20, 20), bool)
    ring[2:18, 2:18] = True
    ring[6:14, 6:14] = False  # a hole: only the outer edge counts
    assert len(mask_to_polygon(ring)) == 4
    pinch = np.zeros((10, 10), bool)
    pinch[1:4, 1:4] = True
    pinch[4:8, 4:8] = True  # two blobs touching at one corner: hull fallback, still valid
    poly = mask_to_polygon(pinch)
    validate([Shape.polygon("x", poly)], 100, 100)
    assert mask_to_polygon(np.zeros((5, 5), bool)) == []
