"""Exports of submitted work to the formats other tools read.

``FORMATS`` maps a format name to its ``Exporter``; ``export(project, fmt, dest)`` writes the
latest revision of each image's work from a project, and ``export_records`` does the same
from any iterable of ``Submission`` (the central server uses it over everything it received).
Every export is written atomically: temp name, fsync, rename.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from labeler.errors import ExportError
from labeler.exports import coco, csvtable, cvat, labelme, labelstudio, voc, yolo
from labeler.exports.atomic import write_file, write_folder
from labeler.exports.records import RecordSet
from labeler.taxonomy import Taxonomy
from labeler.work import Submission

if TYPE_CHECKING:
    from labeler.project import Project

__all__ = [
    "FORMATS",
    "ExportError",
    "Exporter",
    "RecordSet",
    "export",
    "export_records",
    "latest_revisions",
]


@dataclass(frozen=True)
class Exporter:
    """One format: how it is written, and whether it is one file or a folder."""

    name: str
    description: str
    folder: bool
    suffix: str  # file name suffix for file formats ("" for folders)
    write: Callable[[RecordSet, Path], None]


FORMATS: dict[str, Exporter] = {
    e.name: e
    for e in (
        Exporter("coco", coco.DESCRIPTION, False, ".json", coco.write),
        Exporter("yolo", yolo.DESCRIPTION, True, "", yolo.write),
        Exporter("voc", voc.DESCRIPTION, True, "", voc.write),
        Exporter("cvat", cvat.DESCRIPTION, False, ".xml", cvat.write),
        Exporter("labelstudio", labelstudio.DESCRIPTION, False, ".json", labelstudio.write),
        Exporter("labelme", labelme.DESCRIPTION, True, "", labelme.write),
        Exporter("csv", csvtable.DESCRIPTION, False, ".csv", csvtable.write),
    )
}


def exporter(fmt: str) -> Exporter:
    """The exporter named ``fmt`` (case-insensitive), or ``ExportError`` listing the names."""
    found = FORMATS.get(fmt.strip().lower().replace("-", "").replace("_", ""))
    if found is None:
        raise ExportError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return found


def latest_revisions(submissions: Iterable[Submission]) -> list[Submission]:
    """The highest revision of each image's work (by image hash), in first-seen image order.

    For callers holding every revision, such as the server, whose submissions may arrive in
    any order: a correction supersedes the work it corrects whenever it arrived.
    """
    best: dict[str, Submission] = {}
    for sub in submissions:
        held = best.get(sub.image_sha256)
        if held is None or (sub.revision, sub.submitted_at) > (held.revision, held.submitted_at):
            best[sub.image_sha256] = sub
    return list(best.values())


def export_records(
    submissions: Iterable[Submission],
    taxonomy: Taxonomy,
    fmt: str,
    dest: Path,
    image_root: str | None = None,
    *,
    name: str = "annotations",
) -> Path:
    """Write ``submissions`` (one per image: the caller picks the latest revisions) as ``fmt``.

    ``dest`` is the file or folder to write; for a one-file format it may be a folder (an
    existing one, or a new path without suffix), and the file is then named
    ``<name>-<fmt><suffix>`` inside it. ``image_root`` is put before image paths where a
    format locates images (Label Studio ``data.image``, VOC ``path``, labelme ``imagePath``,
    CSV); without it paths stay relative to the image folder. Returns the path written.
    """
    exp = exporter(fmt)
    dest = Path(dest)
    records = RecordSet(submissions, taxonomy, image_root, name)
    if exp.folder:
        return write_folder(dest, lambda tmp: exp.write(records, tmp))
    if dest.is_dir() or (not dest.exists() and not dest.suffix):
        dest = dest / f"{name}-{exp.name}{exp.suffix}"  # a folder to put the file in
    return write_file(dest, lambda tmp: exp.write(records, tmp))


def export(project: Project, fmt: str, dest: Path, image_root: str | None = None) -> Path:
    """Export the latest revision of each submitted image of ``project`` as ``fmt``."""
    exporter(fmt)  # a bad name fails before reading anything
    return export_records(
        project.work.latest_submissions(),
        project.taxonomy,
        fmt,
        dest,
        image_root,
        name=_safe_name(project.name),
    )


def _safe_name(name: str) -> str:
    # drop only what Windows forbids in file names, so Hindi names stay readable
    keep = re.sub(r'[<>:"/\\|?*\x00-\x1f\s]+', "_", name).strip("._ ")
    return keep or "annotations"
