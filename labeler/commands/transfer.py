"""``labeler export`` and ``labeler import-annotations``: work out to the formats other tools
read, and a centre's existing annotations in. The formats live in ``labeler.exports`` and
``labeler.imports``, imported only when these commands run."""

from __future__ import annotations

import argparse
import importlib
from pathlib import Path
from types import ModuleType

from labeler.commands.base import add_project_arg, command, open_project
from labeler.errors import LabelerError


def _load(module: str, what: str) -> ModuleType:
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name != module:
            raise
        raise LabelerError(f"{what} is not available in this installation ({module})") from None


def _check_format(fmt: str, formats: object, what: str) -> str:
    """The format's registered name (case, '-' and '_' ignored), or an error listing them."""
    names = list(formats)  # type: ignore[call-overload]
    wanted = fmt.strip().lower().replace("-", "").replace("_", "")
    for name in names:
        if name.lower().replace("-", "").replace("_", "") == wanted:
            return name
    raise LabelerError(f"unknown {what} format {fmt!r}; choose one of: {', '.join(names)}")


def cmd_export(args: argparse.Namespace) -> int:
    exports = _load("labeler.exports", "export")
    fmt = _check_format(args.format, exports.FORMATS, "export")
    dest = Path(args.out)
    with open_project(args) as project:
        result = exports.export(project, fmt, dest, images=args.images)
    print(f"exported {fmt} to {result.path}")
    print(result)
    return 0


def _configure_export(p: argparse.ArgumentParser) -> None:
    add_project_arg(p)
    p.add_argument(
        "--format",
        "-f",
        required=True,
        help="coco, coco-keypoints, yolo, yolo-seg, voc, cvat, labelstudio, labelme, csv",
    )
    p.add_argument("--out", "-o", required=True, metavar="PATH", help="file or folder to write")
    p.add_argument(
        "--images",
        choices=("link", "copy", "none"),
        default=None,
        help="folder formats: hard-link (a copy where the drive cannot link) or copy the images"
        " into the export, or write annotations only (default: link for yolo and yolo-seg,"
        " none for voc and labelme)",
    )


def cmd_import(args: argparse.Namespace) -> int:
    imports = _load("labeler.imports", "import")
    fmt = _check_format(args.format, imports.IMPORT_FORMATS, "import")
    source = Path(args.source)
    if not source.exists():
        raise LabelerError(f"{source}: nothing to import here; check the path")
    with open_project(args) as project:
        report = imports.import_annotations(
            project, fmt, source, args.worker, add_labels=args.add_labels, exif_view=args.exif_view
        )
    print(report)
    print(report.summary())
    return 1 if report.failed else 0


def _configure_import(p: argparse.ArgumentParser) -> None:
    add_project_arg(p)
    p.add_argument(
        "--format", "-f", required=True, help="voc, yolo, labelme, coco, cvat, labelstudio"
    )
    p.add_argument(
        "--worker",
        required=True,
        help="the worker the imported work is recorded under (Label Studio: when the file"
        " names no annotator)",
    )
    p.add_argument(
        "--exif-view",
        choices=("displayed", "stored"),
        default=None,
        help="for photos turned by an EXIF tag: the files were drawn on the image as shown"
        " (labelme, CVAT, Label Studio) or as stored (labelImg); asked only when a file"
        " cannot tell",
    )
    p.add_argument(
        "--add-labels",
        action="store_true",
        help="add labels the project does not know to the taxonomy (a new version)",
    )
    p.add_argument("source", metavar="SOURCE", help="annotation file or folder")


command("export", "write submitted work (latest revisions) in a dataset format", _configure_export)(
    cmd_export
)
command(
    "import-annotations",
    "bring existing annotations in as submissions, matched by file name",
    _configure_import,
)(cmd_import)
