"""Valid files from other tools keep every valid shape: each quirk of issue 11 made here, small.

Every fixture is written by the test itself (no other project's data): a labelme file with a
self-intersecting polygon, CVAT's repeated vertices, lines and circles, YOLO names with dots,
CVAT's Darknet export with its train.txt, duplicate images, embedded images, class lists in
Hindi, EXIF-turned photos, CVAT XML and Label Studio JSON.
"""

from __future__ import annotations

import base64
import io
import json
from pathlib import Path

import pytest
from PIL import Image

from labeler import taxonomy
from labeler.annotations import Shape, ShapeType
from labeler.cli import main
from labeler.imports import import_annotations
from labeler.project import Project
from labeler.taxonomy import Taxonomy
from tests.conftest import make_images

KIND = "boxes+polygons+points+polylines+multilabel"


def project_over(tmp_path: Path, root: Path, tax: Taxonomy, kind: str = KIND, name: str = "p"):
    p = Project.create(
        tmp_path / f"{name}.hitl", name=name, image_root=root, kind=kind, taxonomy=tax
    )
    p.index.scan()
    p.index.hash_pending()
    return p


@pytest.fixture
def target(tmp_path: Path, image_dir: Path, tax: Taxonomy):
    p = project_over(tmp_path, image_dir, tax)
    yield p
    p.close()


def shapes_of(project: Project, path: str) -> list[Shape]:
    rec = project.queue.by_path(path)
    assert rec is not None, path
    sub = project.work.latest_for_image(rec.id)
    assert sub is not None, f"{path} was not imported"
    return list(sub.shapes)


def labelme_doc(image: str, *shapes: dict, **extra) -> str:
    return json.dumps(
        {
            "version": "5.4.1",
            "flags": {},
            "shapes": list(shapes),
            "imagePath": image,
            "imageData": None,
            "imageHeight": 48,
            "imageWidth": 64,
            **extra,
        }
    )


def lm(label: str, kind: str, pts: list, **extra) -> dict:
    return {
        "label": label,
        "points": pts,
        "group_id": None,
        "description": "",
        "shape_type": kind,
        "flags": {},
        **extra,
    }


# ---------------------------------------------------------------- shape by shape
def test_one_odd_polygon_no_longer_refuses_the_image(target: Project, tmp_path: Path):
    """labelme's own example has a polygon whose edges cross; CVAT repeats vertices."""
    src = tmp_path / "lm"
    src.mkdir()
    shapes = [lm("tree", "rectangle", [[1, 1], [5 + i, 5 + i]]) for i in range(9)]
    bow_tie = [[10, 10], [30, 30], [30, 10], [10, 30]]
    repeated = [[40, 5], [40, 5], [60, 5], [60, 20], [60, 20], [40, 20], [40, 5]]
    shapes += [lm("house", "polygon", bow_tie), lm("house", "polygon", repeated)]
    (src / "a.json").write_text(labelme_doc("img_00001.jpg", *shapes))
    report = import_annotations(target, "labelme", src, "Asha")
    assert report.ok, str(report)
    got = shapes_of(target, "img_00001.jpg")
    assert len(got) == 11  # all ten of labelme's and the CVAT-style one
    assert got[9] == Shape.polygon("house", [(10, 10), (30, 30), (30, 10), (10, 30)])
    assert got[10] == Shape.polygon("house", [(40, 5), (60, 5), (60, 20), (40, 20)])


