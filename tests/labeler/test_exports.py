"""Exports read back by real consumers: pycocotools, an XML parser, the csv module, YOLO's spec.

The project holds boxes, polygons, points and image tags on 64x48 images, and one image was
corrected (revision 2): exports must hold the correction only.
"""

from __future__ import annotations

import csv
import errno
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from pycocotools.coco import COCO

from labeler.annotations import Shape, ShapeType
from labeler.errors import ExportError
from labeler.exports import FORMATS, Exporter, export, export_records
from labeler.exports.atomic import MARKER
from labeler.project import Project
from labeler.work import Submission

W, H = 64, 48
FIRST = [
    Shape.box("tree", 1, 2, 30.5, 40),
    Shape.polygon("house", [(5, 5), (20, 5), (12, 30)]),
    Shape.point("cattle", 3, 4),
    Shape.tag("tree"),
    Shape.tag("house"),
]
CORRECTED = [Shape.box("house", 11, 10, 21, 20), Shape.box("cattle", 0, 0, 64, 48)]
WORK: dict[str, list[Shape]] = {
    "img_00000.jpg": FIRST,
    "img_00001.jpg": CORRECTED,  # after a first revision with one box
    "img_00002.jpg": [Shape.tag("cattle")],
    "img_00003.jpg": [Shape.polygon("tree", [(1.25, 2.5), (60.75, 3), (30, 47.5), (2, 40)])],
    "img_00004.jpg": [Shape.box("cattle", 0.1, 0.2, 33.3, 44.4)],
}
ENGLISH = {"tree": "Tree", "house": "House", "cattle": "Cattle"}


def label(project: Project, work: dict[str, list[Shape]] | None = None) -> dict[str, Submission]:
    """Submit ``work`` (default WORK, with img_00001 corrected once); returns the latest."""
    work = WORK if work is None else work
    recs = {r.path: r for r in project.queue.page()}
    out = {}
    for path, shapes in work.items():
        if path == "img_00001.jpg" and work is WORK:
            project.work.submit(recs[path].id, [Shape.box("house", 10, 10, 20, 20)], "Asha")
        out[path] = project.work.submit(recs[path].id, shapes, "Asha", duration_ms=4200)
    return out


@pytest.fixture
def labeled(project: Project) -> Project:
    label(project)
    return project


def shape_key(s: Shape) -> tuple:
    return (str(s.type), s.label, s.points)


# ---------------------------------------------------------------- entry point
def test_formats_are_named_and_a_bad_name_says_which_exist(labeled: Project, tmp_path: Path):
    assert set(FORMATS) == {
        "coco",
        "coco-keypoints",
        "yolo",
        "yolo-seg",
        "voc",
        "cvat",
        "labelstudio",
        "labelme",
        "csv",
    }
    with pytest.raises(ExportError, match=r"unknown export format 'tfrecord'.*coco"):
        export(labeled, "tfrecord", tmp_path / "out")
    assert not (tmp_path / "out").exists()


# ---------------------------------------------------------------- COCO
@pytest.mark.filterwarnings("ignore::DeprecationWarning:pycocotools")
def test_coco_loads_in_pycocotools_with_exact_geometry(labeled: Project, tmp_path: Path):
    result = export(labeled, "coco", tmp_path / "coco.json")
    coco = COCO(str(result.path))
    assert result.left_out == {
        "points (COCO instances have no points; export coco-keypoints for them)": 1
    }
    cats = {c["id"]: c for c in coco.loadCats(coco.getCatIds())}
    assert {c["name"] for c in cats.values()} == {"Tree", "House", "Cattle"}
    assert {c["label_id"] for c in cats.values()} == {"tree", "house", "cattle"}
    images = {img["file_name"]: img for img in coco.loadImgs(coco.getImgIds())}
    assert sorted(images) == sorted(WORK)  # latest revision only: one entry per image

    def anns(name: str) -> list[dict]:
        return coco.loadAnns(coco.getAnnIds(imgIds=[images[name]["id"]]))

    first = anns("img_00000.jpg")
    box, poly = sorted(first, key=lambda a: a["id"])
    assert cats[box["category_id"]]["label_id"] == "tree"
    assert box["bbox"] == [1, 2, 29.5, 38] and box["segmentation"] == [] and box["area"] == 1121
    assert poly["segmentation"] == [[5, 5, 20, 5, 12, 30]]
    assert poly["bbox"] == [5, 5, 15, 25] and poly["area"] == 187.5
    assert [poly["shape"], box["shape"]] == ["polygon", "box"]
    assert (box["iscrowd"], "attributes" in box) == (0, False)
    assert [cats[c]["name"] for c in images["img_00000.jpg"]["tags"]] == ["Tree", "House"]
    assert images["img_00000.jpg"]["width"] == W and images["img_00000.jpg"]["height"] == H

    corrected = anns("img_00001.jpg")
    assert sorted(a["bbox"] for a in corrected) == [[0, 0, 64, 48], [11, 10, 10, 10]]
    assert anns("img_00003.jpg")[0]["segmentation"] == [[1.25, 2.5, 60.75, 3, 30, 47.5, 2, 40]]
    odd = anns("img_00004.jpg")[0]["bbox"]
    assert odd[:2] == [0.1, 0.2]
    assert odd[0] + odd[2] == pytest.approx(33.3, abs=1e-12)
    # pycocotools can turn the polygons into masks (it understands the segmentation)
    assert coco.annToMask(poly).sum() > 0
    sha = labeled.work.latest_for_image(1).image_sha256  # type: ignore[union-attr]
    assert images["img_00000.jpg"]["sha256"] == sha


