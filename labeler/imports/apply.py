"""Store what import readers parsed: match images and labels, check, submit, report.

Nothing is half-stored: each image's annotations (per annotator) are one submission, its own
savepoint; images commit in batches. An image is left out whole when a label is unknown,
its size does not fit, or its EXIF view is unclear; a *shape* that cannot be kept (outside
the image, a kind the project does not draw, degenerate) is left out alone and named in the
report, and the rest of the image goes in. A power cut mid-import loses at most the batch
in progress; importing again finishes the job (work already stored counts as unchanged).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from labeler.errors import LabelerError
from labeler.images import IMAGE_SUFFIXES
from labeler.imports import embedded
from labeler.imports.matching import ImageMatcher, LabelResolver
from labeler.imports.parsed import ParsedFile, ParsedImage
from labeler.imports.report import ImportReport
from labeler.imports.shapes import ShapeMaker
from labeler.queue import ImageRecord

if TYPE_CHECKING:
    from labeler.project import Project

BATCH = 500  # images per transaction


def matcher_for(project: Project) -> ImageMatcher:
    """Every image of the project by name, and each duplicate file's name for its image."""
    records = project.queue.page("all", 0, max(1, project.queue.count("all")))
    by_id = {r.id: r for r in records}
    rows = project.store.query(
        "SELECT path, duplicate_of FROM images WHERE duplicate_of IS NOT NULL AND missing = 0"
    )
    dups = {r["path"]: by_id[r["duplicate_of"]] for r in rows if r["duplicate_of"] in by_id}
    return ImageMatcher(records, dups)


def run(
    project: Project,
    fmt: str,
    source: str,
    files: Iterable[ParsedFile],
    worker: str,
    add_labels: bool,
    replace: bool,
    exif_view: str | None = None,
) -> ImportReport:
    report = ImportReport(format=fmt, source=source)
    worker = project.add_worker(worker)
    images: list[ParsedImage] = []
    for parsed in files:
        report.files_read += 1
        report.notes.update(parsed.notes)
        if parsed.error is not None:
            report.bad_files.append(str(parsed.error))
        else:
            images += parsed.images
    matcher = matcher_for(project)
    if any(i.image_data for i in images):
        if embedded.extract(project, matcher, images, report):
            matcher = matcher_for(project)
        images = [i for i in images if i.name]  # a bad embedded image is already reported
    pending = _match(matcher, images, worker, report)

    resolver = LabelResolver(project.taxonomy)
    unknown: Counter[str] = Counter(
        s.label.strip()
        for entries in pending.values()
        for _, image in entries
        for s in image.shapes
        if resolver.resolve(s.label, s.label_id) is None
    )
    if unknown and add_labels:
        project.update_taxonomy(resolver.with_new_labels(unknown), source=f"import from {source}")
        resolver = LabelResolver(project.taxonomy)
        report.added_labels = sorted(unknown)
        unknown.clear()
    report.unknown_labels = dict(unknown)

    maker = ShapeMaker(project.kind, resolver, exif_view)
    ordered = sorted(pending.values(), key=lambda entries: entries[0][0].seq)
    for start in range(0, len(ordered), BATCH):
        # Each image is its own savepoint inside one transaction per batch: a refused image
        # rolls back alone, and the batch costs one disk sync instead of one per image.
        with project.store.write():
            for entries in ordered[start : start + BATCH]:
                _store_image(project, entries, maker, replace, report)
    return report


def _match(
    matcher: ImageMatcher, images: list[ParsedImage], worker: str, report: ImportReport
) -> dict[int, list[tuple[ImageRecord, ParsedImage]]]:
    """Parsed images by project image, one entry per annotator."""
    pending: dict[int, list[tuple[ImageRecord, ParsedImage]]] = defaultdict(list)
    seen: dict[tuple[int, str], tuple[str, str | None]] = {}
    unsure: list[tuple[ParsedImage, tuple[str, ...]]] = []

    def take(rec: ImageRecord, image: ParsedImage, via: str | None) -> None:
        who = image.worker or worker
        if (rec.id, who) in seen:
            first, first_via = seen[(rec.id, who)]
            dup = via or first_via
            also = f" ({dup} holds the same image as {rec.path})" if dup else ""
            report.rejected.append(
                f"{image.where}: {rec.path} is annotated twice (also in {first}){also}"
            )
            return
        seen[(rec.id, who)] = (image.where, via)
        if via:
            report.duplicates.append(f"{via} -> {rec.path}")
        image.worker = who
        pending[rec.id].append((rec, image))

    for image in images:
        m = matcher.match(image.name, stem=image.stem)
        if m.ambiguous:
            unsure.append((image, m.candidates))
        elif m.record is None:
            report.unmatched.append(image.name)
        else:
            take(m.record, image, m.duplicate)
    # A name without suffix, "a", fits a.jpg and a.png; if another file named a.png, "a" is
    # a.jpg (YOLO labels a.txt and a.png.txt, as our exports write them).
    claimed = {rec.path for entries in pending.values() for rec, _ in entries}
    for image, candidates in unsure:
        left = [c for c in candidates if c not in claimed]
        bare = image.stem or PurePosixPath(image.name).suffix.lower() not in IMAGE_SUFFIXES
        if bare and len(left) == 1 and (rec := matcher.by_path.get(left[0])) is not None:
            take(rec, image, None)
        else:
            report.ambiguous[image.name] = list(candidates)
    return pending


def _store_image(
    project: Project,
    entries: list[tuple[ImageRecord, ParsedImage]],
    maker: ShapeMaker,
    replace: bool,
    report: ImportReport,
) -> None:
    """Submit one image's annotations (one submission per annotator), or say why not."""
    rec = entries[0][0]
    stored_now = False
    history = list(_history(project, rec))
    for _, image in entries:
        if any(maker.resolver.resolve(s.label, s.label_id) is None for s in image.shapes):
            report.unknown_label_images += 1
            continue
        try:
            shapes, skipped = maker.shapes(image, rec)
        except LabelerError as exc:
            report.rejected.append(f"{image.where}: {exc}")
            continue
        report.skipped_shapes += [f"{image.where}: {why}" for why in skipped]
        who = project.add_worker(image.worker or "")
        if history and (
            list(history[-1].shapes) == shapes
            or any(s.worker == who and list(s.shapes) == shapes for s in history)
        ):
            report.unchanged.append(rec.path)
            continue
        if history and not replace and not stored_now:
            report.already_labeled.append(rec.path)
            return
        try:
            sub = project.work.submit(rec.id, shapes, who, source="imported")
        except LabelerError as exc:
            report.rejected.append(f"{image.where} ({rec.path}): {exc}")
            continue
        history.append(sub)
        report.images_imported += 0 if stored_now else 1
        report.submissions += 1
        report.shapes_imported += len(shapes)
        stored_now = True


def _history(project: Project, rec: ImageRecord):  # type: ignore[no-untyped-def]
    """The image's submissions so far, oldest first (empty for a fresh image)."""
    latest = project.work.latest_for_image(rec.id)
    if latest is None:
        return []
    rows = project.store.query(
        "SELECT uuid FROM submissions WHERE image_sha256 = ? ORDER BY revision",
        (latest.image_sha256,),
    )
    return [project.work.submission(r["uuid"]) for r in rows]
