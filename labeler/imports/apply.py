"""Store what import readers parsed: match images and labels, check, submit, report.

Nothing is half-stored: each image's annotations are one submission (its own savepoint;
images commit in batches), and an image is stored only when every one of its shapes has a
known label and valid geometry. A malformed file was already rejected whole by its reader.
A power cut mid-import loses at most the batch in progress; importing again finishes the job
(work already stored counts as unchanged).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from labeler.annotations import Shape, ShapeType
from labeler.errors import LabelerError
from labeler.images import IMAGE_SUFFIXES
from labeler.imports.matching import ImageMatcher, LabelResolver
from labeler.imports.parsed import ParsedFile, ParsedImage, ParsedShape
from labeler.imports.report import ImportReport
from labeler.queue import ImageRecord

if TYPE_CHECKING:
    from labeler.project import Project

EDGE_TOLERANCE = 1.0
"""Pixels a coordinate may lie outside the image and be moved onto its edge (tools differ
on whether the last pixel edge is W or W-1, and VOC counts from 1)."""
BATCH = 500  # images per transaction
NORMALIZED_DECIMALS = 6
"""Pixel coordinates from normalised ones are rounded to a millionth of a pixel, so whole and
half pixels written as fractions (YOLO) come back exactly."""


def run(
    project: Project,
    fmt: str,
    source: str,
    files: Iterable[ParsedFile],
    worker: str,
    add_labels: bool,
    replace: bool,
) -> ImportReport:
    report = ImportReport(format=fmt, source=source)
    worker = project.add_worker(worker)
    matcher = ImageMatcher(project.queue.page("all", 0, max(1, project.queue.count("all"))))
    pending: dict[int, tuple[ImageRecord, ParsedImage]] = {}
    unsure: list[tuple[ParsedImage, tuple[str, ...]]] = []

    def take(rec: ImageRecord, image: ParsedImage) -> None:
        if rec.id in pending:
            first = pending[rec.id][1].where
            report.rejected.append(
                f"{image.where}: {rec.path} is annotated twice (also in {first})"
            )
        else:
            pending[rec.id] = (rec, image)

    for parsed in files:
        report.files_read += 1
        if parsed.error is not None:
            report.bad_files.append(str(parsed.error))
            continue
        for image in parsed.images:
            m = matcher.match(image.name)
            if m.ambiguous:
                unsure.append((image, m.candidates))
            elif m.record is None:
                report.unmatched.append(image.name)
            else:
                take(m.record, image)
    # A name without suffix, "a", fits a.jpg and a.png; if another file named a.png, "a" is
    # a.jpg (YOLO labels a.txt and a.png.txt, as our exports write them).
    claimed = {rec.path for rec, _ in pending.values()}
    for image, candidates in unsure:
        left = [c for c in candidates if c not in claimed]
        bare = PurePosixPath(image.name).suffix.lower() not in IMAGE_SUFFIXES
        if bare and len(left) == 1 and (rec := matcher.by_path.get(left[0])) is not None:
            take(rec, image)
        else:
            report.ambiguous[image.name] = list(candidates)

    resolver = LabelResolver(project.taxonomy)
    unknown: Counter[str] = Counter(
        s.label.strip()
        for _rec, image in pending.values()
        for s in image.shapes
        if resolver.resolve(s.label, s.label_id) is None
    )
    if unknown and add_labels:
        project.update_taxonomy(resolver.with_new_labels(unknown), source=f"import from {source}")
        resolver = LabelResolver(project.taxonomy)
        report.added_labels = sorted(unknown)
        unknown.clear()
    report.unknown_labels = dict(unknown)

    kind = project.kind
    # A polygon for a project that draws only boxes becomes its bounding box; a rectangle a
    # YOLO-seg export wrote for a box becomes a box again when the project draws boxes.
    policy = (
        ShapeType.POLYGON not in kind.shapes and ShapeType.BOX in kind.shapes,
        ShapeType.BOX in kind.shapes,
    )
    ordered = sorted(pending.values(), key=lambda t: t[0].seq)
    for start in range(0, len(ordered), BATCH):
        # Each image is its own savepoint inside one transaction per batch: a refused image
        # rolls back alone, and the batch costs one disk sync instead of one per image.
        with project.store.write():
            for rec, image in ordered[start : start + BATCH]:
                _store(project, rec, image, resolver, policy, worker, replace, report)
    return report


def _store(
    project: Project,
    rec: ImageRecord,
    image: ParsedImage,
    resolver: LabelResolver,
    policy: tuple[bool, bool],
    worker: str,
    replace: bool,
    report: ImportReport,
) -> None:
    """Submit one image's annotations, or say in the report why not."""
    if any(resolver.resolve(s.label, s.label_id) is None for s in image.shapes):
        return  # counted under unknown labels
    try:
        shapes = _shapes(image, rec, resolver, *policy)
    except LabelerError as exc:
        report.rejected.append(f"{image.where}: {exc}")
        return
    latest = project.work.latest_for_image(rec.id)
    if latest is not None:
        if list(latest.shapes) == shapes:
            report.unchanged.append(rec.path)
            return
        if not replace:
            report.already_labeled.append(rec.path)
            return
    try:
        project.work.submit(rec.id, shapes, worker, source="imported")
    except LabelerError as exc:
        report.rejected.append(f"{image.where} ({rec.path}): {exc}")
        return
    report.images_imported += 1
    report.shapes_imported += len(shapes)