# ---------------------------------------------------------------- YOLO
def _yolo_lines(path: Path) -> list[list[float]]:
    return [[float(v) for v in ln.split()] for ln in path.read_text().splitlines() if ln]


def test_yolo_detection_by_the_spec(project: Project, tmp_path: Path):
    label(project, {k: v for k, v in WORK.items() if k in ("img_00001.jpg", "img_00004.jpg")})
    label(project, {"img_00002.jpg": [Shape.tag("cattle")]})
    out = export(project, "yolo", tmp_path / "yolo").path
    data = (out / "data.yaml").read_text()
    assert "task: detect" in data and "nc: 3" in data
    assert '0: "Tree"' in data and '2: "Cattle"' in data
    assert (out / "classes.txt").read_text().split() == ["Tree", "House", "Cattle"]
    assert (out / "labels" / "img_00002.txt").read_text() == ""  # background image
    lines = _yolo_lines(out / "labels" / "img_00004.txt")
    assert len(lines) == 1 and len(lines[0]) == 5 and lines[0][0] == 2
    _cls, cx, cy, w, h = lines[0]
    assert all(0 <= v <= 1 for v in (cx, cy, w, h))
    assert (cx - w / 2) * W == pytest.approx(0.1, abs=1e-9)
    assert (cy + h / 2) * H == pytest.approx(44.4, abs=1e-9)
    assert [ln[0] for ln in _yolo_lines(out / "labels" / "img_00001.txt")] == [1, 2]


def test_yolo_segmentation_is_its_own_choice(labeled: Project, tmp_path: Path):
    detect = export(labeled, "yolo", tmp_path / "detect").path
    assert "task: detect" in (detect / "data.yaml").read_text()  # polygons do not switch it
    assert all(len(ln) == 5 for ln in _yolo_lines(detect / "labels" / "img_00000.txt"))
    out = export(labeled, "yolo-seg", tmp_path / "yolo").path
    assert "task: segment" in (out / "data.yaml").read_text()
    box, poly = _yolo_lines(out / "labels" / "img_00000.txt")  # the point and tags are left out
    assert box[0] == 0 and len(box) == 9  # a box as its 4 corners
    assert [box[1] * W, box[2] * H, box[5] * W, box[6] * H] == pytest.approx([1, 2, 30.5, 40])
    assert poly[0] == 1
    xy = [(poly[i] * W, poly[i + 1] * H) for i in range(1, len(poly), 2)]
    assert xy == [pytest.approx(p, abs=1e-9) for p in [(5, 5), (20, 5), (12, 30)]]


# ---------------------------------------------------------------- Pascal VOC
def test_voc_xml_per_image_with_rounded_boxes(labeled: Project, tmp_path: Path):
    out = export(labeled, "voc", tmp_path / "voc").path
    ids = (out / "ImageSets" / "Main" / "default.txt").read_text().split()
    assert sorted(ids) == [Path(p).stem for p in sorted(WORK)]
    root = ET.parse(out / "Annotations" / "img_00000.xml").getroot()
    assert root.tag == "annotation" and root.findtext("filename") == "img_00000.jpg"
    assert (root.findtext("size/width"), root.findtext("size/height")) == ("64", "48")
    objects = [
        (
            o.findtext("name"),
            *(int(o.findtext(f"bndbox/{k}")) for k in ("xmin", "ymin", "xmax", "ymax")),
        )
        for o in root.iter("object")
    ]
    # 30.5 rounds half up to 31; the polygon is its bounding box; the point is left out
    assert objects == [("Tree", 1, 2, 31, 40), ("House", 5, 5, 20, 30)]
    odd = ET.parse(out / "Annotations" / "img_00004.xml").getroot().find("object/bndbox")
    assert [odd.findtext(k) for k in ("xmin", "ymin", "xmax", "ymax")] == ["0", "0", "33", "44"]


