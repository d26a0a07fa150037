"""What every exporter works from: the submissions, and the labels with their export names.

Exporters take plain ``Submission`` records and a ``Taxonomy``, not a ``Project``, so the
central server can export everything it received with the same code. A submission carries
its image's path, size and hash, which is all the image metadata any format needs.
"""

from __future__ import annotations

import errno
import os
import shutil
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath

from labeler import validation
from labeler.annotations import Shape, ShapeType
from labeler.errors import ExportError, InvalidRecord
from labeler.taxonomy import Taxonomy
from labeler.work import Submission, Unreadable, plain_reason, read_record

__all__ = ["ExportResult", "RecordSet", "Unreadable", "read_record", "writable"]

IMAGE_MODES = ("link", "copy", "none")
"""How a folder export places the images it names: ``link`` hard-links each image (a copy
where the drive cannot link: FAT32 sticks, another drive), ``copy`` copies them, ``none``
writes annotations only."""

LOCAL_FILES_PREFIX = "/data/local-files/?d="
"""Label Studio's URL for files under its LOCAL_FILES_DOCUMENT_ROOT (used when no image
root is given, so the JSON loads once that setting points at the image folder)."""


@dataclass(frozen=True)
class ExportLabel:
    """A label as exports name it: English name, stable id, 0-based index, 1-based COCO id."""

    id: str
    name: str
    index: int
    colour: str

    @property
    def coco_id(self) -> int:
        return self.index + 1


@dataclass
class ExportResult:
    """What an export wrote, and what the format could not hold (said, never silent)."""

    format: str
    path: Path
    images: int = 0
    shapes: int = 0
    images_placed: int = 0  # image files linked or copied into the export
    left_out: Counter[str] = field(default_factory=Counter)  # reason -> how many
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (uuid, why), records

    def __str__(self) -> str:
        lines = [f"{self.images} images, {self.shapes} shapes written as {self.format}"]
        if self.images_placed:
            lines[0] += f"; {self.images_placed} image files placed beside them"
        for reason, n in self.left_out.items():
            lines.append(f"left out: {n} × {reason}")
        if self.skipped:
            lines.append(
                f"skipped {len(self.skipped)} stored records that cannot be written"
                " (the rest is whole):"
            )
            lines += [f"  {uuid or '(no id)'}: {why}" for uuid, why in self.skipped[:20]]
            if len(self.skipped) > 20:
                lines.append(f"  … and {len(self.skipped) - 20} more")
        return "\n".join(lines)


def writable(
    records: Iterable[Submission | Unreadable], skip: Callable[[str, str], None]
) -> Iterator[Submission]:
    """The records an exporter can write, with shapes normalised; each other one goes to
    ``skip(uuid, why)``. Lazy, so a streaming source stays streaming.

    "Can write" is the core's validation of what a file holds (``labeler.validation``): an
    image size in bounds, finite shapes inside it, text that encodes. Ids, times and labels
    unknown to the taxonomy are written as they are (a label gets a category by its id).
    """
    for rec in records:
        if isinstance(rec, Unreadable):
            skip(rec.uuid, rec.reason)
            continue
        try:
            w = validation.whole(rec.width, "width", 1, validation.MAX_IMAGE_SIDE)
            h = validation.whole(rec.height, "height", 1, validation.MAX_IMAGE_SIDE)
            shapes = tuple(validation.check_shapes(rec.shapes, w, h))
            for name in ("uuid", "image_sha256", "image_path", "worker", "device_id"):
                str(getattr(rec, name) or "").encode("utf-8")  # a lone surrogate cannot be
        except (InvalidRecord, AttributeError, TypeError, UnicodeEncodeError) as exc:
            skip(str(getattr(rec, "uuid", "")), plain_reason(exc))
            continue
        yield rec if shapes == rec.shapes else replace(rec, shapes=shapes)


