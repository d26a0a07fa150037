"""Exports of submitted work to the formats other tools read.

``FORMATS`` maps a format name to its ``Exporter``; ``export(project, fmt, dest)`` writes the
latest revision of each image's work from a project, and ``export_records`` does the same
from any iterable of ``Submission`` (the central server uses it over everything it received,
from a database cursor). Every format is written as the records stream past, in memory that
does not grow with their number. Every export is written atomically: temp name, fsync,
rename.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from labeler.errors import ExportError
from labeler.exports import coco, csvtable, cvat, labelme, labelstudio, voc, yolo
from labeler.exports.atomic import write_file, write_folder
from labeler.exports.records import IMAGE_MODES, ExportResult, RecordSet
from labeler.exports.sink import FolderSink, Sink, ZipSink
from labeler.exports.spool import spools
from labeler.taxonomy import Taxonomy
from labeler.work import Submission, Unreadable

if TYPE_CHECKING:
    from labeler.project import Project

__all__ = [
    "FORMATS",
    "IMAGE_MODES",
    "ExportError",
    "ExportResult",
    "Exporter",
    "RecordSet",
    "export",
    "export_records",
]


@dataclass(frozen=True)
class Exporter:
    """One format: how it is written, and whether it is one file or a folder."""

    name: str
    description: str
    folder: bool
    suffix: str  # file name suffix for file formats ("" for folders)
    write: Callable[[RecordSet, Any], None]
    """``write(records, path)`` for a file, ``write(records, sink)`` for a folder (a
    ``Sink``: a folder on disk or a zip)."""
    companions: Callable[[RecordSet], dict[str, str]] | None = None
    """Files written beside a one-file export: suffix replacing ``suffix`` -> text (the
    Label Studio labeling config)."""


FORMATS: dict[str, Exporter] = {
    e.name: e
    for e in (
        Exporter("coco", coco.DESCRIPTION, False, ".json", coco.write),
        Exporter(
            "coco-keypoints", coco.KEYPOINTS_DESCRIPTION, False, ".json", coco.write_keypoints
        ),
        Exporter("yolo", yolo.DESCRIPTION, True, "", yolo.write_detect),
        Exporter("yolo-seg", yolo.SEG_DESCRIPTION, True, "", yolo.write_segment),
        Exporter("voc", voc.DESCRIPTION, True, "", voc.write),
        Exporter("cvat", cvat.DESCRIPTION, False, ".xml", cvat.write),
        Exporter(
            "labelstudio",
            labelstudio.DESCRIPTION,
            False,
            ".json",
            labelstudio.write,
            labelstudio.companions,
        ),
        Exporter("labelme", labelme.DESCRIPTION, True, "", labelme.write),
        Exporter("csv", csvtable.DESCRIPTION, False, ".csv", csvtable.write),
    )
}


def _key(name: str) -> str:
    return name.strip().lower().replace("-", "").replace("_", "")


def exporter(fmt: str) -> Exporter:
    """The exporter named ``fmt`` (case, '-' and '_' ignored), or ``ExportError`` listing them."""
    found = next((e for e in FORMATS.values() if _key(e.name) == _key(fmt)), None)
    if found is None:
        raise ExportError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return found


def export_records(
    submissions: Iterable[Submission | Unreadable],
    taxonomy: Taxonomy,
    fmt: str,
    dest: Path,
    image_root: str | None = None,
    *,
    name: str = "annotations",
    image_source: Path | None = None,
    images: str | None = None,
    one_file: bool = False,
) -> ExportResult:
    """Write ``submissions`` (one per image: the caller picks the latest revisions) as ``fmt``.

    The records are read once, as they come (a database cursor), and written as they are
    read: memory does not grow with their number. ``dest`` is the file or folder to write;
    for a one-file format it may be a folder (an existing one, or a new path without
    suffix), and the file is then named ``<name>-<fmt><suffix>`` inside it. With
    ``one_file`` a format that writes a folder, or a file with files beside it (Label
    Studio's labeling config), is written as one zip instead (what a download hands over).
    ``image_root`` is put before image paths where a format locates images (Label Studio
    ``data.image``, VOC ``path``, labelme ``imagePath``, CSV); without it paths stay
    relative to the image folder (labelme: to the JSON file). ``image_source`` is the image
    folder on this machine, from which folder formats link or copy images (``images``: one
    of ``IMAGE_MODES``, None for the format's default).
    Returns what was written and what the format could not hold.
    """
    exp = exporter(fmt)
    dest = Path(dest)
    zipped = one_file and (exp.folder or exp.companions is not None)
    suffix = ".zip" if zipped else exp.suffix
    if suffix and (dest.is_dir() or (not dest.exists() and not dest.suffix)):
        dest = dest / f"{name}-{exp.name}{suffix}"  # a folder to put the file in
    with RecordSet(
        submissions,
        taxonomy,
        image_root,
        name,
        image_source=image_source,
        images=images,
        dest=dest.absolute(),
    ) as records:
        result = records.result
        result.format = exp.name
        if zipped:
            inner = f"{name}-{exp.name}{exp.suffix}"
            result.path = write_file(dest, lambda tmp: _write_zip(exp, records, tmp, inner))
        elif exp.folder:
            result.path = write_folder(dest, lambda tmp: _fill(exp, records, FolderSink(tmp)))
        else:
            result.path = write_file(dest, lambda tmp: exp.write(records, tmp))
            # companions last: they name every label the records used
            for side_suffix, text in _companions(exp, records).items():
                side = dest.with_name(dest.name.removesuffix(exp.suffix) + side_suffix)
                write_file(side, lambda tmp, text=text: tmp.write_text(text, encoding="utf-8"))
    return result


def _companions(exp: Exporter, records: RecordSet) -> dict[str, str]:
    return exp.companions(records) if exp.companions else {}


def _fill(exp: Exporter, records: RecordSet, out: Sink) -> None:
    try:
        exp.write(records, out)
    finally:
        out.close()


def _write_zip(exp: Exporter, records: RecordSet, path: Path, inner: str) -> None:
    """The export as one zip: a folder format's files, or a file and its companions."""
    with open(path, "wb") as f:
        out = ZipSink(f)
        try:
            if exp.folder:
                exp.write(records, out)
            else:
                with spools(path, "file") as (spool,):
                    exp.write(records, spool)
                    out.zip.write_file(inner, spool, compress=True)
                stem = inner.removesuffix(exp.suffix)
                for side_suffix, text in _companions(exp, records).items():
                    out.write_text(stem + side_suffix, text)
        except BaseException:
            out.zip.abandon()
            raise
        out.close()


def export(
    project: Project,
    fmt: str,
    dest: Path,
    image_root: str | None = None,
    *,
    images: str | None = None,
) -> ExportResult:
    """Export the latest revision of each submitted image of ``project`` as ``fmt``."""
    exporter(fmt)  # a bad name fails before reading anything
    return export_records(
        project.work.latest_submissions(),
        project.taxonomy,
        fmt,
        dest,
        image_root,
        name=_safe_name(project.name),
        image_source=project.image_root,
        images=images,
    )


def _safe_name(name: str) -> str:
    # drop only what Windows forbids in file names, so Hindi names stay readable
    keep = re.sub(r'[<>:"/\\|?*\x00-\x1f\s]+', "_", name).strip("._ ")
    return keep or "annotations"
