"""Making a project off the UI thread: create the file, scan the folder, hash the images.

The project is built under a ``.partial`` name and renamed only when complete, so a power cut
or a cancel never leaves a half-made project under the real name.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QThread, Signal

from labeler.errors import LabelerError
from labeler.project import Project
from labeler.taxonomy import Taxonomy

PARTIAL_SUFFIX = ".partial"


class BuildCancelled(LabelerError):
    """The person asked to stop while the project was being made."""


class NoImagesError(LabelerError):
    """The chosen folder holds no image files (or cannot be read)."""


@dataclass(frozen=True)
class ProjectSpec:
    """Everything the new-project form collects."""

    path: Path
    name: str
    image_root: Path
    kind: str
    taxonomy: Taxonomy
    taxonomy_source: str = ""


Phase = Callable[[str, int, int], None]  # (phase, done, total)


def build_project(spec: ProjectSpec, report: Phase, stop: threading.Event) -> Path:
    """Create, scan and hash; returns the finished project file. Raises LabelerError/OSError."""
    final = Path(spec.path)
    if final.exists():
        raise LabelerError(f"{final}: a project file already exists here; open it instead")
    partial = final.with_name(final.name + PARTIAL_SUFFIX)
    _remove_partial(partial)
    try:
        with Project.create(
            partial,
            name=spec.name,
            image_root=spec.image_root,
            kind=spec.kind,
            taxonomy=spec.taxonomy,
            taxonomy_source=spec.taxonomy_source,
        ) as project:
            report("scan", 0, 0)
            result = project.index.scan(lambda done, total: report("scan", done, total))
            if result.seen == 0:
                raise NoImagesError(
                    "; ".join(result.errors or [])
                    or f"{spec.image_root}: no images here (JPEG, PNG, WebP, BMP or TIFF);"
                    " choose the folder that holds them"
                )
            if stop.is_set():
                raise BuildCancelled("stopped")
            total = project.index.unhashed_count()
            report("hash", 0, total)
            project.index.hash_pending(lambda done, total: report("hash", done, total), stop)
            if stop.is_set():
                raise BuildCancelled("stopped")
        partial.replace(final)
    except BaseException:
        _remove_partial(partial)
        raise
    return final


def _remove_partial(partial: Path) -> None:
    for leftover in partial.parent.glob(partial.name + "*"):
        with contextlib.suppress(OSError):
            leftover.unlink()


class BuildThread(QThread):
    """Runs ``job`` (which returns a project path) and reports back by signal."""

    progress = Signal(str, int, int)  # phase, done, total
    succeeded = Signal(str)  # the project file
    failed = Signal(str)  # a message for a person
    cancelled = Signal()

    def __init__(self, job: Callable[[Phase, threading.Event], Path], parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self._job = job
        self.stop_event = threading.Event()

    def request_stop(self) -> None:
        self.stop_event.set()

    def run(self) -> None:
        try:
            path = self._job(self.progress.emit, self.stop_event)
        except BuildCancelled:
            self.cancelled.emit()
        except (LabelerError, OSError) as exc:
            self.failed.emit(str(exc))
        else:
            self.succeeded.emit(str(path))