class RecordSet:
    """Submissions (latest revision per image) and the label table every format shares.

    ``image_root`` is what a consumer puts before image paths (a URL prefix, a folder on
    the machine that will read the export); ``image_source`` is the folder on *this* machine
    the images can be read from, for formats that place image files in the export (None on
    the server, which never holds images). ``images`` says how they are placed
    (``IMAGE_MODES``; None: the format's default). ``dest`` is where the export will be
    once written (it is filled under a temporary name), for paths relative to it.
    """

    def __init__(
        self,
        submissions: Iterable[Submission],
        taxonomy: Taxonomy,
        image_root: str | None = None,
        name: str = "annotations",
        *,
        image_source: Path | None = None,
        images: str | None = None,
        dest: Path | None = None,
    ) -> None:
        if images is not None and images not in IMAGE_MODES:
            raise ExportError(f"images={images!r}: choose one of {', '.join(IMAGE_MODES)}")
        self.result = ExportResult("", dest or Path("."))
        self.submissions = list(writable(submissions, self.skip))
        self.taxonomy = taxonomy
        self.image_root = image_root
        self.name = name
        self.image_source = image_source
        self.images = images
        self.dest = dest
        labels: list[ExportLabel] = []
        for lab in taxonomy.labels:
            labels.append(ExportLabel(lab.id, lab.name("en"), len(labels), lab.colour))
        known = {lab.id for lab in labels}
        # A label missing from the taxonomy (work made under a taxonomy the exporter was not
        # given) still gets a category, named by its id, rather than being dropped.
        for sub in self.submissions:
            for shape in sub.shapes:
                if shape.label not in known:
                    known.add(shape.label)
                    labels.append(ExportLabel(shape.label, shape.label, len(labels), "#a9a9a9"))
        self.labels = labels
        self.by_id = {lab.id: lab for lab in labels}

    def label(self, label_id: str) -> ExportLabel:
        return self.by_id[label_id]

    def image_location(self, sub: Submission) -> str:
        """Where a consumer finds the image: ``image_root`` joined with the image's path."""
        if self.image_root is None:
            return sub.image_path
        root = self.image_root
        if root.endswith(("/", "=", "\\")):
            return root + sub.image_path
        return f"{root}/{sub.image_path}"

    def file_stems(self) -> list[str]:
        """Per submission, its image path without suffix, for formats with a file per image.

        ``a.jpg`` and ``a.png`` in one folder would both want ``a.txt``; the later one keeps
        its suffix in the name (``a.png.txt``) rather than overwrite the first. Names are
        compared without case, as Windows does.
        """
        taken: set[str] = set()
        out = []
        for sub in self.submissions:
            path = safe_relative(sub.image_path)
            stem = str(path.with_suffix("")) if path.suffix else str(path)
            if stem.casefold() in taken:
                stem = str(path)
            taken.add(stem.casefold())
            out.append(stem)
        return out

    def has(self, shape_type: ShapeType) -> bool:
        return any(s.type is shape_type for sub in self.submissions for s in sub.shapes)

    def skip(self, uuid: str, why: str) -> None:
        """A stored record this export cannot write: named in the result, the rest written."""
        self.result.skipped.append((uuid, why))

    def leave_out(self, reason: str, n: int = 1) -> None:
        """Count ``n`` things this format cannot hold, under a reason a person reads."""
        self.result.left_out[reason] += n

    def shape_written(self, shape: Shape, kept_attrs: Iterable[str] = ()) -> None:
        """Count a shape written, and its attributes the format has no place for."""
        self.result.shapes += 1
        for name in shape.attrs:
            if name not in kept_attrs:
                self.leave_out(f"attribute '{name}' (this format has no place for it)")

    def image_mode(self, default: str) -> str:
        """How to place image files: as asked, else ``default``; ``none`` without images."""
        mode = self.images or default
        if mode != "none" and self.image_source is None:
            if self.images is not None:  # asked for, but there is nothing to copy from
                self.leave_out("image files (they are not on this machine; copy them in)")
            return "none"
        return mode

    def place_image(self, sub: Submission, target: Path, mode: str) -> bool:
        """Link or copy ``sub``'s image to ``target``; False (and reported) if it is gone."""
        if mode == "none" or self.image_source is None:
            return False
        source = self.image_source / safe_relative(sub.image_path)
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            if mode == "link":
                try:
                    os.link(source, target)
                except OSError as exc:
                    if exc.errno == errno.ENOENT:
                        raise
                    shutil.copyfile(source, target)  # FAT32, another drive: a copy works
            else:
                shutil.copyfile(source, target)
        except FileNotFoundError:
            self.leave_out("image files missing from the image folder (annotations kept)")
            return False
        self.result.images_placed += 1
        return True

    def image_file_name(self, sub: Submission, stem: str) -> str:
        """The image's name in an export beside its annotation ``<stem>.txt/.xml/.json``:
        the stem plus the image's own suffix (``a.png`` whose stem is taken by ``a.jpg``
        becomes ``a.png.png``, so tools that swap the suffix find ``a.png.txt``)."""
        return stem + PurePosixPath(sub.image_path).suffix


def safe_relative(image_path: str) -> PurePosixPath:
    """An image path made safe to join under an export folder: no root, no drive, no ``..``.

    Paths come from submissions, which on the server come from devices; a path such as
    ``/etc/x.jpg`` or ``../../x.jpg`` must never make an exporter write outside its folder.
    """
    parts = [
        p
        for p in PurePosixPath(image_path.replace("\\", "/")).parts
        if p not in ("", "/", ".", "..") and not p.endswith(":")
    ]
    return PurePosixPath(*parts) if parts else PurePosixPath("image")


def num(v: float) -> float | int:
    """A coordinate for JSON: integral floats as ints (10 rather than 10.0), others exact."""
    return int(v) if float(v).is_integer() and abs(v) < 2**53 else v


def fmt(v: float) -> str:
    """A coordinate for text formats: the shortest text that reads back as the same float."""
    return repr(int(v)) if float(v).is_integer() and abs(v) < 2**53 else repr(float(v))