def test_lines_circles_masks_and_points_shape_by_shape(target: Project, tmp_path: Path):
    src = tmp_path / "lm"
    src.mkdir()
    doc = labelme_doc(
        "img_00002.jpg",
        lm("tree", "line", [[1, 1], [20, 20]]),
        lm("tree", "linestrip", [[1, 40], [10, 30], [10, 30], [30, 40]]),
        lm("house", "circle", [[32, 24], [32, 34]]),
        lm("cattle", "points", [[3, 3], [4, 4]]),
        lm("house", "mask", [[0, 0], [4, 4]], mask="iVBORw0KGgo="),
        lm("house", "rectangle", [[70, 1], [90, 9]]),  # far outside a 64x48 image
    )
    (src / "a.json").write_text(doc)
    report = import_annotations(target, "labelme", src, "Asha")
    got = shapes_of(target, "img_00002.jpg")
    assert got[0] == Shape.polyline("tree", [(1, 1), (20, 20)])
    assert got[1] == Shape.polyline("tree", [(1, 40), (10, 30), (30, 40)])  # repeat dropped
    assert got[2].type is ShapeType.POLYGON and len(got[2].points) >= 12
    assert got[2].bbox == pytest.approx((22, 14, 42, 34), abs=1e-6)
    assert got[3:] == [Shape.point("cattle", 3, 3), Shape.point("cattle", 4, 4)]
    skipped = "\n".join(report.skipped_shapes)
    assert "shape 5 (house): a labelme mask (a bitmap) has no counterpart here" in skipped
    assert "(box 'house'): " in skipped and "outside the image" in skipped
    assert len(report.skipped_shapes) == 2 and report.images_imported == 1
    assert "2 shapes left out (the rest of their image was imported)" in str(report)
    assert "2 shapes skipped" in report.summary()


def test_a_kind_the_project_does_not_draw_is_left_out_alone(tmp_path: Path, image_dir, tax):
    boxes = project_over(tmp_path, image_dir, tax, kind="boxes", name="boxes")
    src = tmp_path / "lm"
    src.mkdir()
    doc = labelme_doc(
        "img_00003.jpg",
        lm("tree", "rectangle", [[1, 1], [9, 9]]),
        lm("tree", "linestrip", [[1, 40], [30, 40]]),
        lm("house", "polygon", [[10, 10], [30, 10], [20, 30]]),  # becomes its box
    )
    (src / "a.json").write_text(doc)
    report = import_annotations(boxes, "labelme", src, "Asha")
    assert shapes_of(boxes, "img_00003.jpg") == [
        Shape.box("tree", 1, 1, 9, 9),
        Shape.box("house", 10, 10, 30, 30),
    ]
    assert "does not draw polylines" in report.skipped_shapes[0]
    boxes.close()


def test_labelme_attributes_come_in(target: Project, tmp_path: Path):
    src = tmp_path / "lm"
    src.mkdir()
    doc = labelme_doc(
        "img_00004.jpg",
        lm(
            "tree",
            "rectangle",
            [[1, 1], [9, 9]],
            group_id=2,
            description="dry",
            flags={"a": True, "b": False},
        ),
        lm("tree", "polygon", [[10, 10], [30, 10], [20, 30]], group_id=2),
    )
    (src / "a.json").write_text(doc)
    assert import_annotations(target, "labelme", src, "Asha").ok
    box, poly = shapes_of(target, "img_00004.jpg")
    assert box.attrs == {"group_id": 2, "description": "dry", "flags": {"a": True}}
    assert poly.attrs == {"group_id": 2}


# ---------------------------------------------------------------- names
def test_yolo_names_with_dots_match(tmp_path: Path, tax: Taxonomy):
    root = tmp_path / "imgs"
    a, b = make_images(root, 2)
    a.rename(root / "frame.0001.jpg")
    Image.open(b).save(root / "test.512.512.bmp")
    b.unlink()
    p = project_over(tmp_path, root, tax)
    src = tmp_path / "yolo"
    src.mkdir()
    (src / "classes.txt").write_text("tree\nhouse\n")
    (src / "frame.0001.txt").write_text("0 0.5 0.5 0.25 0.5\n")
    (src / "test.512.512.txt").write_text("1 0.5 0.5 0.5 0.5\n")
    report = import_annotations(p, "yolo", src, "Asha")
    assert report.ok, str(report)
    assert shapes_of(p, "frame.0001.jpg") == [Shape.box("tree", 24, 12, 40, 36)]
    assert shapes_of(p, "test.512.512.bmp") == [Shape.box("house", 16, 12, 48, 36)]
    p.close()


