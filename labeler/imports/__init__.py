"""Bring existing work in: labelImg Pascal VOC and YOLO folders, labelme JSON, COCO JSON.

``import_annotations(project, fmt, source, worker)`` reads every annotation file under
``source``, matches each to a project image by file name, and stores each image's
annotations as one submission by ``worker`` (``source="imported"``). What did not fit —
unknown images, names that fit several images, unknown labels, malformed files, refused
geometry — is listed in the returned ``ImportReport``; a malformed file never stops the
others and is never half-stored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from labeler.errors import ImportFormatError, NotFoundError
from labeler.imports import apply, coco, labelme, voc, yolo
from labeler.imports.parsed import ParsedFile
from labeler.imports.report import ImportReport

if TYPE_CHECKING:
    from labeler.project import Project

__all__ = ["IMPORT_FORMATS", "ImportFormatError", "ImportReport", "Importer", "import_annotations"]


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
    )
}


def importer(fmt: str) -> Importer:
    found = IMPORT_FORMATS.get(fmt.strip().lower())
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
) -> ImportReport:
    """Import the annotations under ``source`` as submissions by ``worker``.

    ``add_labels`` adds class names the taxonomy lacks as new labels (a new taxonomy
    version) instead of leaving the images that use them out. ``replace`` stores imported
    annotations as a new revision of images already labeled differently; by default those
    are kept and listed in the report.
    """
    imp = importer(fmt)
    source = Path(source)
    if not source.exists():
        raise NotFoundError(f"{source}: nothing to import here; check the path")
    return apply.run(project, imp.name, str(source), imp.read(source), worker, add_labels, replace)