# ---------------------------------------------------------------- CVAT
def test_cvat_xml_has_every_shape_kind_exactly(labeled: Project, tmp_path: Path):
    out = export(labeled, "cvat", tmp_path / "cvat.xml").path
    root = ET.parse(out).getroot()
    assert root.tag == "annotations" and root.findtext("version") == "1.1"
    assert [lab.findtext("name") for lab in root.iter("label")] == ["Tree", "House", "Cattle"]
    images = {img.get("name"): img for img in root.iter("image")}
    assert sorted(images) == sorted(WORK)
    first = images["img_00000.jpg"]
    assert (first.get("width"), first.get("height")) == ("64", "48")
    box = first.find("box")
    assert box is not None and box.get("label") == "Tree"
    assert [float(box.get(k)) for k in ("xtl", "ytl", "xbr", "ybr")] == [1, 2, 30.5, 40]
    assert first.find("polygon").get("points") == "5,5;20,5;12,30"
    assert first.find("points").get("points") == "3,4"
    assert [t.get("label") for t in first.iter("tag")] == ["Tree", "House"]
    odd = images["img_00004.jpg"].find("box")
    assert [float(odd.get(k)) for k in ("xtl", "ytl", "xbr", "ybr")] == [0.1, 0.2, 33.3, 44.4]


# ---------------------------------------------------------------- Label Studio
def test_label_studio_tasks_with_percent_values(labeled: Project, tmp_path: Path):
    out = export(labeled, "labelstudio", tmp_path / "ls.json").path
    tasks = json.loads(out.read_text())
    assert isinstance(tasks, list) and len(tasks) == len(WORK)
    by_image = {t["data"]["image"]: t for t in tasks}
    first = by_image["/data/local-files/?d=img_00000.jpg"]
    assert first["meta"]["worker"] == "Asha" and len(first["meta"]["sha256"]) == 64
    (annotation,) = first["annotations"]
    assert annotation["lead_time"] == 4.2
    results = {r["type"]: r for r in annotation["result"]}
    assert set(results) == {"rectanglelabels", "polygonlabels", "keypointlabels", "choices"}
    rect = results["rectanglelabels"]
    assert (rect["from_name"], rect["to_name"]) == ("label", "image")
    assert (rect["original_width"], rect["original_height"]) == (W, H)
    v = rect["value"]
    assert v["rectanglelabels"] == ["Tree"]
    assert [v["x"] * W / 100, v["y"] * H / 100] == pytest.approx([1, 2], abs=1e-9)
    assert [v["width"] * W / 100, v["height"] * H / 100] == pytest.approx([29.5, 38], abs=1e-9)
    pts = results["polygonlabels"]["value"]["points"]
    assert [(x * W / 100, y * H / 100) for x, y in pts] == [
        pytest.approx(p, abs=1e-9) for p in [(5, 5), (20, 5), (12, 30)]
    ]
    assert results["polygonlabels"]["value"]["polygonlabels"] == ["House"]
    kp = results["keypointlabels"]["value"]
    assert kp["keypointlabels"] == ["Cattle"] and kp["x"] * W / 100 == pytest.approx(3)
    assert results["choices"]["value"]["choices"] == ["Tree", "House"]
    assert all(
        len({r["id"] for r in t["annotations"][0]["result"]}) == len(t["annotations"][0]["result"])
        for t in tasks
    )

    out2 = export(
        labeled, "labelstudio", tmp_path / "ls2.json", image_root="http://nas/images"
    ).path
    assert json.loads(out2.read_text())[0]["data"]["image"] == "http://nas/images/img_00000.jpg"


# ---------------------------------------------------------------- CSV
def test_csv_for_classification(labeled: Project, tmp_path: Path):
    out = export(labeled, "csv", tmp_path / "labels.csv").path
    with open(out, encoding="utf-8-sig", newline="") as f:
        rows = {r["image_path"]: r for r in csv.DictReader(f)}
    assert list(next(iter(rows.values()))) == [
        "image_path",
        "sha256",
        "labels",
        "label_ids",
        "worker",
        "submitted_at",
    ]
    assert rows["img_00000.jpg"]["labels"] == "Tree;House"
    assert rows["img_00000.jpg"]["label_ids"] == "tree;house"
    assert rows["img_00002.jpg"]["labels"] == "Cattle"
    assert rows["img_00001.jpg"]["labels"] == ""  # boxes only: no image-level label
    assert rows["img_00002.jpg"]["worker"] == "Asha"
    assert (
        rows["img_00002.jpg"]["submitted_at"].endswith("Z")
        and len(rows["img_00002.jpg"]["sha256"]) == 64
    )


