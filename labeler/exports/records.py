"""What every exporter works from: the submissions, and the labels with their export names.

Exporters take plain ``Submission`` records and a ``Taxonomy``, not a ``Project``, so the
central server can export everything it received with the same code. A submission carries
its image's path, size and hash, which is all the image metadata any format needs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath

from labeler.annotations import ShapeType
from labeler.taxonomy import Taxonomy
from labeler.work import Submission

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


class RecordSet:
    """Submissions (latest revision per image) and the label table every format shares."""

    def __init__(
        self,
        submissions: Iterable[Submission],
        taxonomy: Taxonomy,
        image_root: str | None = None,
        name: str = "annotations",
    ) -> None:
        self.submissions = list(submissions)
        self.taxonomy = taxonomy
        self.image_root = image_root
        self.name = name
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
