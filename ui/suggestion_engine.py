"""Model suggestions computed ahead of the worker, in a process of their own.

The engine keeps a short queue of images in the order the worker will reach them (the one on
screen first, then the next few to do). One Python thread starts the model's process on
first need (``labeler.models.process``: decode, network and outputs to suggestions run
there, at a lower priority, with onnxruntime's intra-op threads bounded, 1 by default), so
the window's thread never waits for the model's Python work. The thread here only sends
paths, caches each result in the project store, and says ``ready(image_id)``. A model that
cannot be loaded or run is reported once (``failed``) and the engine stops; the worker
labels on without suggestions. If no process can be started at all, the model runs on the
thread itself (as it did before: the window is then a little slower while it infers).
"""

from __future__ import annotations

import logging
import os
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from labeler.errors import ImageProblem, LabelerError, ModelError
from labeler.models.cache import ModelEntry
from labeler.models.predictions import Prediction
from labeler.project import Project

log = logging.getLogger(__name__)
AHEAD = 4  # images predicted ahead of the worker
MEMORY = 64  # results kept in memory (the store keeps all of them)
OWN_PROCESS = True  # run the model in a process of its own (False: on the engine's thread)

Item = tuple[int, str, Path]  # image id, image SHA-256, path


class SuggestionEngine(QObject):
    """Predictions for the images the worker is about to see."""

    ready = Signal(int)  # image id whose predictions are now available
    failed = Signal(str)  # the model cannot be used (plain words; emitted once)

    def __init__(
        self,
        project: Project,
        entry: ModelEntry,
        threads: int = 1,
        *,
        in_process: bool | None = None,
    ) -> None:
        super().__init__()
        # run the model on the engine's thread (no child process)
        self.in_process = not OWN_PROCESS if in_process is None else in_process
        self._model: Any = None
        self.project = project
        self.entry = entry
        self.threads = threads
        self._queue: list[Item] = []
        self._memory: OrderedDict[str, list[Prediction]] = OrderedDict()
        self._cond = threading.Condition()
        self._stop = False
        self._dead = False
        self.error: str | None = None
        self.runs = 0  # images run through the model (not read from the cache)
        self.running = False  # the model is running on an image now
        self.cache_only = entry.source == "import"  # predictions made elsewhere: no file
        self._thread = threading.Thread(target=self._loop, name="hitl-suggest", daemon=True)
        self._thread.start()

    @property
    def sha256(self) -> str:
        return self.entry.sha256

    @property
    def alive(self) -> bool:
        return not self._dead and not self._stop

    def want(self, items: list[Item]) -> None:
        """The images to predict, most urgent first (replaces what was queued)."""
        with self._cond:
            self._queue = [it for it in items[: AHEAD + 1] if it[1] not in self._memory]
            self._cond.notify()

    @property
    def model_pid(self) -> int | None:
        """The process the model runs in (this one's when it runs on the thread)."""
        if self._model is None:
            return None
        return getattr(self._model, "pid", None) or os.getpid()

    def pending(self) -> int:
        """Images queued for the model (not counting the one it runs now)."""
        with self._cond:
            return len(self._queue)

    def remembered(self, image_sha256: str | None) -> list[Prediction] | None:
        """The suggestions for an image if they are in memory (no store read)."""
        with self._cond:
            return self._memory.get(image_sha256 or "")

    def predictions(self, image_sha256: str | None) -> list[Prediction] | None:
        """The suggestions for an image if they are ready (memory, else the store's cache)."""
        if not image_sha256:
            return None
        with self._cond:
            hit = self._memory.get(image_sha256)
        if hit is not None:
            return hit
        try:
            cached = self.project.models.cached(image_sha256, self.sha256)
        except LabelerError:
            return None
        if cached is not None:
            self._remember(image_sha256, cached)
        return cached

    def shutdown(self, timeout: float = 10.0) -> bool:
        """Stop now (a model in its own process is ended in the middle of an image; on the
        thread, after the image); True if the thread ended in time."""
        with self._cond:
            self._stop = True
            self._queue.clear()
            self._cond.notify()
        interrupt = getattr(self._model, "interrupt", None)
        if interrupt is not None and self.running:
            interrupt()
        self._thread.join(timeout)
        return not self._thread.is_alive()

    # ---------------------------------------------------------------- the thread
    def _remember(self, sha: str, preds: list[Prediction]) -> None:
        with self._cond:
            self._memory[sha] = preds
            self._memory.move_to_end(sha)
            while len(self._memory) > MEMORY:
                self._memory.popitem(last=False)

    def _loop(self) -> None:
        self._model = None
        try:
            self._serve()
        finally:
            close = getattr(self._model, "close", None)
            if close is not None:
                close()
            self._model = None

    def _serve(self) -> None:
        while True:
            with self._cond:
                while not self._queue and not self._stop:
                    self._cond.wait()
                if self._stop:
                    return
                image_id, sha, path = self._queue.pop(0)
            try:
                preds = self.project.models.cached(sha, self.sha256)
                if preds is None and self.cache_only:
                    preds = []  # the imported file had nothing for this image
                if preds is None:
                    if self._model is None:
                        self._model = self._load()
                    self.running = True
                    try:
                        preds = self._model.predict(path)
                    finally:
                        self.running = False
                    self.runs += 1
                    self.project.models.cache(sha, self.sha256, preds)
            except ImageProblem as exc:  # this image cannot be read: the session says so
                log.info("no suggestions for %s: %s", path, exc)
                continue
            except ModelError as exc:
                if not self._stop:  # (ended on purpose by shutdown: not the model's fault)
                    self._die(str(exc))
                return
            except LabelerError as exc:  # the store: try again when the image is wanted again
                log.warning("suggestions for %s not saved: %s", path, exc)
                continue
            except Exception as exc:  # onnxruntime or numpy on an odd input: stop, say so once
                if self._stop:
                    return
                log.exception("the model failed on %s", path)
                self._die(f"{self.entry.spec.short}: {type(exc).__name__}: {exc}")
                return
            self._remember(sha, preds)
            self.ready.emit(image_id)

    def _load(self):  # type: ignore[no-untyped-def]
        from labeler.models.process import ModelProcess, NoProcessError

        file = self.entry.file
        if file is None or not file.is_file():
            raise ModelError(f"the file of model {self.entry.spec.short} is not on this PC yet")
        if self.in_process:
            return self._load_here(file)
        try:
            return ModelProcess.start(file, self.entry.spec, threads=self.threads)
        except NoProcessError as exc:
            log.warning("model suggestions run in the app's process: %s", exc)
            return self._load_here(file)

    def _load_here(self, file: Path):  # type: ignore[no-untyped-def]
        from labeler.models.runtime import OnnxModel

        return OnnxModel.load(file, self.entry.spec, threads=self.threads)

    def _die(self, message: str) -> None:
        self._dead = True
        self.error = message
        try:
            news = self.project.models.note_problem(self.sha256, message)
        except LabelerError:
            news = True
        log.warning("model suggestions off: %s", message)
        self.failed.emit(message if news else "")
