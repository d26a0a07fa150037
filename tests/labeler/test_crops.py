"""A proposal's picture: cut from the image when the worker proposes, bounded, and checked
by every reader (``labeler.crops``)."""

from __future__ import annotations

import base64
import io
import os
import random
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from labeler import crops
from labeler.annotations import Shape
from labeler.errors import InvalidRecord
from labeler.project import Project
from tests.conftest import TAXONOMY_TEXT


def _photo(path: Path, size: tuple[int, int], exif_orientation: int | None = None) -> Path:
    """A noisy photo-like JPEG (noise defeats JPEG compression, as leaves and grass do) with
    a red square at (100..200, 50..150) of the image as displayed."""
    rng = random.Random(7)
    im = Image.frombytes("RGB", size, rng.randbytes(size[0] * size[1] * 3))
    ImageDraw.Draw(im).rectangle((100, 50, 200, 150), fill=(255, 0, 0))
    exif = Image.Exif()
    if exif_orientation is not None:
        # stored turned; the viewer turns it back (6: rotate 90 clockwise to display)
        im = im.transpose(Image.Transpose.ROTATE_90)
        exif[0x0112] = exif_orientation
    im.save(path, "JPEG", quality=95, exif=exif.tobytes())
    return path


@pytest.fixture
def photo_project(tmp_path: Path) -> Project:
    from labeler import taxonomy

    folder = tmp_path / "photos"
    folder.mkdir()
    _photo(folder / "big.jpg", (1600, 1200))
    _photo(folder / "turned.jpg", (800, 600), exif_orientation=6)
    p = Project.create(
        tmp_path / "p.hitl",
        name="p",
        image_root=folder,
        kind="boxes+polygons+points",
        taxonomy=taxonomy.parse(TAXONOMY_TEXT),
    )
    p.index.scan()
    p.index.hash_pending()
    return p


def _decoded(data: bytes) -> Image.Image:
    im = Image.open(io.BytesIO(data))
    im.load()
    return im