# ---------------------------------------------------------------- without a project
def test_export_records_works_from_plain_submissions(labeled: Project, tmp_path: Path):
    """The central server's use: submissions it received, a taxonomy, no Project."""
    subs = list(labeled.work.latest_submissions())
    stranger = Submission(
        **{
            **subs[0].__dict__,
            "uuid": "x",
            "image_path": "far/away.jpg",
            "image_sha256": "f" * 64,
            "shapes": (Shape.box("yak", 1, 1, 9, 9),),
        }
    )
    out = export_records([*subs, stranger], labeled.taxonomy, "coco", tmp_path, name="server").path
    assert out == (tmp_path / "server-coco.json").absolute()
    new = export_records(subs, labeled.taxonomy, "csv", tmp_path / "new", name="server").path
    assert new == (tmp_path / "new" / "server-csv.csv").absolute() and new.is_file()
    coco = COCO(str(out))
    yak = [c for c in coco.loadCats(coco.getCatIds()) if c["label_id"] == "yak"]
    assert yak and yak[0]["name"] == "yak"  # a label the taxonomy lacks keeps its work
    (img,) = [i for i in coco.loadImgs(coco.getImgIds()) if i["file_name"] == "far/away.jpg"]
    assert coco.loadAnns(coco.getAnnIds(imgIds=[img["id"]]))[0]["bbox"] == [1, 1, 8, 8]


# ---------------------------------------------------------------- atomic writing
def test_exports_replace_their_own_folder_but_never_a_users(labeled: Project, tmp_path: Path):
    dest = tmp_path / "voc"
    export(labeled, "voc", dest)
    assert (dest / MARKER).exists()
    labeled.work.submit(6, [Shape.box("tree", 1, 1, 5, 5)], "Ravi")
    export(labeled, "voc", dest)  # an export replaces an earlier export
    assert (dest / "Annotations" / "img_00005.xml").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []

    mine = tmp_path / "photos"
    mine.mkdir()
    (mine / "holiday.jpg").write_bytes(b"precious")
    with pytest.raises(ExportError, match="not made by an export"):
        export(labeled, "yolo", mine)
    assert [p.name for p in mine.iterdir()] == ["holiday.jpg"]


def test_a_file_export_is_whole_or_absent(labeled: Project, tmp_path: Path):
    dest = tmp_path / "coco.json"
    export(labeled, "coco", dest)
    before = dest.read_bytes()
    blocked = tmp_path / "blocked"
    blocked.write_text("a file, not a folder")
    with pytest.raises(ExportError, match="blocked: is a file, not a folder"):
        export(labeled, "coco", blocked / "coco.json")
    with pytest.raises(ExportError, match="a file is in the way"):
        export(labeled, "voc", blocked)
    assert dest.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "blocked",
        "coco.json",
        "images",
        "test.hitl",
        "test.hitl-shm",
        "test.hitl-wal",
    ]


def test_every_format_writes_for_an_empty_project(project: Project, tmp_path: Path):
    for name in FORMATS:
        out = export(project, name, tmp_path / name)
        assert out.path.exists() and out.images == 0 and not out.left_out, name


def test_labelme_export_is_exact(labeled: Project, tmp_path: Path):
    out = export(labeled, "labelme", tmp_path / "labelme").path
    doc = json.loads((out / "img_00000.json").read_text())
    assert doc["imagePath"] == "../images/img_00000.jpg" and doc["imageWidth"] == W
    kinds = [(s["shape_type"], s["label"], s["points"]) for s in doc["shapes"]]
    assert kinds == [
        ("rectangle", "Tree", [[1, 2], [30.5, 40]]),
        ("polygon", "House", [[5, 5], [20, 5], [12, 30]]),
        ("point", "Cattle", [[3, 4]]),
    ]
    assert doc["flags"] == {"Tree": True, "House": True}
    assert ShapeType.TAG  # tags travel as flags


