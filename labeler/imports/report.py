"""``ImportReport``: what an import stored, and everything it did not, in words."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ImportReport:
    """Counts and lists a supervisor reads after ``labeler import-annotations``."""

    format: str
    source: str
    files_read: int = 0
    images_imported: int = 0
    shapes_imported: int = 0
    unchanged: list[str] = field(default_factory=list)  # same work already stored
    already_labeled: list[str] = field(default_factory=list)  # kept; pass replace=True
    unmatched: list[str] = field(default_factory=list)  # names with no image in the project
    ambiguous: dict[str, list[str]] = field(default_factory=dict)  # name -> candidate paths
    unknown_labels: dict[str, int] = field(default_factory=dict)  # name -> shapes using it
    added_labels: list[str] = field(default_factory=list)
    bad_files: list[str] = field(default_factory=list)  # malformed file messages
    rejected: list[str] = field(default_factory=list)  # image: why its annotations were refused

    @property
    def ok(self) -> bool:
        """Everything found was imported (or was already there)."""
        return not (
            self.unmatched
            or self.ambiguous
            or self.unknown_labels
            or self.bad_files
            or self.rejected
            or self.already_labeled
        )

    def __str__(self) -> str:
        lines = [
            f"imported {self.images_imported} images ({self.shapes_imported} shapes)"
            f" from {self.files_read} {self.format} files in {self.source}"
        ]
        if self.unchanged:
            lines.append(f"{len(self.unchanged)} images already had the same annotations")
        if self.added_labels:
            lines.append("labels added to the taxonomy: " + ", ".join(self.added_labels))
        sections: list[tuple[str, list[str]]] = [
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
        ]
        for title, items in sections:
            if items:
                lines.append(f"{len(items)} {title}:")
                lines += [f"  {item}" for item in items[:50]]
                if len(items) > 50:
                    lines.append(f"  ... and {len(items) - 50} more")
        return "\n".join(lines)
