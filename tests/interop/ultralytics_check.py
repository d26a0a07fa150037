"""Ultralytics' own checker on our YOLO exports (run by ``scripts/check-ultralytics``).

Two halves, two interpreters: ``make DIR`` runs in the project's venv and writes a labeled
project's ``yolo`` and ``yolo-seg`` exports (images hard-linked, names with dots, an
EXIF-turned photo) plus ``expected.json``; ``check DIR`` runs in a venv with Ultralytics and
PyTorch, from another working folder, and loads each export with Ultralytics'
``check_det_dataset`` and ``YOLODataset``, as training would. It exits non-zero, saying what
differs, unless every image has its label and every box is where we put it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def make(out: Path) -> None:
    from PIL import Image

    from labeler import taxonomy
    from labeler.annotations import Shape
    from labeler.exports import export
    from labeler.project import Project
    from tests.conftest import TAXONOMY_TEXT, make_images

    root = out / "photos"
    make_images(root, 3, size=(64, 48))
    Image.new("RGB", (64, 48), (200, 10, 10)).save(root / "frame.0001.jpg")
    im = Image.new("RGB", (64, 48), (10, 200, 10))
    exif = im.getexif()
    exif[0x0112] = 6
    im.save(root / "portrait.jpg", exif=exif)  # shown 48x64
    work = {
        "img_00000.jpg": [
            Shape.box("tree", 1, 2, 30, 40),
            Shape.polygon("house", [(5, 5), (20, 5), (12, 30)]),
        ],
        "img_00001.jpg": [Shape.box("house", 10, 10, 20, 20)],
        "img_00002.jpg": [],
        "frame.0001.jpg": [Shape.box("cattle", 0, 0, 64, 48)],
        "portrait.jpg": [Shape.box("tree", 4, 30, 44, 60)],
    }
    p = Project.create(
        out / "survey.hitl",
        name="survey",
        image_root=root,
        kind="boxes+polygons",
        taxonomy=taxonomy.parse(TAXONOMY_TEXT),
    )
    p.index.scan()
    recs = {r.path: r for r in p.queue.page()}
    expected: dict[str, dict[str, list]] = {"yolo": {}, "yolo-seg": {}}
    for path, shapes in work.items():
        p.work.submit(recs[path].id, shapes, "Asha")
        rec = recs[path]
        w, h = rec.width, rec.height
        expected["yolo"][path] = [
            [p.taxonomy.ids().index(s.label), *_xywhn(s.bbox, w, h)] for s in shapes
        ]
        expected["yolo-seg"][path] = [p.taxonomy.ids().index(s.label) for s in shapes]
    for fmt in expected:
        export(p, fmt, out / fmt, images="link")
    p.close()
    (out / "expected.json").write_text(json.dumps(expected))
    print(f"exports written under {out}")


def _xywhn(b: tuple[float, float, float, float], w: int, h: int) -> list[float]:
    x1, y1, x2, y2 = b
    return [(x1 + x2) / 2 / w, (y1 + y2) / 2 / h, (x2 - x1) / w, (y2 - y1) / h]


def check(out: Path) -> int:
    from ultralytics.data.dataset import YOLODataset
    from ultralytics.data.utils import check_det_dataset

    expected = json.loads((out / "expected.json").read_text())
    problems: list[str] = []
    for fmt, task in (("yolo", "detect"), ("yolo-seg", "segment")):
        data = check_det_dataset(str(out / fmt / "data.yaml"), autodownload=False)
        ds = YOLODataset(img_path=data["train"], data=data, task=task, augment=False)
        got = {Path(lb["im_file"]).name: lb for lb in ds.labels}
        want = expected[fmt]
        if sorted(got) != sorted(want):
            problems.append(f"{fmt}: images {sorted(got)} != {sorted(want)}")
            continue
        for name, rows in want.items():
            lb = got[name]
            classes = [int(c) for c in lb["cls"].reshape(-1)]
            if fmt == "yolo":
                boxes = [
                    [int(c), *map(float, b)] for c, b in zip(classes, lb["bboxes"], strict=True)
                ]
                ok = len(boxes) == len(rows) and all(
                    r[0] == b[0]
                    and all(abs(x - y) < 1e-6 for x, y in zip(r[1:], b[1:], strict=True))
                    for r, b in zip(rows, boxes, strict=True)
                )
            else:
                ok = classes == rows and len(lb["segments"]) == len(rows)
            if not ok:
                problems.append(f"{fmt} {name}: Ultralytics read {lb} but we wrote {rows}")
    for p in problems:
        print("FAILED:", p)
    print(
        f"{2 - len({p.split()[0].rstrip(':') for p in problems})} passed, "
        f"{len({p.split()[0].rstrip(':') for p in problems})} failed"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    verb, folder = sys.argv[1], Path(sys.argv[2]).resolve()
    if verb == "make":
        make(folder)
    else:
        sys.exit(check(folder))
