"""The model in a process of its own (``labeler.models.process``): the same suggestions and
the same errors as in the app's process, at a lower priority, and it ends when told."""

from __future__ import annotations

import sys
from pathlib import Path

import psutil
import pytest
from PIL import Image

from labeler.errors import ImageProblem, ModelFileError, ModelMismatchError, ModelRunError
from labeler.models.process import ModelProcess
from labeler.models.runtime import OnnxModel, sha256_of
from labeler.models.spec import ModelSpec
from tests.onnx_models import detector

NAMES = ["person", "tree", "house"]
SPEC = ModelSpec("detect", (None, "tree", "house"), score_threshold=0.3)


@pytest.fixture
def photo(tmp_path: Path) -> Path:
    p = tmp_path / "photo.jpg"
    Image.new("RGB", (1280, 960), (90, 120, 60)).save(p)
    return p


def test_suggestions_from_the_process_are_those_of_the_model(tmp_path: Path, photo: Path) -> None:
    path = detector(
        tmp_path / "det.onnx",
        [(100, 230, 100, 100, 1, 0.91), (104, 232, 100, 96, 2, 0.7), (500, 400, 60, 40, 0, 0.95)],
        NAMES,
    )
    here = [p.to_dict() for p in OnnxModel.load(path, SPEC).predict(photo)]  # as cached
    model = ModelProcess.start(path, SPEC)
    try:
        assert model.spec.sha256 == sha256_of(path)
        assert [p.to_dict() for p in model.predict(photo)] == here and len(here) == 2
        if sys.platform != "win32":  # the window wins the CPU when both want it
            assert psutil.Process(model.pid).nice() > psutil.Process().nice()
        bad = tmp_path / "bad.jpg"
        bad.write_bytes(b"\xff\xd8\xff garbage")
        with pytest.raises(ImageProblem):
            model.predict(bad)
        assert [
            p.to_dict() for p in model.predict(photo)
        ] == here  # a bad image does not end the model
    finally:
        model.close()
    assert not model.process.is_alive() and model.process.exitcode == 0


def test_the_process_refuses_what_the_app_refuses(tmp_path: Path) -> None:
    path = detector(tmp_path / "det.onnx", [(100, 230, 100, 100, 1, 0.9)], NAMES)
    other = ModelSpec("detect", (None, "tree", "house"), sha256="0" * 64)
    with pytest.raises(ModelMismatchError, match="not the one the project names"):
        ModelProcess.start(path, other)
    broken = tmp_path / "broken.onnx"
    broken.write_bytes(b"not a model at all")
    with pytest.raises(ModelFileError, match="not a usable ONNX model"):
        ModelProcess.start(broken, SPEC)


def test_a_process_that_dies_is_a_model_failure(tmp_path: Path, photo: Path) -> None:
    path = detector(tmp_path / "det.onnx", [(100, 230, 100, 100, 1, 0.9)], NAMES)
    model = ModelProcess.start(path, SPEC)
    model.process.kill()
    model.process.join(10)
    with pytest.raises(ModelRunError, match="process"):
        model.predict(photo)
    model.close()
