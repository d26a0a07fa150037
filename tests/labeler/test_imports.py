"""Bringing existing work in: round trips through every format, and what a centre really has
(labelImg folders, hand-edited files, broken files, names that match nothing or too much)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image

from labeler.annotations import Shape, ShapeType
from labeler.errors import ImportFormatError, LabelerError, NotFoundError
from labeler.exports import export
from labeler.imports import IMPORT_FORMATS, import_annotations
from labeler.project import Project
from labeler.queue import Status
from tests.conftest import make_images
from tests.labeler.test_exports import WORK, label, shape_key

KIND = "boxes+polygons+points+multilabel"


def stored(project: Project) -> dict[str, list[tuple]]:
    return {
        s.image_path: sorted(shape_key(x) for x in s.shapes)
        for s in project.work.latest_submissions()
    }


def expected(work: dict[str, list[Shape]], keep=lambda s: True) -> dict[str, list[tuple]]:
    return {p: sorted(shape_key(s) for s in shapes if keep(s)) for p, shapes in work.items()}


# ---------------------------------------------------------------- round trips
@pytest.mark.parametrize("fmt", ["coco", "labelme"])
def test_round_trip_is_exact(project: Project, fresh, tmp_path: Path, fmt: str):
    label(project)
    out = export(project, fmt, tmp_path / "out" / fmt).path
    target = fresh()
    report = import_annotations(target, fmt, out, "Importer")
    assert report.ok, str(report)
    assert report.images_imported == len(WORK)
    # COCO instances hold no points: those travel in coco-keypoints
    keep = (lambda s: s.type is not ShapeType.POINT) if fmt == "coco" else (lambda s: True)
    assert stored(target) == expected(WORK, keep)
    sub = next(target.work.latest_submissions())
    assert (sub.source, sub.worker, sub.revision) == ("imported", "Importer", 1)
    assert target.queue.counts()["submitted"] == len(WORK)


def test_round_trip_yolo_keeps_boxes_and_polygons(project: Project, fresh, tmp_path: Path):
    label(project)
    out = export(project, "yolo-seg", tmp_path / "yolo").path  # boxes as rectangles
    target = fresh()
    report = import_annotations(target, "yolo", out, "Importer")
    assert report.ok, str(report)
    geometry = expected(WORK, lambda s: s.type in (ShapeType.BOX, ShapeType.POLYGON))
    got = stored(target)
    assert got.keys() == geometry.keys()
    for path, shapes in geometry.items():  # points and tags have no place in YOLO
        assert [(t, lab) for t, lab, _ in got[path]] == [(t, lab) for t, lab, _ in shapes]
        for (_, _, a), (_, _, b) in zip(got[path], shapes, strict=True):
            assert [c for p in a for c in p] == pytest.approx([c for p in b for c in p], abs=1e-6)
    # whole and half pixels come back exactly, not merely close
    assert got["img_00000.jpg"] == sorted(
        [("box", "tree", ((1.0, 2.0), (30.5, 40.0))), shape_key(WORK["img_00000.jpg"][1])]
    )


def test_round_trip_voc_rounds_to_whole_pixels(project: Project, fresh, tmp_path: Path):
    label(project)
    out = export(project, "voc", tmp_path / "voc").path
    target = fresh()
    report = import_annotations(target, "voc", out, "Importer")
    got = stored(target)
    assert got["img_00001.jpg"] == expected(WORK)["img_00001.jpg"]  # whole pixels: exact
    assert got["img_00000.jpg"] == [  # 30.5 -> 31; the polygon became its box
        ("box", "house", ((5.0, 5.0), (20.0, 30.0))),
        ("box", "tree", ((1.0, 2.0), (31.0, 40.0))),
    ]
    assert got["img_00002.jpg"] == []  # its only label was an image tag
    assert report.images_imported == len(WORK)


def test_importing_twice_changes_nothing(project: Project, fresh, tmp_path: Path):
    label(project)
    out = export(project, "coco", tmp_path / "c.json").path
    target = fresh()
    import_annotations(target, "coco", out, "Importer")
    again = import_annotations(target, "coco", out, "Importer")
    assert again.images_imported == 0 and len(again.unchanged) == len(WORK)
    assert len(list(target.work.submissions())) == len(WORK)


def test_different_work_is_kept_unless_replace(project: Project, fresh, tmp_path: Path):
    label(project)
    out = export(project, "labelme", tmp_path / "lm").path
    target = fresh()
    rec = target.queue.by_path("img_00004.jpg")
    own = target.work.submit(rec.id, [Shape.box("tree", 2, 2, 9, 9)], "Meena")
    report = import_annotations(target, "labelme", out, "Importer")
    assert report.already_labeled == ["img_00004.jpg"] and "already labeled" in str(report)
    assert target.work.latest_for_image(rec.id).uuid == own.uuid
    report = import_annotations(target, "labelme", out, "Importer", replace=True)
    latest = target.work.latest_for_image(rec.id)
    assert report.images_imported == 1 and latest.revision == 2 and latest.supersedes == own.uuid


# ---------------------------------------------------------------- what centres have
VOC = """<annotation>
  <folder>images</folder>
  <filename>{name}</filename>
  <path>C:\\Users\\centre\\images\\{name}</path>
  <size><width>{w}</width><height>48</height><depth>3</depth></size>
  {objects}
