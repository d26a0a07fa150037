"""Round trips for every format pair: export as A, import, export as B, import again.

What comes back is exactly what both formats carry (``CARRY`` says it per format, the same
table as the README's): nothing more is lost, nothing is added, coordinates at whole pixels
come back exactly. Formats are written and read by this program only here; the consumer
libraries read the same files in ``tests/interop``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from labeler.annotations import Shape, ShapeType
from labeler.exports import export
from labeler.imports import import_annotations
from labeler.project import Project

KIND = "boxes+polygons+points+polylines+multilabel"
ALL_ATTRS = {
    "occluded": True,
    "truncated": True,
    "difficult": True,
    "iscrowd": True,
    "description": "आधा छिपा",
    "flags": {"checked": True},
}
WORK: dict[str, list[Shape]] = {
    "img_00000.jpg": [
        Shape.box("tree", 1, 2, 30, 40).with_attrs(ALL_ATTRS),
        Shape.polygon("house", [(5, 5), (20, 5), (12, 30)]).with_attrs(
            {"origin": "edited", "score": 0.75}  # a model's suggestion, changed by the worker
        ),
        Shape.point("cattle", 3, 4).with_attrs({"occluded": True}),
        Shape.polyline("tree", [(1, 47), (30, 40), (63, 47)]).with_attrs({"description": "road"}),
        Shape.tag("tree"),
    ],
    "img_00001.jpg": [  # a labelme group: two parts of one object
        Shape.box("house", 10, 10, 20, 20).with_attrs({"group_id": 3}),
        Shape.polygon("house", [(30, 10), (40, 10), (40, 20), (35, 25)]).with_attrs(
            {"group_id": 3}
        ),
    ],
    "img_00002.jpg": [Shape.tag("cattle")],
    "img_00003.jpg": [Shape.polygon("tree", [(0, 0), (20, 20), (20, 0), (0, 20)])],  # bow tie
    "img_00004.jpg": [],  # submitted with nothing on it: a background image
}


def _bbox(s: Shape, attrs: dict) -> Shape:
    x1, y1, x2, y2 = s.bbox
    return Shape.box(s.label, x1, y1, x2, y2).with_attrs(attrs)


def _keep(names: tuple[str, ...]) -> Callable[[Shape], dict]:
    return lambda s: {k: v for k, v in s.attrs.items() if k in names}


def _carry(
    types: set[ShapeType], attrs: Callable[[Shape], dict], polygon_as_box: bool = False
) -> Callable[[Shape], Shape | None]:
    def carry(s: Shape) -> Shape | None:
        if s.type not in types:
            return None
        if s.type is ShapeType.TAG:
            return s
        if s.type is ShapeType.POLYGON and polygon_as_box:
            return _bbox(s, attrs(s))
        return s.with_attrs(attrs(s))

    return carry


B, P, PT, L, T = (
    ShapeType.BOX,
    ShapeType.POLYGON,
    ShapeType.POINT,
    ShapeType.POLYLINE,
    ShapeType.TAG,
)
NONE = _keep(())
EVERY = _keep((*tuple(ALL_ATTRS), "group_id", "origin", "score"))
CARRY: dict[str, Callable[[Shape], Shape | None]] = {
    "coco": _carry({B, P, T}, EVERY),
    "coco-keypoints": _carry({PT, T}, EVERY),
    "yolo": _carry({B, P}, NONE, polygon_as_box=True),
    "yolo-seg": _carry({B, P}, NONE),
    "voc": _carry(
        {B, P},
        _keep(("truncated", "difficult", "occluded", "group_id", "description", "iscrowd")),
        polygon_as_box=True,
    ),
    "cvat": _carry(
        {B, P, PT, L, T},
        _keep(("occluded", "truncated", "difficult", "iscrowd", "description", "group_id")),
    ),
    "labelstudio": _carry({B, P, PT, T}, NONE),
    "labelme": _carry({B, P, PT, L, T}, EVERY),
}
IMPORTER = {"coco-keypoints": "coco", "yolo-seg": "yolo"}


def expected(*formats: str) -> dict[str, list[tuple]]:
    out = {}
    for path, shapes in WORK.items():
        kept = list(shapes)
        for fmt in formats:
            kept = [c for s in kept if (c := CARRY[fmt](s)) is not None]
        out[path] = sorted(key(s) for s in kept)
    return out


def key(s: Shape) -> tuple:
    return (str(s.type), s.label, s.points, sorted(s.attrs.items()))


def stored(project: Project) -> dict[str, list[tuple]]:
    return {
        s.image_path: sorted(key(x) for x in s.shapes) for s in project.work.latest_submissions()
    }


@pytest.fixture
def projects(fresh):
    """``projects(name)``: a project over the test images drawing every shape kind."""
    return lambda name: fresh(kind=KIND, name=name)


def through(source: Project, fmt: str, target: Project, folder: Path) -> None:
    out = export(source, fmt, folder / fmt, images="none").path
    report = import_annotations(target, IMPORTER.get(fmt, fmt), out, "Importer")
    assert report.images_imported == len(WORK) and not report.refused, str(report)
    assert not report.skipped_shapes, str(report)


def labeled(make) -> Project:
    p = make("origin")
    recs = {r.path: r for r in p.queue.page()}
    for path, shapes in WORK.items():
        p.work.submit(recs[path].id, shapes, "Asha")
    return p


@pytest.mark.parametrize("fmt", sorted(CARRY))
def test_each_format_gives_back_what_it_carries(projects, tmp_path: Path, fmt: str):
    target = projects("target")
    through(labeled(projects), fmt, target, tmp_path)
    assert stored(target) == expected(fmt)


PAIRS = [(a, b) for a in sorted(CARRY) for b in sorted(CARRY) if a != b]


@pytest.mark.parametrize(("first", "second"), PAIRS, ids=[f"{a}>{b}" for a, b in PAIRS])
def test_every_format_pair(projects, tmp_path: Path, first: str, second: str):
    middle, last = projects("middle"), projects("last")
    through(labeled(projects), first, middle, tmp_path / "1")
    through(middle, second, last, tmp_path / "2")
    assert stored(last) == expected(first, second)