def test_two_images_with_one_stem_get_two_label_files(tmp_path: Path, tax):
    from labeler.imports import import_annotations
    from tests.conftest import make_images

    root = tmp_path / "imgs"
    make_images(root, 1, fmt="jpg")
    make_images(root, 1, fmt="png", start=1)
    (root / "img_00001.png").rename(root / "img_00000.png")
    made = []
    for name in ("a", "b"):
        p = Project.create(
            tmp_path / f"{name}.hitl", name=name, image_root=root, kind="boxes", taxonomy=tax
        )
        p.index.scan()
        made.append(p)
    a, b = made
    for rec, lab in zip(a.queue.page(), ("tree", "house"), strict=True):
        a.work.submit(rec.id, [Shape.box(lab, 1, 1, 9, 9)], "Asha")
    for fmt, folder, ext in (
        ("yolo", "labels", "txt"),
        ("voc", "Annotations", "xml"),
        ("labelme", "", "json"),
    ):
        out = export(a, fmt, tmp_path / fmt).path
        names = sorted(p.name for p in (out / folder).glob(f"*.{ext}") if p.name != "classes.txt")
        assert names == sorted([f"img_00000.{ext}", f"img_00000.png.{ext}"]), fmt
    # the images beside the labels follow the same names, so Ultralytics pairs them
    images = sorted(p.name for p in (tmp_path / "yolo" / "images").iterdir())
    assert images == ["img_00000.jpg", "img_00000.png.png"]
    report = import_annotations(b, "yolo", tmp_path / "yolo", "Asha")
    assert report.ok, str(report)
    got = {s.image_path: s.shapes[0].label for s in b.work.latest_submissions()}
    assert got == {"img_00000.jpg": "tree", "img_00000.png": "house"}
    for p in made:
        p.close()


def test_the_store_streams_the_latest_revision_of_each_image(labeled: Project):
    """Exports read the store's selection (made in SQL), not a table of every record."""
    every = list(labeled.work.submissions())
    assert len(every) == len(WORK) + 1
    best: dict[str, Submission] = {}
    for s in reversed(every):
        if s.image_sha256 not in best or s.revision > best[s.image_sha256].revision:
            best[s.image_sha256] = s
    latest = list(labeled.work.latest_submissions())
    assert sorted(s.uuid for s in latest) == sorted(s.uuid for s in best.values())


def test_a_failed_write_leaves_the_old_export_and_no_debris(
    labeled: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """A full disk halfway through: the earlier export stays whole, the half one is gone."""

    def half_then_full(records, path: Path) -> None:
        path.write_text('{"images": [')
        raise OSError(errno.ENOSPC, "No space left on device")

    def folder_half_then_full(records, out) -> None:
        out.write_text("labels/a.txt", "0 0.5")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setitem(FORMATS, "full", Exporter("full", "", False, ".json", half_then_full))
    monkeypatch.setitem(
        FORMATS, "fullfolder", Exporter("fullfolder", "", True, "", folder_half_then_full)
    )
    dest, folder = tmp_path / "out" / "c.json", tmp_path / "out" / "yolo"
    export(labeled, "coco", dest)
    export(labeled, "yolo", folder)
    before = dest.read_bytes(), sorted(p.name for p in folder.rglob("*"))
    with pytest.raises(ExportError, match=r"No space left on device.*free space"):
        export(labeled, "full", dest)
    with pytest.raises(ExportError, match=r"No space left on device.*free space"):
        export(labeled, "fullfolder", folder)
    assert (dest.read_bytes(), sorted(p.name for p in folder.rglob("*"))) == before
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["c.json", "yolo"]


def test_voc_names_are_escaped_and_subfolders_kept(
    tmp_path: Path, tax, monkeypatch: pytest.MonkeyPatch
):
    from labeler.exports import atomic
    from labeler.imports import import_annotations
    from tests.conftest import make_images

    monkeypatch.setattr(atomic, "SYNC_ALL_OVER", 0)  # the many-files path: one sync(2)
    root = tmp_path / "imgs"
    (p,) = make_images(root / "north & south", 1)
    p.rename(p.with_name("Tom & <Jerry>.jpg"))
    made = []
    for name in ("a", "b"):
        proj = Project.create(
            tmp_path / f"{name}.hitl", name=name, image_root=root, kind="boxes", taxonomy=tax
        )
        proj.index.scan()
        made.append(proj)
    a, b = made
    (rec,) = a.queue.page()
    a.work.submit(rec.id, [Shape.box("tree", 1, 2, 30, 40)], "Asha")
    out = export(a, "voc", tmp_path / "voc").path
    xml = ET.parse(out / "Annotations" / "north & south" / "Tom & <Jerry>.xml").getroot()
    assert xml.findtext("filename") == "Tom & <Jerry>.jpg"
    assert xml.findtext("folder") == "north & south"
    report = import_annotations(b, "voc", out, "Asha")
    assert report.ok and report.images_imported == 1, str(report)
    for proj in made:
        proj.close()
