"""Decoding an image file for the screen, off the UI thread.

Pillow's ``draft()`` asks the JPEG decoder for a reduced size (1/2, 1/4, 1/8: the DCT does
the scaling) no smaller than the image *as the canvas shows it* (fitted, aspect kept), which
is several times faster than a full decode of a 12 MP photo; the EXIF
orientation is applied so the pixels match the coordinates shapes are stored in. The result
is handed to Qt as ``QImage.Format_RGB32`` (Pillow's ``BGRX`` raw mode has that byte order),
the pixel format a ``QPixmap`` uses, so turning it into a pixmap on the main thread is cheap.

The usual target is the canvas size: at "fit to window" a larger decode would only be scaled
down again. Zooming in asks for a second, sharper decode of the same image.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError
from PySide6.QtGui import QImage

from labeler.errors import ImageProblem

DEFAULT_SCREEN = (1920, 1080)
MAX_PIXELS = 100_000_000  # a larger image is refused, not allowed to exhaust memory


@dataclass(frozen=True)
class DecodedImage:
    """Screen-sized pixels of one image; ``full_size`` is the displayed size in image pixels."""

    image: QImage
    full_size: tuple[int, int]
    pixels: bytes = b""  # the buffer ``image`` points into; kept alive with it

    @property
    def nbytes(self) -> int:
        return self.image.sizeInBytes()


def decode_image(path: str | Path, screen: tuple[int, int] = DEFAULT_SCREEN) -> DecodedImage:
    """Decode ``path`` to about screen size. Raises ``ImageProblem`` with a readable reason."""
    p = Path(path)
    try:
        with Image.open(p) as im:
            if im.width * im.height > MAX_PIXELS:
                raise ImageProblem(f"{p.name}: image too large ({im.width}x{im.height} pixels)")
            orientation = _orientation(im)
            full = (im.height, im.width) if orientation in (5, 6, 7, 8) else (im.width, im.height)
            if im.format == "JPEG":
                im.draft("RGB", draft_size(im.size, full, screen))
            im.decodermaxblock = _read_block(im)
            im.load()
            if orientation != 1:  # exif_transpose copies even an upright image: 1-2 ms
                im = ImageOps.exif_transpose(im) or im
            if im.mode != "RGB":
                im = im.convert("RGB")
            fit_w, fit_h = fitted(im.size, screen)
            if im.width >= 2 * fit_w and im.height >= 2 * fit_h:
                # non-JPEG formats have no draft mode: shrink so memory stays bounded
                im = im.reduce(max(1, min(im.width // fit_w, im.height // fit_h)))
            data = im.tobytes("raw", "BGRX")
            w, h = im.size
    except ImageProblem:
        raise
    except FileNotFoundError:
        raise ImageProblem(f"{p.name}: file not found (moved or deleted?)") from None
    except UnidentifiedImageError:
        raise ImageProblem(f"{p.name}: not an image (unknown content)") from None
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        text = str(exc)
        if "truncated" in text.lower():
            text = "truncated (the file ends before the image does; copy it again)"
        raise ImageProblem(f"{p.name}: cannot be read ({text})") from None
    qimage = QImage(data, w, h, 4 * w, QImage.Format.Format_RGB32)
    return DecodedImage(qimage, full, data)


def return_large_buffers_to_the_os() -> None:
    """Linux/glibc: allocate buffers over 1 MB with mmap, so freeing a decoded image gives its
    memory back. By default glibc raises that threshold after the first large free, and the
    pixel buffers of decoding threads then fragment the heap: RSS grew to ~500 MB in the
    benchmark instead of staying near 230 MB."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.mallopt(-3, 1 << 20)  # M_MMAP_THRESHOLD
    except (OSError, AttributeError):  # not glibc (musl): nothing to tune
        pass


def _read_block(im: Image.Image) -> int:
    """How much of the file Pillow reads per step: all of it (up to 64 MB). Between steps the
    decoding thread needs the GIL; in 64 KB steps (Pillow's default) a 2 MB photo takes ~30,
    and each can wait behind the window's own Python (the click's handler, its panels):
    a jump's p95 was 3-8 ms longer (45-49 ms against 40-42 ms in turns, 12 MP, 1366x768).
    The size comes from the file Pillow already has open."""
    try:
        size = os.fstat(im.fp.fileno()).st_size  # type: ignore[union-attr]
    except (AttributeError, OSError, ValueError):
        return ImageFile.MAXBLOCK
    return max(ImageFile.MAXBLOCK, min(size + 1, 1 << 26))


def _orientation(im: Image.Image) -> int:
    """The EXIF orientation (1: upright as stored; 5-8: turned a quarter)."""
    try:
        return int(im.getexif().get(0x0112, 1) or 1)
    except Exception:  # a broken EXIF block is not a broken image
        return 1


def fitted(size: tuple[int, int], box: tuple[int, int]) -> tuple[int, int]:
    """``size`` scaled to fit ``box``, aspect kept (what "fit to window" shows)."""
    scale = min(box[0] / max(size[0], 1), box[1] / max(size[1], 1), 1.0)
    return max(1, round(size[0] * scale)), max(1, round(size[1] * scale))


def draft_size(
    stored: tuple[int, int], displayed: tuple[int, int], screen: tuple[int, int]
) -> tuple[int, int]:
    """The size (stored orientation) a decode must still cover: the displayed image fitted
    to the canvas. A 4000x3000 photo on a 1058x738 canvas is shown 984x738, so the 1/4 DCT
    scale (1000x750) is enough - a quarter of the pixels of the 1/2 scale, which a cover of
    the whole canvas box would take."""
    w, h = fitted(displayed, screen)
    return (h, w) if stored != displayed else (w, h)