def test_cvat_darknet_export_reads_labels_not_its_image_list(target: Project, tmp_path: Path):
    """CVAT's "YOLO 1.1" export: obj.data, obj.names, train.txt, obj_train_data/*.txt."""
    src = tmp_path / "cvat-yolo"
    (src / "obj_train_data").mkdir(parents=True)
    (src / "obj.names").write_text("tree\nhouse\ncattle\n")
    (src / "obj.data").write_text(
        "classes = 3\ntrain = data/train.txt\nnames = data/obj.names\nbackup = backup/\n"
    )
    (src / "train.txt").write_text(
        "data/obj_train_data/img_00001.jpg\ndata/obj_train_data/img_00002.jpg\n"
    )
    (src / "obj_train_data" / "img_00001.txt").write_text("2 0.5 0.5 0.25 0.5\n")
    (src / "obj_train_data" / "img_00002.txt").write_text("")
    report = import_annotations(target, "yolo", src, "Asha")
    assert report.ok and report.files_read == 2, str(report)
    assert shapes_of(target, "img_00001.jpg") == [Shape.box("cattle", 24, 12, 40, 36)]
    assert shapes_of(target, "img_00002.jpg") == []


def test_a_duplicate_image_is_named_as_such(tmp_path: Path, tax: Taxonomy):
    root = tmp_path / "imgs"
    (first,) = make_images(root, 1)
    (root / "z copy.jpg").write_bytes(first.read_bytes())  # later in the queue: the duplicate
    p = project_over(tmp_path, root, tax)
    src = tmp_path / "lm"
    src.mkdir()
    (src / "a.json").write_text(
        labelme_doc("z copy.jpg", lm("tree", "rectangle", [[1, 1], [9, 9]]))
    )
    report = import_annotations(p, "labelme", src, "Asha")
    assert report.ok and report.unmatched == [], str(report)
    assert report.duplicates == ["z copy.jpg -> img_00000.jpg"]
    assert shapes_of(p, "img_00000.jpg") == [Shape.box("tree", 1, 1, 9, 9)]
    assert "names of duplicate images (the same bytes)" in str(report)
    # both names annotated: the second is the same image annotated twice, said so
    (src / "b.json").write_text(
        labelme_doc("img_00000.jpg", lm("tree", "rectangle", [[2, 2], [9, 9]]))
    )
    report = import_annotations(p, "labelme", src, "Asha", replace=True)
    assert any("annotated twice" in r and "holds the same image" in r for r in report.rejected)
    p.close()


def _png_b64(colour: tuple[int, int, int], size=(64, 48)) -> str:
    buf = io.BytesIO()
    Image.new("RGB", size, colour).save(buf, "PNG")
    return base64.b64encode(buf.getvalue()).decode()


def test_labelme_embedded_images_are_extracted_or_found_by_their_bytes(
    target: Project, tmp_path: Path, image_dir: Path
):
    src = tmp_path / "lm"
    src.mkdir()
    new = labelme_doc(
        "C:\\data\\field_7.png",
        lm("tree", "rectangle", [[1, 1], [9, 9]]),
        imageData=_png_b64((1, 2, 3)),
    )
    (src / "field_7.json").write_text(new)
    known = image_dir / "img_00005.jpg"
    same = labelme_doc(
        "renamed.jpg",
        lm("house", "rectangle", [[2, 2], [8, 8]]),
        imageData=base64.b64encode(known.read_bytes()).decode(),
    )
    (src / "renamed.json").write_text(same)
    (src / "broken.json").write_text(
        labelme_doc("x.png", imageData=base64.b64encode(b"no image").decode())
    )
    report = import_annotations(target, "labelme", src, "Asha")
    assert report.extracted == ["field_7.png"]
    assert (image_dir / "field_7.png").read_bytes() == base64.b64decode(_png_b64((1, 2, 3)))
    assert shapes_of(target, "field_7.png") == [Shape.box("tree", 1, 1, 9, 9)]
    assert shapes_of(target, "img_00005.jpg") == [Shape.box("house", 2, 2, 8, 8)]
    assert len(report.bad_files) == 1 and "imageData is not an image" in report.bad_files[0]
    assert report.unmatched == []
    again = import_annotations(target, "labelme", src, "Asha")  # idempotent: found by bytes
    assert again.extracted == [] and len(again.unchanged) == 2


