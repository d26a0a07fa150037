"""An ONNX model loaded for suggestions: verified, bounded, and run on the CPU.

onnxruntime is imported here and only when a model is loaded, so nothing else pays for it.
A session uses ``threads`` intra-op threads (1 by default: the other core keeps the window
responsive), one inter-op thread and no spinning, so an idle model costs no CPU. Loading
checks the file's SHA-256 against the one the project pack names *before* onnxruntime reads
it, then runs the model once on a blank image so a wrong layout is reported at load, once,
and not on every image.
"""

from __future__ import annotations

import ast
import hashlib
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from labeler.errors import ModelFileError, ModelMismatchError, ModelRunError
from labeler.models import yolo
from labeler.models.predictions import Prediction
from labeler.models.preprocess import letterbox, load_rgb, resize_for_classifier
from labeler.models.spec import ModelSpec

MAX_MODEL_BYTES = 512 * 1024 * 1024
_CHUNK = 1 << 20


def sha256_of(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(_CHUNK):
            h.update(chunk)
    return h.hexdigest()


@dataclass(frozen=True)
class ModelInfo:
    """What a model file says about itself (Ultralytics writes these into its metadata)."""

    class_names: tuple[str, ...]
    input_size: tuple[int, int] | None
    task: str | None  # "detect", "segment", "classify" or None
    outputs: tuple[tuple[Any, ...], ...]


def _ort() -> Any:
    try:
        import onnxruntime
    except ImportError as exc:  # pragma: no cover - a broken installation
        raise ModelFileError(
            "model suggestions need onnxruntime, which is not installed with this program"
        ) from exc
    onnxruntime.set_default_logger_severity(3)
    if hasattr(onnxruntime, "disable_telemetry_events"):
        onnxruntime.disable_telemetry_events()  # a centre's PC sends nothing about itself
    return onnxruntime


def _read(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_MODEL_BYTES:
            raise ModelFileError(f"{path.name}: {size >> 20} MB is too large for a model file")
        return path.read_bytes()
    except FileNotFoundError:
        raise ModelFileError(f"{path}: the model file is missing") from None
    except OSError as exc:
        raise ModelFileError(f"{path}: cannot read the model file ({exc.strerror})") from exc


def open_session(data: bytes, threads: int = 1, where: str = "model") -> Any:
    ort = _ort()
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = max(1, int(threads))
    opts.inter_op_num_threads = 1
    opts.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    opts.log_severity_level = 3
    opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
    try:
        return ort.InferenceSession(data, sess_options=opts, providers=["CPUExecutionProvider"])
    except Exception as exc:  # onnxruntime raises its own untyped errors for bad files
        first = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(exc).__name__
        raise ModelFileError(
            f"{where}: not a usable ONNX model ({first}); ask the admin for the file again"
        ) from exc


def describe(path: str | Path) -> ModelInfo:
    """Class names, input size and task the file declares (for attaching it to a project)."""
    p = Path(path)
    session = open_session(_read(p), where=p.name)
    meta = session.get_modelmeta().custom_metadata_map
    names: tuple[str, ...] = ()
    raw = meta.get("names")
    if raw:
        try:
            parsed = ast.literal_eval(raw)
            if isinstance(parsed, dict):
                names = tuple(str(parsed[k]) for k in sorted(parsed))
            elif isinstance(parsed, list | tuple):
                names = tuple(str(n) for n in parsed)
        except (ValueError, SyntaxError):
            names = ()
    size = None
    shape = session.get_inputs()[0].shape
    if len(shape) == 4 and all(isinstance(d, int) for d in shape[2:]):
        size = (int(shape[3]), int(shape[2]))
    task = meta.get("task")
    return ModelInfo(names, size, task, tuple(tuple(o.shape) for o in session.get_outputs()))


class OnnxModel:
    """A model ready to suggest. ``predict(path)`` is safe to call from one worker thread."""

    def __init__(self, session: Any, spec: ModelSpec) -> None:
        self.session = session
        self.spec = spec
        inp = session.get_inputs()
        if len(inp) != 1 or len(inp[0].shape) != 4:
            raise ModelFileError(
                f"{spec.short}: the model takes {len(inp)} inputs; an image model takes one"
                " (1, 3, height, width) input"
            )
        self._input = inp[0].name
        dims = inp[0].shape
        fixed = isinstance(dims[2], int) and isinstance(dims[3], int)
        if fixed and (dims[3], dims[2]) != tuple(spec.input_size):
            raise ModelFileError(
                f"{spec.short}: the model takes {dims[3]}x{dims[2]} images but its settings"
                f" say {spec.input_size[0]}x{spec.input_size[1]}"
            )
        self._lock = threading.Lock()

    @classmethod
    def load(
        cls, path: str | Path, spec: ModelSpec, *, threads: int = 1, check: bool = True
    ) -> OnnxModel:
        """Load ``path``; refuse it if its SHA-256 is not ``spec.sha256`` (when set).

        Raises ``ModelMismatchError`` (another file), ``ModelFileError`` (broken, or not
        the layout ``spec`` says)."""
        p = Path(path)
        data = _read(p)
        actual = hashlib.sha256(data).hexdigest()
        if spec.sha256 and actual != spec.sha256:
            raise ModelMismatchError(
                f"{p.name}: this model file is not the one the project names (SHA-256"
                f" {actual[:12]}…, expected {spec.sha256[:12]}…); copy it again from the"
                " server or the supervisor's drive"
            )
        model = cls(open_session(data, threads, where=p.name), spec.with_hash(actual))
        if check:
            model._dry_run()
        return model

    def _dry_run(self) -> None:
        w, h = self.spec.input_size
        try:
            outputs = self.session.run(None, {self._input: np.zeros((1, 3, h, w), np.float32)})
        except Exception as exc:
            raise ModelFileError(
                f"{self.spec.short}: the model fails on a test image ({str(exc)[:200]})"
            ) from exc
        self._decode(outputs, None)

    def predict(self, path: str | Path) -> list[Prediction]:
        """Suggestions for the image at ``path``. ``ImageProblem`` for a bad image,
        ``ModelRunError`` when the model itself fails."""
        im, full = load_rgb(path, self.spec.input_size)
        if self.spec.task == "classify":
            tensor = resize_for_classifier(im, self.spec.input_size, self.spec.normalize)
            box = None
        else:
            tensor, box = letterbox(im, full, self.spec.input_size)
        del im
        with self._lock:
            try:
                outputs = self.session.run(None, {self._input: tensor})
            except Exception as exc:
                raise ModelRunError(
                    f"{self.spec.short}: failed on {Path(path).name} ({exc})"
                ) from exc
        return self._decode(outputs, box)

    def _decode(self, outputs: list[np.ndarray], box: Any) -> list[Prediction]:
        if self.spec.task == "classify":
            return yolo.classify(outputs[0], self.spec)
        if box is None:  # the dry run: only check the layout
            nm = int(outputs[1].shape[1]) if len(outputs) > 1 and outputs[1].ndim == 4 else 0
            yolo.rows_of(outputs[0], len(self.spec.classes), nm)
            return []
        return yolo.decode(outputs, self.spec, box)