def test_a_proposal_carries_a_bounded_jpeg_of_its_region(photo_project: Project) -> None:
    p = photo_project
    rec = p.queue.by_path("big.jpg")
    assert rec is not None
    region = Shape.box("proposed", 100, 50, 200, 150)
    prop = p.work.propose(rec.id, "Bullock cart", "carts", "asha", region)
    assert prop.crop is not None and len(prop.crop) <= crops.MAX_CROP_BYTES
    im = _decoded(prop.crop)
    assert im.format == "JPEG" and max(im.size) <= crops.CROP_SIDE
    # the red square fills the middle of the picture (the region with its margin around it)
    r, g, b = im.convert("RGB").getpixel((im.width // 2, im.height // 2))
    assert r > 200 and g < 60 and b < 60
    # the whole image when no region was marked: 4:3 like the photo, within the bounds
    whole = p.work.propose(rec.id, "Goat", "no goat label", "asha")
    assert whole.crop is not None
    assert _decoded(whole.crop).size == (256, 192)
    # kept with the proposal, and on the wire as base64
    (first, second) = p.work.proposals()
    assert first.crop == prop.crop and second.crop == whole.crop
    assert base64.b64decode(first.to_dict()["crop"]) == prop.crop
    p.close()


def test_the_crop_follows_the_exif_orientation(photo_project: Project) -> None:
    p = photo_project
    rec = p.queue.by_path("turned.jpg")
    assert rec is not None and (rec.width, rec.height) == (800, 600)
    prop = p.work.propose(rec.id, "x", "y", "asha", Shape.box("proposed", 100, 50, 200, 150))
    assert prop.crop is not None
    im = _decoded(prop.crop).convert("RGB")
    r, g, b = im.getpixel((im.width // 2, im.height // 2))
    assert r > 200 and g < 60 and b < 60
    p.close()


def test_a_missing_or_changed_image_gives_a_proposal_without_a_crop(
    photo_project: Project,
) -> None:
    p = photo_project
    rec = p.queue.by_path("big.jpg")
    assert rec is not None
    os.remove(p.index.abspath("big.jpg"))
    prop = p.work.propose(rec.id, "cart", "carts", "asha")
    assert prop.crop is None and "crop" not in prop.to_dict()
    other = p.queue.by_path("turned.jpg")
    assert other is not None
    p.index.abspath("turned.jpg").write_bytes(b"not an image any more")
    assert p.work.propose(other.id, "cart", "carts", "asha").crop is None
    assert [x.crop for x in p.work.proposals()] == [None, None]
    p.close()


def test_a_crop_of_noise_is_brought_under_the_byte_limit(tmp_path: Path) -> None:
    """Pure noise at 256 px is ~100 KB at quality 80: quality, then size, come down."""
    path = _photo(tmp_path / "noise.jpg", (2000, 2000))
    import hashlib

    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    data = crops.make_crop(path, sha, 2000, 2000, None)
    assert data is not None and len(data) <= crops.MAX_CROP_BYTES
    assert crops.check_crop(crops.encode_crop(data)).data == data


def _jpeg(size: tuple[int, int] = (40, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (10, 200, 30)).save(out, "JPEG")
    return out.getvalue()


def _declaring(data: bytes, width: int, height: int) -> bytes:
    """The same JPEG with its frame header (SOF0) declaring another size."""
    i = data.index(b"\xff\xc0")
    patched = bytearray(data)
    patched[i + 5 : i + 9] = height.to_bytes(2, "big") + width.to_bytes(2, "big")
    return bytes(patched)


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (12345, "must be base64 text"),
        ("this is not base64!", "not valid base64"),
        ("ए" * 10, "not valid base64"),
        (base64.b64encode(b"GIF89a" + b"\0" * 40).decode(), "not a JPEG"),
        (base64.b64encode(b"\xff\xd8\xff" + b"\0" * 40).decode(), "not a readable JPEG"),
        (base64.b64encode(_jpeg()[:200]).decode(), "not a readable JPEG"),
        (base64.b64encode(_declaring(_jpeg(), 60000, 60000)).decode(), "far too many pixels"),
        (base64.b64encode(_declaring(_jpeg(), 2000, 30)).decode(), "2,000 x 30 pixels"),
        ("A" * (crops.MAX_CROP_TEXT + 4), "at most 65,536"),
    ],
)
def test_a_hostile_crop_is_refused_with_its_reason(value: object, reason: str) -> None:
    with pytest.raises(InvalidRecord, match=reason):
        crops.check_crop(value)


def test_a_good_crop_passes_with_its_size() -> None:
    checked = crops.check_crop(crops.encode_crop(_jpeg((40, 30))))
    assert (checked.width, checked.height) == (40, 30)


def test_a_region_is_framed_with_a_margin_and_a_point_with_its_surroundings() -> None:
    box = crops.region_box(Shape.box("x", 100, 100, 200, 150), 640, 480)
    assert box == (80.0, 90.0, 220.0, 160.0)  # 20 % of the box on each side
    x1, y1, x2, y2 = crops.region_box(Shape.point("x", 2000, 10), 4000, 3000)
    assert (x2 - x1, y1, y2) == (200.0, 0.0, 110.0)  # 5 % of 4000 px, held in the image
    assert crops.region_box(None, 640, 480) == (0.0, 0.0, 640.0, 480.0)
    assert crops.region_box(Shape.tag("x"), 640, 480) == (0.0, 0.0, 640.0, 480.0)


def test_the_region_is_outlined_on_the_picture(tmp_path: Path) -> None:
    """The margin shows other things; the worker's own box is drawn in the console's magenta."""
    import hashlib

    path = tmp_path / "grey.jpg"
    Image.new("RGB", (1000, 800), (128, 128, 128)).save(path, quality=90)
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    data = crops.make_crop(path, sha, 1000, 800, Shape.box("x", 400, 300, 600, 400))
    assert data is not None
    im = _decoded(data).convert("RGB")
    # 200x100 box, 20 % margin each side: 280x140 cut, shrunk to 256x128; the box's left
    # edge is 40 px into the cut, 36.6 px into the picture
    assert im.size == (256, 128)
    r, g, b = im.getpixel((37, 64))
    assert r > 170 and g < 90 and 50 < b < 150  # magenta
    assert im.getpixel((10, 64)) == pytest.approx((128, 128, 128), abs=6)  # the margin
    assert im.getpixel((128, 64)) == pytest.approx((128, 128, 128), abs=6)  # inside
