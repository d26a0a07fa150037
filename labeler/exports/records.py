"""What every exporter works from: the submissions, and the labels with their export names.

Exporters take plain ``Submission`` records and a ``Taxonomy``, not a ``Project``, so the
central server can export everything it received with the same code. A submission carries
its image's path, size and hash, which is all the image metadata any format needs.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath

from labeler import validation
from labeler.annotations import Shape
from labeler.errors import ExportError, InvalidRecord
from labeler.exports.sink import Sink
from labeler.taxonomy import Taxonomy
from labeler.work import Submission, Unreadable, plain_reason, read_record

__all__ = ["ExportResult", "RecordSet", "Unreadable", "read_record", "writable"]

IMAGE_MODES = ("link", "copy", "none")
"""How a folder export places the images it names: ``link`` hard-links each image (a copy
where the drive cannot link: FAT32 sticks, another drive), ``copy`` copies them, ``none``
writes annotations only."""

SKIPPED_NAMED = 1000
"""Skipped records named one by one in an export's result; past it they are only counted."""

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
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (uuid, why), the first
    skipped_count: int = 0  # every record skipped (``skipped`` names the first SKIPPED_NAMED)

    def skip(self, uuid: str, why: str) -> None:
        self.skipped_count += 1
        if len(self.skipped) < SKIPPED_NAMED:
            self.skipped.append((uuid, why))

    def __str__(self) -> str:
        lines = [f"{self.images} images, {self.shapes} shapes written as {self.format}"]
        if self.images_placed:
            lines[0] += f"; {self.images_placed} image files placed beside them"
        for reason, n in self.left_out.items():
            lines.append(f"left out: {n} × {reason}")
        if self.skipped_count:
            lines.append(
                f"skipped {self.skipped_count} stored records that cannot be written"
                " (the rest is whole):"
            )
            lines += [f"  {uuid or '(no id)'}: {why}" for uuid, why in self.skipped[:20]]
            if self.skipped_count > 20:
                lines.append(f"  … and {self.skipped_count - 20} more")
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
    """The submissions to write, streamed once, and the label table every format shares.

    Exports hold no list of records: ``stream()`` yields each writable submission once, as
    the source (a database cursor) produces it, so memory does not grow with the number of
    images. Labels are the taxonomy's, then any label met in the records that the taxonomy
    lacks (work made under a taxonomy the exporter was not given), added as it is met with
    the next index; formats that list labels write that list once the records are written.

    ``image_root`` is what a consumer puts before image paths (a URL prefix, a folder on
    the machine that will read the export); ``image_source`` is the folder on *this* machine
    the images can be read from, for formats that place image files in the export (None on
    the server, which never holds images). ``images`` says how they are placed
    (``IMAGE_MODES``; None: the format's default). ``dest`` is where the export will be
    once written (it is filled under a temporary name), for paths relative to it.
    """

    def __init__(
        self,
        submissions: Iterable[Submission | Unreadable],
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
        self._source: Iterable[Submission | Unreadable] | None = submissions
        self.taxonomy = taxonomy
        self.image_root = image_root
        self.name = name
        self.image_source = image_source
        self.images = images
        self.dest = dest
        self.labels: list[ExportLabel] = []
        self.by_id: dict[str, ExportLabel] = {}
        for lab in taxonomy.labels:
            self._add_label(ExportLabel(lab.id, lab.name("en"), len(self.labels), lab.colour))
        self._stems: NameRegistry | None = None

    def stream(self) -> Iterator[Submission]:
        """Each writable submission, once (a second call is a mistake in an exporter)."""
        if self._source is None:
            raise RuntimeError("the records of an export are streamed once")
        source, self._source = self._source, None
        for sub in writable(source, self.skip):
            self.result.images += 1
            yield sub

    def close(self) -> None:
        if self._stems is not None:
            self._stems.close()
            self._stems = None

    def __enter__(self) -> RecordSet:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _add_label(self, lab: ExportLabel) -> ExportLabel:
        self.labels.append(lab)
        self.by_id[lab.id] = lab
        return lab

    def label(self, label_id: str) -> ExportLabel:
        """The label ``label_id``; one the taxonomy lacks gets the next index, named by id."""
        lab = self.by_id.get(label_id)
        if lab is None:
            lab = self._add_label(ExportLabel(label_id, label_id, len(self.labels), "#a9a9a9"))
        return lab

    def image_location(self, sub: Submission) -> str:
        """Where a consumer finds the image: ``image_root`` joined with the image's path."""
        if self.image_root is None:
            return sub.image_path
        root = self.image_root
        if root.endswith(("/", "=", "\\")):
            return root + sub.image_path
        return f"{root}/{sub.image_path}"

    def reserve_stem(self, stem: str) -> None:
        """A name a format writes itself (YOLO's ``classes``), so no image's file takes it."""
        self._registry().claim(stem)

    def file_stem(self, sub: Submission) -> str:
        """The image path without suffix, for formats with a file per image.

        ``a.jpg`` and ``a.png`` in one folder would both want ``a.txt``; the later one keeps
        its suffix in the name (``a.png.txt``) rather than overwrite the first, and a name
        still taken (two PCs' ``a.jpg``) gets ``~2``, ``~3``... Names are compared without
        case, as Windows does, in a registry that lives on disk past a few thousand names.
        """
        names = self._registry()
        path = safe_relative_text(sub.image_path)
        stem = path.removesuffix(suffix(path))
        if names.claim(stem):
            return stem
        stem, n = path, 1
        while not names.claim(stem):
            n += 1
            stem = f"{path}~{n}"
        return stem

    def _registry(self) -> NameRegistry:
        if self._stems is None:
            self._stems = NameRegistry()
        return self._stems

    def skip(self, uuid: str, why: str) -> None:
        """A stored record this export cannot write: named in the result, the rest written."""
        self.result.skip(uuid, why)

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

    def place_image(self, sub: Submission, out: Sink, rel: str, mode: str) -> bool:
        """Link or copy ``sub``'s image to ``rel`` in ``out``; False (and reported) if gone."""
        if mode == "none" or self.image_source is None:
            return False
        source = self.image_source / safe_relative(sub.image_path)
        try:
            out.place(source, rel, link=mode == "link")
        except FileNotFoundError:
            self.leave_out("image files missing from the image folder (annotations kept)")
            return False
        self.result.images_placed += 1
        return True

    def image_file_name(self, sub: Submission, stem: str) -> str:
        """The image's name in an export beside its annotation ``<stem>.txt/.xml/.json``:
        the stem plus the image's own suffix (``a.png`` whose stem is taken by ``a.jpg``
        becomes ``a.png.png``, so tools that swap the suffix find ``a.png.txt``)."""
        return stem + suffix(safe_relative_text(sub.image_path))


class NameRegistry:
    """A set of names, compared without case, in a private temporary SQLite database: SQLite
    keeps at most ``CACHE_KIB`` of it in memory and the rest on disk, so a million names
    cost no more memory than a few thousand. Gone when closed."""

    CACHE_KIB = 512  # images come sorted, so inserts land at the right edge of the tree

    def __init__(self) -> None:
        self._db = sqlite3.connect("")  # "": a private database in a temporary file
        self._db.execute("PRAGMA journal_mode=OFF")
        self._db.execute("PRAGMA synchronous=OFF")
        self._db.execute(f"PRAGMA cache_size=-{self.CACHE_KIB}")
        self._db.execute("CREATE TABLE names (name TEXT PRIMARY KEY) WITHOUT ROWID")

    def claim(self, name: str) -> bool:
        """True if ``name`` was free (it is now taken), False if it was taken already."""
        cur = self._db.execute("INSERT OR IGNORE INTO names VALUES (?)", (name.casefold(),))
        return cur.rowcount == 1

    def close(self) -> None:
        self._db.close()


def safe_relative(image_path: str) -> PurePosixPath:
    """``safe_relative_text`` as a path, to join under a folder on this machine."""
    return PurePosixPath(safe_relative_text(image_path))


def safe_relative_text(image_path: str) -> str:
    """An image path made safe to join under an export folder: no root, no drive, no ``..``.

    Paths come from submissions, which on the server come from devices; a path such as
    ``/etc/x.jpg``, ``//host/x.jpg`` or ``../../x.jpg`` must never make an exporter write
    outside its folder. Plain text, not ``pathlib``: an export names a million paths, and
    ``pathlib`` interns every part of every one (memory that grows with the export).
    """
    parts = [
        p
        for p in image_path.replace("\\", "/").split("/")
        if p not in ("", ".", "..") and not p.endswith(":")
    ]
    return "/".join(parts) or "image"


def suffix(image_path: str) -> str:
    """The file name's suffix as ``PurePosixPath.suffix`` says it (``.jpg``; ``""`` for
    ``a``, ``.hidden`` or ``a.``), without making a path."""
    name = image_path.rpartition("/")[2]
    i = name.rfind(".")
    return name[i:] if 0 < i < len(name) - 1 else ""


def num(v: float) -> float | int:
    """A coordinate for JSON: integral floats as ints (10 rather than 10.0), others exact."""
    return int(v) if float(v).is_integer() and abs(v) < 2**53 else v


def fmt(v: float) -> str:
    """A coordinate for text formats: the shortest text that reads back as the same float."""
    return repr(int(v)) if float(v).is_integer() and abs(v) < 2**53 else repr(float(v))
