"""``ImportReport``: what an import stored, and everything it did not, in words."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

SHOWN = 50  # items listed per section; the count says how many more


@dataclass
class ImportReport:
    """Counts and lists a supervisor reads after ``labeler import-annotations``."""

    format: str
    source: str
    files_read: int = 0
    images_imported: int = 0
    submissions: int = 0  # one per image, or one per annotator of it (Label Studio)
    shapes_imported: int = 0
    unchanged: list[str] = field(default_factory=list)  # same work already stored
    already_labeled: list[str] = field(default_factory=list)  # kept; pass replace=True
    unmatched: list[str] = field(default_factory=list)  # names with no image in the project
    ambiguous: dict[str, list[str]] = field(default_factory=dict)  # name -> candidate paths
    unknown_labels: dict[str, int] = field(default_factory=dict)  # name -> shapes using it
    unknown_label_images: int = 0  # images left out for a label the taxonomy lacks
    added_labels: list[str] = field(default_factory=list)
    bad_files: list[str] = field(default_factory=list)  # malformed file messages
    rejected: list[str] = field(default_factory=list)  # image: why its annotations were refused
    skipped_shapes: list[str] = field(default_factory=list)  # image, shape: why it was left out
    duplicates: list[str] = field(default_factory=list)  # name -> the image with its bytes
    extracted: list[str] = field(default_factory=list)  # embedded images written to the folder
    notes: Counter[str] = field(default_factory=Counter)  # things read but not kept

    @property
    def refused(self) -> int:
        """Images (or names) in the source whose work did not go in."""
        return (
            len(self.unmatched)
            + len(self.ambiguous)
            + len(self.bad_files)
            + len(self.rejected)
            + self.unknown_label_images
        )

    @property
    def ok(self) -> bool:
        """Everything found was imported whole (or was already there)."""
        return not (self.refused or self.skipped_shapes or self.already_labeled)

    @property
    def failed(self) -> bool:
        """Nothing went in, or something was refused: ``import-annotations`` exits non-zero."""
        nothing = self.submissions == 0 and not self.unchanged
        return nothing or self.refused > 0

    def summary(self) -> str:
        """One line: what went in, what did not."""
        parts = [
            f"{self.format} import: {self.images_imported} images imported"
            f" ({self.shapes_imported} shapes)"
        ]
        if self.unchanged:
            parts.append(f"{len(self.unchanged)} unchanged")
        if self.already_labeled:
            parts.append(f"{len(self.already_labeled)} already labeled, kept")
        refused = self.refused - len(self.bad_files)
        if refused:
            parts.append(f"{refused} refused")
        if self.bad_files:
            parts.append(f"{len(self.bad_files)} files unreadable")
        if self.skipped_shapes:
            parts.append(f"{len(self.skipped_shapes)} shapes skipped")
        if self.files_read == 0:
            parts.append("no annotation files found")
        return "; ".join(parts)

    def __str__(self) -> str:
        lines = [
            f"imported {self.images_imported} images ({self.shapes_imported} shapes)"
            f" from {self.files_read} {self.format} files in {self.source}"
        ]
        if self.submissions > self.images_imported:
            lines.append(
                f"{self.submissions} submissions: images with several annotators got one"
                " each (the last is the current one)"
            )
        if self.unchanged:
            lines.append(f"{len(self.unchanged)} images already had the same annotations")
        if self.added_labels:
            lines.append("labels added to the taxonomy: " + ", ".join(self.added_labels))
        sections: list[tuple[str, list[str]]] = [
            ("embedded images written into the project's image folder", self.extracted),
            ("names of duplicate images (the same bytes): stored on the image", self.duplicates),
            (
                "already labeled in this project, kept as they are (import with replace to"
                " add the imported annotations as a new revision)",
                self.already_labeled,
            ),
            ("no image with this name in the project", self.unmatched),
            (
                "names matching several images (move or rename one, or keep the folder"
                " structure in the annotation)",
                [f"{n} -> {', '.join(c)}" for n, c in self.ambiguous.items()],
            ),
            (
                "labels the taxonomy does not have (images using them were not imported;"
                " add them to the taxonomy, or import with --add-labels)",
                [f"{n} ({k} shapes)" for n, k in self.unknown_labels.items()],
            ),
            ("files that could not be read", self.bad_files),
            ("images whose annotations were refused", self.rejected),
            ("shapes left out (the rest of their image was imported)", self.skipped_shapes),
            ("read but not kept", [f"{n} × {what}" for what, n in self.notes.items()]),
        ]
        for title, items in sections:
            if items:
                lines.append(f"{len(items)} {title}:")
                lines += [f"  {item}" for item in items[:SHOWN]]
                if len(items) > SHOWN:
                    lines.append(f"  ... and {len(items) - SHOWN} more")
        return "\n".join(lines)
