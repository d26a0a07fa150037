"""Turn one parsed image's shapes into the project's shapes, shape by shape.

The image as a whole is refused only for what spoils every shape on it: a size that does not
fit, or an EXIF view the file cannot tell (``labeler.imports.exif``). Each shape is then
made and checked alone; one that cannot be kept is named with its reason and the others
stay. On the way:

- coordinates up to ``EDGE_TOLERANCE`` px outside the image are moved onto its edge;
  vertices of a curve turned polygon (a circle) are cut at the edge;
- a repeated consecutive vertex is dropped (CVAT writes them), as is a last vertex that
  repeats the first; a polygon whose edges cross is kept (labelme's own example has one);
- a polygon in a project that draws boxes but not polygons becomes its bounding box, and a
  rectangle a YOLO-seg export wrote for a box becomes a box again;
- normalised coordinates (YOLO) become pixels rounded to a millionth, so whole and half
  pixels come back exactly.
"""

from __future__ import annotations

from labeler import shape_attrs
from labeler.annotations import AnnotationKind, Shape, ShapeType, drop_repeats, validate
from labeler.errors import LabelerError
from labeler.imports import exif
from labeler.imports.matching import LabelResolver
from labeler.imports.parsed import ParsedImage, ParsedShape
from labeler.queue import ImageRecord
from labeler.validation import COORD_TOLERANCE

EDGE_TOLERANCE = COORD_TOLERANCE
"""Pixels a coordinate may lie outside the image and be moved onto its edge (tools differ
on whether the last pixel edge is W or W-1, and VOC counts from 1): the validation's."""
NORMALIZED_DECIMALS = 6


class ShapeMaker:
    """Makes the shapes of parsed images for one project (its kind and labels)."""

    def __init__(
        self, kind: AnnotationKind, resolver: LabelResolver, exif_view: str | None = None
    ) -> None:
        self.kind = kind
        self.resolver = resolver
        self.exif_view = exif_view
        self.label_ids = set(resolver.taxonomy.ids())
        # A polygon for a project that draws only boxes becomes its bounding box; a rectangle
        # a YOLO-seg export wrote for a box becomes a box again when the project draws boxes.
        self.polygons_to_boxes = (
            ShapeType.POLYGON not in kind.shapes and ShapeType.BOX in kind.shapes
        )
        self.rects_to_boxes = ShapeType.BOX in kind.shapes

    def shapes(self, image: ParsedImage, rec: ImageRecord) -> tuple[list[Shape], list[str]]:
        """(shapes kept, why each other one was left out); ``LabelerError`` refuses the image."""
        w, h = rec.width or 0, rec.height or 0
        orientation = rec.orientation or 1
        stated = (image.width, image.height) if image.width and image.height else None
        view = exif.decide_view(orientation, w, h, stated, self.exif_view, rec.path)
        size = (w, h) if view == "displayed" else exif.stored_size(orientation, w, h)
        if stated is not None and stated != size:
            hint = (
                "; the tool that made it showed the image unrotated (EXIF orientation)"
                if stated == (h, w)
                else ""
            )
            raise LabelerError(
                f"the file says the image is {stated[0]}x{stated[1]}, but {rec.path} is"
                f" {w}x{h}{hint}"
            )
        kept: list[Shape] = []
        skipped = list(image.skipped)
        for i, s in enumerate(image.shapes, start=1):
            try:
                shape = self._shape(s, image, size, view, orientation, (w, h))
                validate([shape], w, h, self.kind, self.label_ids)
            except LabelerError as exc:
                skipped.append(f"shape {i} ({s.type} '{s.label}'): {_reason(exc)}")
                continue
            kept.append(shape)
        if image.shapes and not kept:
            raise LabelerError(
                f"none of its {len(image.shapes)} shapes can be kept: " + "; ".join(skipped)
            )
        validate(kept, w, h, self.kind, self.label_ids)  # image-wide rules (one tag)
        return kept, skipped

    def _shape(
        self,
        s: ParsedShape,
        image: ParsedImage,
        size: tuple[int, int],
        view: str,
        orientation: int,
        shown: tuple[int, int],
    ) -> Shape:
        label = self.resolver.resolve(s.label, s.label_id)
        assert label is not None  # images with unknown labels never get here
        attrs = shape_attrs.clean(s.attrs)
        if s.type is ShapeType.TAG:
            return Shape.tag(label)
        w, h = size
        pts = []
        for x, y in s.points:
            if image.normalized:
                x, y = round(x * w, NORMALIZED_DECIMALS), round(y * h, NORMALIZED_DECIMALS)
            if view == "stored":
                x, y = exif.to_displayed(x, y, orientation, w, h)
            pts.append(_onto_edge(x, y, *shown, s.clip))
        if s.type is ShapeType.BOX:
            (x1, y1), (x2, y2) = pts
            return Shape.box(label, x1, y1, x2, y2).with_attrs(attrs)
        if s.type is ShapeType.POINT:
            return Shape.point(label, *pts[0]).with_attrs(attrs)
        if s.type is ShapeType.POLYLINE:
            return Shape.polyline(label, drop_repeats(pts, closed=False)).with_attrs(attrs)
        pts = drop_repeats(pts, closed=True)
        if self.polygons_to_boxes or (
            self.rects_to_boxes and image.boxes_as_polygons and _is_rectangle(pts)
        ):
            xs, ys = [p[0] for p in pts], [p[1] for p in pts]
            return Shape.box(label, min(xs), min(ys), max(xs), max(ys)).with_attrs(attrs)
        return Shape.polygon(label, pts).with_attrs(attrs)


def _onto_edge(x: float, y: float, w: int, h: int, clip: bool) -> tuple[float, float]:
    tol = float("inf") if clip else EDGE_TOLERANCE
    if -tol <= x < 0 or w < x <= w + tol:
        x = min(max(x, 0.0), float(w))
    if -tol <= y < 0 or h < y <= h + tol:
        y = min(max(y, 0.0), float(h))
    return x + 0.0, y + 0.0  # + 0.0 turns -0.0 into 0.0


def _is_rectangle(pts: list[tuple[float, float]]) -> bool:
    """Four corners of an axis-aligned rectangle, as YOLO-seg exports write boxes."""
    if len(pts) != 4:
        return False
    (ax, ay), (bx, by), (cx, cy), (dx, dy) = pts
    return ay == by and bx == cx and cy == dy and dx == ax and ax != bx and ay != cy


def _reason(exc: LabelerError) -> str:
    """The error's message without the 'shape 1 (box 'x'): ' its check put in front."""
    text = str(exc)
    return text.split("): ", 1)[1] if text.startswith("shape 1 (") and "): " in text else text