def test_class_lists_in_any_script_get_ids_that_never_collide(tmp_path: Path, image_dir):
    classes = tmp_path / "classes.txt"
    classes.write_text("पेड़\nघर\nTree\n", encoding="utf-8")
    tax = taxonomy.load(classes)
    ids = tax.ids()
    assert len(set(ids)) == 3 and ids[2] == "tree"
    assert all(i.isascii() and i.startswith("label_") for i in ids[:2])
    assert taxonomy.load(classes).ids() == ids  # the same names give the same ids, anywhere
    p = project_over(tmp_path, image_dir, tax)
    src = tmp_path / "yolo"
    src.mkdir()
    (src / "classes.txt").write_text("पेड़\nघर\nTree\n", encoding="utf-8")
    (src / "img_00001.txt").write_text("1 0.5 0.5 0.25 0.5\n")
    assert import_annotations(p, "yolo", src, "Asha").ok
    assert shapes_of(p, "img_00001.jpg")[0].label == ids[1]
    p.close()


# ---------------------------------------------------------------- the command
def test_import_annotations_exits_non_zero_with_a_summary(target: Project, tmp_path: Path, capsys):
    src = tmp_path / "lm"
    src.mkdir()
    (src / "a.json").write_text(
        labelme_doc("nowhere.jpg", lm("tree", "rectangle", [[1, 1], [9, 9]]))
    )
    args = ["import-annotations", "-p", target.path, "--format", "labelme", "--worker", "A"]
    assert main([*args, str(src)]) == 1
    out = capsys.readouterr().out.strip().splitlines()
    assert out[-1] == "labelme import: 0 images imported (0 shapes); 1 refused"
    (src / "a.json").write_text(
        labelme_doc("img_00001.jpg", lm("tree", "rectangle", [[1, 1], [9, 9]]))
    )
    assert main([*args, str(src)]) == 0
    assert capsys.readouterr().out.strip().splitlines()[-1] == (
        "labelme import: 1 images imported (1 shapes)"
    )
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main([*args, str(empty)]) == 1
    assert capsys.readouterr().out.strip().endswith("no annotation files found")


# ---------------------------------------------------------------- EXIF
@pytest.fixture
def turned(tmp_path: Path, tax: Taxonomy):
    """One photo stored 64x48 landscape and shown 48x64 portrait (EXIF orientation 6), and
    one stored upside down (orientation 3: both views 64x48)."""
    root = tmp_path / "phone"
    root.mkdir()
    for name, orientation in (("portrait.jpg", 6), ("flipped.jpg", 3)):
        im = Image.new("RGB", (64, 48), (orientation * 30, 20, 30))
        exif = im.getexif()
        exif[0x0112] = orientation
        im.save(root / name, exif=exif)
    p = project_over(tmp_path, root, tax, name="turned")
    yield p
    p.close()


def test_yolo_on_a_turned_photo_is_refused_until_told_the_view(turned: Project, tmp_path: Path):
    src = tmp_path / "yolo"
    src.mkdir()
    (src / "classes.txt").write_text("tree\n")
    # a box in the top-left quarter of the image as stored (64x48): x 0..16, y 0..12
    (src / "portrait.txt").write_text("0 0.125 0.125 0.25 0.25\n")
    report = import_annotations(turned, "yolo", src, "Asha")
    assert report.images_imported == 0 and "--exif-view" in report.rejected[0]
    assert "does not say which view" in report.rejected[0]
    report = import_annotations(turned, "yolo", src, "Asha", exif_view="stored")
    assert report.ok, str(report)
    # turned a quarter clockwise, the stored top-left is the shown top-right (48 wide)
    assert shapes_of(turned, "portrait.jpg") == [Shape.box("tree", 36, 0, 48, 16)]
    report = import_annotations(turned, "yolo", src, "Asha", exif_view="displayed", replace=True)
    assert shapes_of(turned, "portrait.jpg") == [Shape.box("tree", 0, 0, 12, 16)]


