"""A model run in a process of its own, at a lower priority than the window.

In the app's process the model shared the Python interpreter lock with the window: reading
the image, letterboxing it, turning the network's outputs into suggestions and Pillow's
copies into numpy arrays all hold that lock for a few milliseconds per image, and the
window waited behind them (the image switch went from ~5 ms to 10-15 ms at p95 on a 2-core
PC). Here the whole of it (decode, network, outputs to suggestions) runs in a child
process started with ``spawn``; the app's side only sends a path and reads back a short
JSON text, so the window's thread never waits for the model. The child lowers its own
scheduling priority (nice 10; "below normal" on Windows) so that, on two cores, the window
and the image decoders win the CPU when they need it.

``ModelProcess.start(file, spec, threads)`` loads the model (the same checks as
``OnnxModel.load``: hash, layout, a dry run) and raises the same errors; ``predict(path)``
returns the suggestions or raises ``ImageProblem`` / ``ModelRunError``; ``close()`` ends
the child. A child that dies (killed, out of memory, onnxruntime crashing on a bad file) is
a ``ModelRunError`` and the app goes on; a child that cannot be started at all (a broken
installation) is a ``NoProcessError``, on which the caller may run the model in its own
process instead. When the app's process ends, the child sees its pipe close and ends too.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import signal
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from labeler.errors import (
    ImageProblem,
    LabelerError,
    ModelError,
    ModelFileError,
    ModelMismatchError,
    ModelRunError,
    ModelSpecError,
)
from labeler.models.predictions import Prediction, dumps, loads
from labeler.models.spec import ModelSpec
from labeler.priority import lower_process_priority

log = logging.getLogger(__name__)
_ERRORS: dict[str, type[LabelerError]] = {
    cls.__name__: cls
    for cls in (
        ImageProblem,
        ModelError,
        ModelFileError,
        ModelMismatchError,
        ModelRunError,
        ModelSpecError,
    )
}


class NoProcessError(ModelRunError):
    """The model's process could not be started (not the model's fault)."""


class ModelProcess:
    """An ``OnnxModel`` in a child process; ``predict`` is for one thread at a time."""

    def __init__(self, process: Any, conn: Connection, spec: ModelSpec) -> None:
        self.process = process
        self.conn = conn
        self.spec = spec

    @classmethod
    def start(
        cls, path: str | Path, spec: ModelSpec, *, threads: int = 1, timeout: float = 120.0
    ) -> ModelProcess:
        """Start the child and load ``path`` there. Raises what ``OnnxModel.load`` raises;
        ``ModelRunError`` if the child cannot be started or does not answer in time."""
        ctx = multiprocessing.get_context("spawn")
        ours, theirs = ctx.Pipe()
        process = ctx.Process(
            target=serve,
            args=(theirs, str(path), spec, threads),
            name="hitl-model",
            daemon=True,
        )
        try:
            process.start()
        except (OSError, RuntimeError) as exc:
            raise NoProcessError(f"{spec.short}: cannot start the model's process ({exc})") from exc
        theirs.close()
        model = cls(process, ours, spec)
        try:
            try:
                model._answer(min(timeout, 30.0), "start")  # the child runs our code
            except ModelRunError as exc:
                raise NoProcessError(str(exc)) from exc
            model.spec = model._answer(timeout, Path(path).name)
        except BaseException:
            model.close()
            raise
        return model

    @property
    def pid(self) -> int | None:
        return self.process.pid

    def predict(self, path: str | Path) -> list[Prediction]:
        """Suggestions for the image at ``path`` (computed in the child)."""
        try:
            self.conn.send(str(path))
        except (OSError, ValueError) as exc:
            raise ModelRunError(
                f"{self.spec.short}: the model's process has ended ({exc})"
            ) from exc
        return loads(self._answer(None, Path(path).name))

    def interrupt(self) -> None:
        """End the child at once, even in the middle of an image (the app is closing): the
        ``predict`` waiting for it raises ``ModelRunError``."""
        self.process.kill()

    def close(self, timeout: float = 5.0) -> None:
        """End the child (after the image it runs, if any)."""
        with contextlib.suppress(OSError, ValueError):
            self.conn.send(None)
        self.process.join(timeout)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(timeout)
        self.conn.close()

    def _answer(self, timeout: float | None, name: str) -> Any:
        try:
            if timeout is not None and not self.conn.poll(timeout):
                raise ModelRunError(
                    f"{self.spec.short}: the model did not answer in {timeout:.0f} s"
                )
            kind, value = self.conn.recv()
        except (EOFError, OSError) as exc:
            code = self.process.exitcode
            raise ModelRunError(
                f"{self.spec.short}: the model's process ended on {name}"
                + (f" (exit code {code})" if code is not None else "")
            ) from exc
        if kind == "ok":
            return value
        error, message = value
        raise _ERRORS.get(error, ModelRunError)(message)


def serve(conn: Connection, path: str, spec: ModelSpec, threads: int) -> None:
    """The child: load the model, then answer paths with suggestions until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the app's to handle
    if not lower_process_priority():  # nice 10; "below normal" on Windows
        log.debug("the model's process keeps the usual priority")
    with contextlib.suppress(EOFError, OSError):  # the app has ended: so does this
        conn.send(("ok", None))
        from labeler.models.runtime import OnnxModel

        try:
            model = OnnxModel.load(path, spec, threads=threads)
        except Exception as exc:  # the parent raises it again, by name
            conn.send(("error", _describe(exc, spec)))
            return
        conn.send(("ok", model.spec))
        while (image := conn.recv()) is not None:
            try:
                answer = ("ok", dumps(model.predict(image)))
            except Exception as exc:
                answer = ("error", _describe(exc, spec))
            conn.send(answer)


def _describe(exc: BaseException, spec: ModelSpec) -> tuple[str, str]:
    if isinstance(exc, LabelerError):
        return type(exc).__name__, str(exc)
    return "ModelRunError", f"{spec.short}: {type(exc).__name__}: {exc}"