def _shapes(
    image: ParsedImage,
    rec: ImageRecord,
    resolver: LabelResolver,
    polygons_to_boxes: bool,
    rects_to_boxes: bool,
) -> list[Shape]:
    w, h = rec.width or 0, rec.height or 0
    if image.width and image.height and (image.width, image.height) != (w, h):
        hint = (
            "; the tool that made it showed the image unrotated (EXIF orientation)"
            if (image.width, image.height) == (h, w)
            else ""
        )
        raise LabelerError(
            f"the file says the image is {image.width}x{image.height}, but {rec.path} is"
            f" {w}x{h}{hint}"
        )
    return [
        _shape(s, image, w, h, resolver, polygons_to_boxes, rects_to_boxes) for s in image.shapes
    ]


def _shape(
    s: ParsedShape,
    image: ParsedImage,
    w: int,
    h: int,
    resolver: LabelResolver,
    polygons_to_boxes: bool,
    rects_to_boxes: bool,
) -> Shape:
    label = resolver.resolve(s.label, s.label_id)
    assert label is not None
    if s.type is ShapeType.TAG:
        return Shape.tag(label)
    pts = [_pixel(x, y, image.normalized, w, h) for x, y in s.points]
    if s.type is ShapeType.BOX:
        (x1, y1), (x2, y2) = pts
        return Shape.box(label, x1, y1, x2, y2)
    if s.type is ShapeType.POINT:
        return Shape.point(label, *pts[0])
    if polygons_to_boxes or (rects_to_boxes and image.boxes_as_polygons and _is_rectangle(pts)):
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        return Shape.box(label, min(xs), min(ys), max(xs), max(ys))
    return Shape.polygon(label, pts)


def _pixel(x: float, y: float, normalized: bool, w: int, h: int) -> tuple[float, float]:
    if normalized:
        x, y = round(x * w, NORMALIZED_DECIMALS), round(y * h, NORMALIZED_DECIMALS)
    if -EDGE_TOLERANCE <= x < 0 or w < x <= w + EDGE_TOLERANCE:
        x = min(max(x, 0.0), float(w))
    if -EDGE_TOLERANCE <= y < 0 or h < y <= h + EDGE_TOLERANCE:
        y = min(max(y, 0.0), float(h))
    return x + 0.0, y + 0.0  # + 0.0 turns -0.0 into 0.0


def _is_rectangle(pts: list[tuple[float, float]]) -> bool:
    """Four corners of an axis-aligned rectangle, as YOLO-seg exports write boxes."""
    if len(pts) != 4:
        return False
    (ax, ay), (bx, by), (cx, cy), (dx, dy) = pts
    return ay == by and bx == cx and cy == dy and dx == ax and ax != bx and ay != cy