</annotation>
"""
OBJ = "<object><name>{}</name><bndbox><xmin>{}</xmin><ymin>{}</ymin><xmax>{}</xmax><ymax>{}</ymax></bndbox></object>"


def voc(folder: Path, name: str, *objects: tuple, w: int = 64, stem: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{stem or Path(name).stem}.xml"
    body = "".join(OBJ.format(*o) for o in objects)
    path.write_text(VOC.format(name=name, w=w, objects=body), encoding="utf-8")
    return path


def test_labelimg_voc_folder_with_names_in_any_language(fresh, tmp_path: Path):
    src = tmp_path / "labelimg"
    voc(src, "img_00003.jpg", ("Tree", 1, 2, 30, 40), ("घर", 10, 10, 20, 20))
    voc(src / "more", "IMG_00005.JPG", ("cattle", 0, 0, 64, 48))  # other case, subfolder
    target = fresh()
    report = import_annotations(target, "voc", src, "Asha")
    assert report.ok, str(report)
    assert report.files_read == 2 and report.shapes_imported == 3
    assert stored(target) == {
        "img_00003.jpg": sorted(
            [
                ("box", "tree", ((1.0, 2.0), (30.0, 40.0))),
                ("box", "house", ((10.0, 10.0), (20.0, 20.0))),
            ]
        ),
        "img_00005.jpg": [("box", "cattle", ((0.0, 0.0), (64.0, 48.0)))],
    }


def test_malformed_xml_is_reported_and_the_rest_imported(fresh, tmp_path: Path):
    src = tmp_path / "labelimg"
    voc(src, "img_00001.jpg", ("tree", 1, 2, 30, 40))
    broken = voc(src, "img_00002.jpg", ("tree", 1, 2, 30, 40))
    broken.write_text(broken.read_text()[:-30])  # cut off mid-file
    bad_number = voc(src, "img_00003.jpg", ("tree", 1, 2, 30, 40), ("house", "ten", 2, 30, 40))
    target = fresh()
    report = import_annotations(target, "voc", src, "Asha")
    assert report.images_imported == 1 and list(stored(target)) == ["img_00001.jpg"]
    assert len(report.bad_files) == 2
    assert any(
        str(broken) in m and "line" in m and "not well-formed XML" in m for m in report.bad_files
    )
    assert any(str(bad_number) in m and "object 2 (house) <xmin>" in m for m in report.bad_files)
    # nothing of a bad file is stored: its first, valid box neither
    assert target.queue.by_path("img_00003.jpg").status is Status.TODO


def test_unknown_classes_are_reported_or_added(fresh, tmp_path: Path):
    src = tmp_path / "labelimg"
    voc(src, "img_00001.jpg", ("tree", 1, 2, 30, 40), ("Wild boar", 2, 2, 8, 8))
    voc(src, "img_00002.jpg", ("tree", 1, 2, 30, 40))
    target = fresh()
    report = import_annotations(target, "voc", src, "Asha")
    assert report.unknown_labels == {"Wild boar": 1}
    assert list(stored(target)) == ["img_00002.jpg"]  # never half an image's work
    assert "--add-labels" in str(report)

    report = import_annotations(target, "voc", src, "Asha", add_labels=True)
    assert report.added_labels == ["Wild boar"] and report.images_imported == 1
    assert target.taxonomy_version == 2
    assert target.taxonomy.get("wild_boar").name("en") == "Wild boar"
    assert ("box", "wild_boar", ((2.0, 2.0), (8.0, 8.0))) in stored(target)["img_00001.jpg"]


def test_images_not_found_wrong_size_and_bad_geometry_are_listed(fresh, tmp_path: Path):
    src = tmp_path / "labelimg"
    voc(src, "holiday.jpg", ("tree", 1, 2, 30, 40))
    voc(src, "img_00001.jpg", ("tree", 1, 2, 30, 40), w=640)
    voc(src, "img_00002.jpg", ("tree", 1, 2, 300, 40))
    voc(src, "img_00003.jpg", ("tree", 0, 0, 64.8, 48.5))  # a hair over the edge: kept
    target = fresh()
    report = import_annotations(target, "voc", src, "Asha")
    assert report.unmatched == ["holiday.jpg"]
    assert len(report.rejected) == 2
    assert any("640x48" in r and "64x48" in r for r in report.rejected)
    assert any("img_00002" in r and "outside the image" in r for r in report.rejected)
    assert stored(target) == {"img_00003.jpg": [("box", "tree", ((0.0, 0.0), (64.0, 48.0)))]}
    text = str(report)
    assert "no image with this name" in text and "holiday.jpg" in text


def test_a_name_that_fits_two_images_is_ambiguous_unless_folders_decide(tmp_path: Path, tax):
    root = tmp_path / "imgs"
    make_images(root / "north", 1)
    make_images(root / "south", 1, start=1)
    (root / "south" / "img_00001.jpg").rename(root / "south" / "img_00000.jpg")
    p = Project.create(tmp_path / "p.hitl", name="p", image_root=root, kind=KIND, taxonomy=tax)
    p.index.scan()
    src = tmp_path / "lm"
    src.mkdir()
    doc = {"shapes": [{"label": "tree", "points": [[1, 1], [9, 9]], "shape_type": "rectangle"}]}
    (src / "a.json").write_text(json.dumps({**doc, "imagePath": "img_00000.jpg"}))
    (src / "b.json").write_text(
        json.dumps({**doc, "imagePath": "D:\\survey\\south\\img_00000.jpg"})
    )
    report = import_annotations(p, "labelme", src, "Asha")
    assert report.ambiguous == {"img_00000.jpg": ["north/img_00000.jpg", "south/img_00000.jpg"]}
    assert list(stored(p)) == ["south/img_00000.jpg"]
    p.close()


def test_labelimg_yolo_folder_and_its_mistakes(fresh, tmp_path: Path):
    src = tmp_path / "yolo"
    src.mkdir()
    (src / "classes.txt").write_text("tree\nhouse\ncattle\n")
    (src / "img_00001.txt").write_text("0 0.5 0.5 0.25 0.5\n1 0.125 0.125 0.125 0.125\n")
    (src / "img_00002.txt").write_text("0 0.5 0.5 0.25 0.5\n1 0.5 0.5 0.25\n")  # 4 fields
    (src / "img_00003.txt").write_text("7 0.5 0.5 0.25 0.5\n")  # no class 7
    (src / "img_00004.txt").write_text("0 32 24 16 24\n")  # pixels, not fractions
    (src / "img_00099.txt").write_text("0 0.5 0.5 0.25 0.5\n")  # no such image
    target = fresh()
    report = import_annotations(target, "yolo", src, "Asha")
    assert stored(target) == {
        "img_00001.jpg": sorted(
            [
                ("box", "tree", ((24.0, 12.0), (40.0, 36.0))),
                ("box", "house", ((4.0, 3.0), (12.0, 9.0))),
            ]
        )
    }
    assert report.unmatched == ["img_00099"]
    assert len(report.bad_files) == 3
    msgs = "\n".join(report.bad_files)
    assert "img_00002.txt, line 2: 4 fields" in msgs
    assert "img_00003.txt, line 1: class 7, but the class list has only 3" in msgs
    assert "img_00004.txt, line 1: coordinates are not fractions" in msgs


def test_ultralytics_data_yaml_forms(fresh, tmp_path: Path):
    for i, names in enumerate(
        ["names: ['tree', 'house']", "names:\n  - tree\n  - house", "names:\n  0: tree\n  1: house"]
    ):
        src = tmp_path / f"y{i}"
        (src / "labels" / "train").mkdir(parents=True)
        (src / "data.yaml").write_text(f"path: .\ntrain: images/train\n{names}\n")
        (src / "labels" / "train" / "img_00002.txt").write_text("1 0.5 0.5 0.5 0.5\n")
        target = fresh(name=f"y{i}")
        report = import_annotations(target, "yolo", src, "Asha")
        assert report.ok, str(report)
        assert stored(target) == {"img_00002.jpg": [("box", "house", ((16.0, 12.0), (48.0, 36.0)))]}


def test_labelme_garbage_and_unsupported_shapes(fresh, tmp_path: Path):
    src = tmp_path / "lm"
    src.mkdir()
    (src / "garbage.json").write_text('{"shapes": [oops]}')
    circle = {
        "imagePath": "img_00002.jpg",
        "shapes": [
            {"label": "tree", "points": [[5, 5], [9, 9]], "shape_type": "rectangle"},
            {"label": "tree", "points": [[20, 20], [24, 24]], "shape_type": "circle"},
        ],
    }
    (src / "circle.json").write_text(json.dumps(circle))
    (src / "ok.json").write_text(
        json.dumps(
            {
                "imagePath": "../images/img_00003.jpg",
                "imageWidth": 64,
                "imageHeight": 48,
                "flags": {"cattle": True, "tree": False},
                "shapes": [
                    {"label": "House", "points": [[1, 1], [20, 1], [10, 15]]}
                ],  # polygon by default
            }
        )
    )
    target = fresh()
    report = import_annotations(target, "labelme", src, "Asha")
    msgs = "\n".join(report.bad_files)
    assert "garbage.json, line 1, column 13: not valid JSON" in msgs and len(report.bad_files) == 1
    got = stored(target)
    assert got["img_00003.jpg"] == sorted(
        [("polygon", "house", ((1.0, 1.0), (20.0, 1.0), (10.0, 15.0))), ("tag", "cattle", ())]
    )
    # the circle (centre 20,20 through 24,24) is a polygon tracing it, beside the rectangle
    box, circle = sorted(got["img_00002.jpg"])
    assert box == ("box", "tree", ((5.0, 5.0), (9.0, 9.0)))
    assert circle[0] == "polygon" and len(circle[2]) >= 12
    r = (4**2 + 4**2) ** 0.5
    assert all(abs(((x - 20) ** 2 + (y - 20) ** 2) ** 0.5 - r) < 1e-5 for x, y in circle[2])


def test_coco_with_a_bad_annotation_is_rejected_whole(fresh, project, tmp_path: Path):
    label(project)
    out = export(project, "coco", tmp_path / "c.json").path
    doc = json.loads(out.read_text())
    doc["annotations"][-1]["bbox"] = [1, 2, 3]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc))
    (tmp_path / "junk.json").write_bytes(b"\x00\xff garbage")
    target = fresh()
    for path in (bad, tmp_path / "junk.json"):
        report = import_annotations(target, "coco", path, "Asha")
        assert report.images_imported == 0 and len(report.bad_files) == 1
    assert "annotations[" in report.bad_files[0] or "UTF-8" in report.bad_files[0]
    report = import_annotations(target, "coco", bad, "Asha")
    assert "bbox [1, 2, 3] is not [x, y, width, height]" in report.bad_files[0]
    assert stored(target) == {}


def test_foreign_coco_polygons_become_boxes_in_a_box_project(fresh, tmp_path: Path):
    doc = {
        "images": [{"id": 7, "file_name": "train/img_00006.jpg", "width": 64, "height": 48}],
        "annotations": [
            {
                "id": 1,
                "image_id": 7,
                "category_id": 3,
                "bbox": [2, 3, 10, 10],
                "segmentation": [[2, 3, 12, 3, 7, 13]],
                "area": 50,
                "iscrowd": 0,
            },
            {
                "id": 2,
                "image_id": 7,
                "category_id": 3,
                "bbox": [20, 20, 5, 5],
                "segmentation": {"counts": "abc", "size": [48, 64]},
                "iscrowd": 1,
            },
        ],
        "categories": [{"id": 3, "name": "Cattle"}],
    }
    (tmp_path / "f.json").write_text(json.dumps(doc))
    target = fresh(kind="boxes")
    report = import_annotations(target, "coco", tmp_path / "f.json", "Asha")
    assert report.ok, str(report)
    assert stored(target) == {
        "img_00006.jpg": [
            ("box", "cattle", ((2.0, 3.0), (12.0, 13.0))),
            ("box", "cattle", ((20.0, 20.0), (25.0, 25.0))),
        ]
    }


def test_bad_format_name_and_missing_source(fresh, tmp_path: Path):
    assert set(IMPORT_FORMATS) == {"voc", "yolo", "labelme", "coco", "cvat", "labelstudio"}
    target = fresh()
    with pytest.raises(ImportFormatError, match="unknown import format 'xml'"):
        import_annotations(target, "xml", tmp_path, "Asha")
    with pytest.raises(NotFoundError, match="nothing to import"):
        import_annotations(target, "coco", tmp_path / "nope.json", "Asha")
    with pytest.raises(LabelerError, match="a worker needs a name"):
        import_annotations(target, "coco", tmp_path, "  ")


def test_exif_rotated_sizes_are_explained(tmp_path: Path, tax):
    root = tmp_path / "imgs"
    root.mkdir()
    im = Image.new("RGB", (64, 48), (10, 20, 30))
    exif = im.getexif()
    exif[0x0112] = 6  # rotate 90°: shown as 48x64
    im.save(root / "phone.jpg", exif=exif)
    p = Project.create(tmp_path / "p.hitl", name="p", image_root=root, kind=KIND, taxonomy=tax)
    p.index.scan()
    report = import_annotations(
        p, "voc", voc(tmp_path / "v", "phone.jpg", ("tree", 1, 1, 9, 9)), "A"
    )
    assert "EXIF tag (orientation 6)" in report.rejected[0]
    assert "size of the image as stored" in report.rejected[0]
    assert "--exif-view stored" in report.rejected[0]
    p.close()


def test_a_broken_class_list_is_reported_not_a_crash(fresh, tmp_path: Path):
    src = tmp_path / "y"
    src.mkdir()
    (src / "data.yaml").write_text("names:\n  first: tree\n")
    (src / "img_00001.txt").write_text("0 0.5 0.5 0.25 0.5\n")
    report = import_annotations(fresh(), "yolo", src, "Asha")
    assert report.images_imported == 0
    assert "data.yaml, names: cannot read the class list" in report.bad_files[0]
    (src / "data.yaml").unlink()
    report = import_annotations(fresh(name="f2"), "yolo", src, "Asha")
    assert "no data.yaml or classes.txt" in report.bad_files[0]
