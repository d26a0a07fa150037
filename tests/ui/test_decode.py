"""Decoding for the screen: what the worker sees is the file as other viewers show it (EXIF
turns, grey, CMYK, progressive, other formats), and a broken file says why."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageOps

from labeler.errors import ImageProblem
from ui.decode import decode_image


def _pixels(decoded) -> np.ndarray:  # type: ignore[no-untyped-def]
    """RGB array of a decoded QImage."""
    img = decoded.image
    w, h = img.width(), img.height()
    raw = np.frombuffer(bytes(img.constBits()), np.uint8)[: h * img.bytesPerLine()]
    bgrx = raw.reshape(h, img.bytesPerLine() // 4, 4)[:, :w]
    return bgrx[:, :, 2::-1].astype(int)


def _quadrants() -> Image.Image:
    """An image no turn or mirror maps onto itself: four colours, one corner marked."""
    im = Image.new("RGB", (320, 160), (200, 30, 30))
    im.paste((20, 20, 220), (160, 0, 320, 80))
    im.paste((30, 200, 30), (0, 80, 160, 160))
    im.paste((240, 240, 240), (0, 0, 40, 40))
    return im


@pytest.mark.parametrize("orientation", range(1, 9))
def test_every_exif_orientation_is_shown_as_pillow_shows_it(
    tmp_path: Path, orientation: int
) -> None:
    path = tmp_path / f"o{orientation}.jpg"
    exif = Image.Exif()
    exif[0x0112] = orientation
    _quadrants().save(path, quality=95, exif=exif)
    with Image.open(path) as im:
        expected = np.asarray(ImageOps.exif_transpose(im).convert("RGB")).astype(int)
    d = decode_image(path, (1000, 1000))
    got = _pixels(d)
    assert got.shape == expected.shape
    assert d.full_size == (expected.shape[1], expected.shape[0])
    assert np.abs(got - expected).mean() < 3  # the same picture, up to JPEG rounding


@pytest.mark.parametrize("mode", ["L", "CMYK", "progressive", "PNG"])
def test_grey_cmyk_progressive_and_other_formats_decode_in_their_colours(
    tmp_path: Path, mode: str
) -> None:
    im = _quadrants()
    path = tmp_path / ("x.png" if mode == "PNG" else "x.jpg")
    if mode == "L":
        im = im.convert("L")
        im.save(path, quality=95)
    elif mode == "CMYK":
        im.convert("CMYK").save(path, quality=95)
    elif mode == "progressive":
        im.save(path, quality=95, progressive=True)
    else:
        im.save(path)
    expected = np.asarray(im.convert("RGB")).astype(int)
    got = _pixels(decode_image(path, (1000, 1000)))
    assert got.shape == expected.shape
    assert np.abs(got - expected).mean() < 4


def test_a_truncated_or_corrupt_jpeg_says_what_is_wrong(tmp_path: Path) -> None:
    buf = io.BytesIO()
    _quadrants().resize((1600, 800)).save(buf, "JPEG", quality=95)
    data = buf.getvalue()
    cut = tmp_path / "cut.jpg"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(ImageProblem, match="truncated"):
        decode_image(cut, (1000, 1000))
    garbled = tmp_path / "garbled.jpg"
    garbled.write_bytes(data[:400] + bytes(range(256)) * 40)
    with pytest.raises(ImageProblem, match=r"garbled\.jpg"):
        decode_image(garbled, (1000, 1000))
