"""Bring existing work in: labelImg VOC and YOLO folders, labelme, COCO, CVAT, Label Studio.

``import_annotations(project, fmt, source, worker)`` reads every annotation file under
``source``, matches each to a project image by file name (or, for embedded images, by
bytes), and stores each image's annotations as one submission by ``worker`` — or by the
annotator the file names (Label Studio: one submission per annotator) — with
``source="imported"``. What did not fit — unknown images, names that fit several images,
unknown labels, malformed files, refused images, shapes left out — is listed in the returned
``ImportReport``; a malformed file never stops the others and is never half-stored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from labeler.errors import ImportFormatError, NotFoundError
from labeler.imports import apply, coco, cvat, labelme, labelstudio, voc, yolo
from labeler.imports.exif import VIEWS
from labeler.imports.parsed import ParsedFile
from labeler.imports.report import ImportReport

if TYPE_CHECKING:
    from labeler.project import Project

__all__ = [
    "EXIF_VIEWS",
    "IMPORT_FORMATS",
    "ImportFormatError",
    "ImportReport",
    "Importer",
    "import_annotations",
]
EXIF_VIEWS = VIEWS


@dataclass(frozen=True)
class Importer:
    """One format: a reader that turns a file or folder into parsed files."""

    name: str
    description: str
    read: Callable[[Path], Iterator[ParsedFile]]


IMPORT_FORMATS: dict[str, Importer] = {
    i.name: i
    for i in (
        Importer("voc", voc.DESCRIPTION, voc.read),
        Importer("yolo", yolo.DESCRIPTION, yolo.read),
        Importer("labelme", labelme.DESCRIPTION, labelme.read),
        Importer("coco", coco.DESCRIPTION, coco.read),
        Importer("cvat", cvat.DESCRIPTION, cvat.read),
        Importer("labelstudio", labelstudio.DESCRIPTION, labelstudio.read),
    )
}


def importer(fmt: str) -> Importer:
    key = fmt.strip().lower().replace("-", "").replace("_", "")
    found = IMPORT_FORMATS.get(key)
    if found is None:
        raise ImportFormatError(
            f"unknown import format {fmt!r}; choose one of {', '.join(IMPORT_FORMATS)}"
        )
    return found


def import_annotations(
    project: Project,
    fmt: str,
    source: Path,
    worker: str,
    add_labels: bool = False,
    *,
    replace: bool = False,
    exif_view: str | None = None,
) -> ImportReport:
    """Import the annotations under ``source`` as submissions by ``worker``.

    ``add_labels`` adds class names the taxonomy lacks as new labels (a new taxonomy
    version) instead of leaving the images that use them out. ``replace`` stores imported
    annotations as a new revision of images already labeled differently; by default those
    are kept and listed in the report. ``exif_view`` ("displayed" or "stored") says which
    view of EXIF-turned photos the files were drawn on, where they cannot say it themselves
    (``labeler.imports.exif``); without it such images are refused with a hint.
    """
    if exif_view is not None and exif_view not in VIEWS:
        raise ImportFormatError(f"exif_view {exif_view!r}: choose one of {', '.join(VIEWS)}")
    imp = importer(fmt)
    source = Path(source)
    if not source.exists():
        raise NotFoundError(f"{source}: nothing to import here; check the path")
    return apply.run(
        project, imp.name, str(source), imp.read(source), worker, add_labels, replace, exif_view
    )