def test_voc_on_an_upside_down_photo_is_refused_until_told(turned: Project, tmp_path: Path):
    src = tmp_path / "voc"
    src.mkdir()
    (src / "flipped.xml").write_text(
        "<annotation><filename>flipped.jpg</filename><size><width>64</width>"
        "<height>48</height></size><object><name>tree</name><bndbox><xmin>0</xmin>"
        "<ymin>0</ymin><xmax>16</xmax><ymax>12</ymax></bndbox></object></annotation>"
    )
    report = import_annotations(turned, "voc", src, "Asha")
    assert report.images_imported == 0 and "orientation 3" in report.rejected[0]
    assert import_annotations(turned, "voc", src, "Asha", exif_view="stored").ok
    assert shapes_of(turned, "flipped.jpg") == [Shape.box("tree", 48, 36, 64, 48)]


def test_a_file_giving_the_shown_size_of_a_turned_photo_needs_no_telling(
    turned: Project, tmp_path: Path
):
    src = tmp_path / "lm"
    src.mkdir()
    doc = json.loads(labelme_doc("portrait.jpg", lm("tree", "rectangle", [[1, 1], [40, 60]])))
    doc["imageWidth"], doc["imageHeight"] = 48, 64  # labelme applies EXIF
    (src / "a.json").write_text(json.dumps(doc))
    assert import_annotations(turned, "labelme", src, "Asha").ok
    assert shapes_of(turned, "portrait.jpg") == [Shape.box("tree", 1, 1, 40, 60)]


# ---------------------------------------------------------------- CVAT for images
CVAT_XML = """<?xml version="1.0" encoding="utf-8"?>
<annotations>
  <version>1.1</version>
  <meta><task><name>t</name></task></meta>
  <image id="0" name="frames/img_00001.jpg" width="64" height="48">
    <box label="tree" source="manual" occluded="1" xtl="1.5" ytl="2" xbr="20" ybr="30" z_order="0" group_id="4">
      <attribute name="description">leaning</attribute>
      <attribute name="colour">green</attribute>
    </box>
    <box label="house" source="manual" occluded="0" xtl="30" ytl="10" xbr="50" ybr="20" rotation="90" z_order="0"/>
    <polygon label="house" source="manual" occluded="0" points="10,10;10,10;30,10;20,30;10,10" z_order="0"/>
    <polyline label="tree" source="manual" occluded="0" points="1,40;30,44;60,40" z_order="0"/>
    <points label="cattle" source="manual" occluded="0" points="5,5;6,7" z_order="0"/>
    <ellipse label="house" source="manual" occluded="0" cx="40" cy="30" rx="8" ry="4" z_order="0"/>
    <mask label="house" source="manual" occluded="0" rle="1, 2" left="0" top="0" width="2" height="2" z_order="0"/>
    <tag label="cattle" source="manual"/>
  </image>
</annotations>
"""


def test_cvat_for_images_xml(target: Project, tmp_path: Path):
    (tmp_path / "cvat.xml").write_text(CVAT_XML)
    report = import_annotations(target, "cvat", tmp_path / "cvat.xml", "Asha")
    got = shapes_of(target, "img_00001.jpg")
    assert got[0] == Shape.box("tree", 1.5, 2, 20, 30).with_attrs(
        {"occluded": True, "group_id": 4, "description": "leaning"}
    )
    turned = got[1]  # 20x10 box turned a quarter about its centre (40, 15): 10x20
    assert turned.type is ShapeType.POLYGON
    assert turned.bbox == pytest.approx((35, 5, 45, 25), abs=1e-6)
    assert got[2] == Shape.polygon("house", [(10, 10), (30, 10), (20, 30)])
    assert got[3] == Shape.polyline("tree", [(1, 40), (30, 44), (60, 40)])
    assert got[4:6] == [Shape.point("cattle", 5, 5), Shape.point("cattle", 6, 7)]
    assert got[6].type is ShapeType.POLYGON
    assert got[6].bbox == pytest.approx((32, 26, 48, 34), abs=1e-6)
    assert got[7] == Shape.tag("cattle")
    assert "a CVAT mask (a bitmap) has no counterpart here" in report.skipped_shapes[0]
    assert report.notes == {"CVAT attribute 'colour' (not a shape attribute here)": 1}
    video = tmp_path / "video.xml"
    video.write_text(
        "<annotations><version>1.1</version><track id='0' label='tree'/></annotations>"
    )
    report = import_annotations(target, "cvat", video, "Asha")
    assert "CVAT for video" in report.bad_files[0] and "CVAT for images 1.1" in report.bad_files[0]


