"""One labeled project and its exports, read by the tools people really use.

The project holds every shape kind, attributes and a labelme group on 64x48 images, one of
them an EXIF-turned photo (stored 64x48, shown 48x64), so each consumer is checked on what
it can hold and on the view of the image it uses.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from labeler import taxonomy
from labeler.annotations import Shape
from labeler.exports import ExportResult, export
from labeler.project import Project
from tests.conftest import TAXONOMY_TEXT, make_images

KIND = "boxes+polygons+points+polylines+multilabel"
W, H = 64, 48
WORK: dict[str, list[Shape]] = {
    "img_00000.jpg": [
        Shape.box("tree", 1, 2, 30, 40).with_attrs({"occluded": True, "difficult": True}),
        Shape.polygon("house", [(5, 5), (20, 5), (12, 30)]),
        Shape.point("cattle", 3, 4),
        Shape.polyline("tree", [(1, 47), (30, 40), (63, 47)]),
        Shape.tag("tree"),
    ],
    "img_00001.jpg": [
        Shape.box("house", 10, 10, 20, 20).with_attrs({"group_id": 3, "truncated": True}),
        Shape.polygon("house", [(30, 10), (40, 10), (40, 20), (35, 25)]).with_attrs(
            {"group_id": 3, "truncated": True}
        ),
        Shape.point("cattle", 50, 40),
    ],
    "img_00002.jpg": [Shape.tag("cattle")],
    "frame.0001.jpg": [Shape.box("cattle", 0, 0, 64, 48)],
    "portrait.jpg": [Shape.box("tree", 4, 30, 44, 60)],  # shown 48x64
}


@pytest.fixture
def labeled(tmp_path: Path) -> Project:
    root = tmp_path / "photos"
    make_images(root, 3)
    Image.new("RGB", (W, H), (200, 10, 10)).save(root / "frame.0001.jpg")
    im = Image.new("RGB", (W, H), (10, 200, 10))
    exif = im.getexif()
    exif[0x0112] = 6  # stored landscape, shown portrait
    im.save(root / "portrait.jpg", exif=exif)
    p = Project.create(
        tmp_path / "survey.hitl",
        name="Survey",
        image_root=root,
        kind=KIND,
        taxonomy=taxonomy.parse(TAXONOMY_TEXT),
    )
    p.index.scan()
    recs = {r.path: r for r in p.queue.page()}
    for path, shapes in WORK.items():
        p.work.submit(recs[path].id, shapes, "Asha")
    yield p
    p.close()


Exporter = Callable[..., ExportResult]


@pytest.fixture
def exported(labeled: Project, tmp_path: Path) -> Exporter:
    """``exported(fmt, **options)``: the export written under ``tmp_path/out``."""

    def write(fmt: str, **options) -> ExportResult:
        return export(labeled, fmt, tmp_path / "out" / fmt, **options)

    return write