# ---------------------------------------------------------------- Label Studio
def _ls_rect(rid: str, label: str, x, y, w, h, rotation=0) -> dict:
    return {
        "id": rid,
        "type": "rectanglelabels",
        "from_name": "label",
        "to_name": "image",
        "original_width": 64,
        "original_height": 48,
        "image_rotation": 0,
        "value": {
            "x": x,
            "y": y,
            "width": w,
            "height": h,
            "rotation": rotation,
            "rectanglelabels": [label],
        },
    }


def test_label_studio_every_annotator_is_a_submission(target: Project, tmp_path: Path):
    tasks = [
        {
            "id": 7,
            "data": {"image": "/data/upload/3/1a2b3c4d-img_00003.jpg"},
            "annotations": [
                {
                    "id": 1,
                    "completed_by": {"id": 1, "email": "asha@centre.in"},
                    "result": [_ls_rect("a", "tree", 25, 25, 50, 50)],
                    "was_cancelled": False,
                },
                {
                    "id": 2,
                    "completed_by": 2,
                    "result": [
                        _ls_rect("b", "house", 25, 25, 50, 50),
                        {
                            "id": "k",
                            "type": "keypointlabels",
                            "original_width": 64,
                            "original_height": 48,
                            "value": {"x": 50, "y": 50, "width": 1, "keypointlabels": ["cattle"]},
                        },
                        {"id": "c", "type": "choices", "value": {"choices": ["tree"]}},
                        {"id": "t", "type": "textarea", "value": {"text": ["note"]}},
                    ],
                    "was_cancelled": False,
                },
                {"id": 3, "completed_by": 3, "result": [], "was_cancelled": True},
            ],
            "predictions": [{"id": 9, "result": []}],
        },
        {
            "id": 8,
            "data": {"image": "/data/local-files/?d=images/img_00004.jpg"},
            "annotations": [
                {
                    "id": 4,
                    "completed_by": 1,
                    "result": [_ls_rect("r", "tree", 25, 25, 25, 25, rotation=90)],
                }
            ],
        },
    ]
    (tmp_path / "ls.json").write_text(json.dumps(tasks))
    report = import_annotations(target, "labelstudio", tmp_path / "ls.json", "Fallback")
    assert report.images_imported == 2 and report.submissions == 3, str(report)
    rec = target.queue.by_path("img_00003.jpg")
    subs = [s for s in target.work.submissions() if s.image_path == "img_00003.jpg"]
    assert [(s.worker, s.revision) for s in subs] == [
        ("asha@centre.in", 1),
        ("labelstudio-user-2", 2),
    ]
    assert list(subs[0].shapes) == [Shape.box("tree", 16, 12, 48, 36)]
    assert list(target.work.latest_for_image(rec.id).shapes) == [
        Shape.box("house", 16, 12, 48, 36),
        Shape.point("cattle", 32, 24),
        Shape.tag("tree"),
    ]
    # turned a quarter clockwise about its top-left corner (16, 12): 16 wide, 12 high
    (turned,) = shapes_of(target, "img_00004.jpg")
    assert turned.type is ShapeType.POLYGON
    assert turned.bbox == pytest.approx((4, 12, 16, 28), abs=1e-6)
    assert report.notes["cancelled (skipped) annotations"] == 1
    assert report.notes["predictions (a model's, not a person's work)"] == 1
    assert report.notes["Label Studio 'textarea' results"] == 1
    again = import_annotations(target, "labelstudio", tmp_path / "ls.json", "Fallback")
    assert again.submissions == 0 and len(again.unchanged) == 3


def test_label_studio_min_json_is_refused_with_a_hint(target: Project, tmp_path: Path):
    (tmp_path / "min.json").write_text(json.dumps([{"image": "img_00001.jpg", "label": []}]))
    report = import_annotations(target, "labelstudio", tmp_path / "min.json", "A")
    assert "export from Label Studio as JSON (not JSON-MIN" in report.bad_files[0]
