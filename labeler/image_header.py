"""An image file's header: its size as displayed and its orientation, without decoding pixels.

A file that is not a readable image gives a ``ValueError`` whose message is the reason a
person reads in the problems list (empty, truncated, not an image, too large to open safely);
nothing a hostile file holds makes it raise anything else.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from labeler.validation import MAX_IMAGE_SIDE

_FORMATS = {"JPEG", "PNG", "WEBP", "BMP", "TIFF", "MPO"}
_ORIENTATION_TAG = 0x0112
_TRUNCATED = "truncated (the file ends before the image does; copy it again)"
TOO_LARGE = "too large to open safely"
"""More pixels than Pillow's decompression-bomb limit (about 89 million, 9459 x 9459), or a
side over the records' bound: decoding it could exhaust a 4 GB PC's memory."""


@dataclass(frozen=True)
class HeaderInfo:
    width: int
    height: int
    orientation: int
    format: str


def read_header(path: str | Path, size: int | None = None) -> HeaderInfo:
    """Dimensions as displayed (EXIF orientation applied) from the header, without decoding.

    Raises ``ValueError`` with a reason a person can read for files that are not images.
    """
    p = Path(path)
    if size is None:  # a scan passes the size it already has from listing the folder
        size = p.stat().st_size
    if size == 0:
        raise ValueError("empty file (0 bytes)")
    try:
        with Image.open(p) as im:
            fmt = im.format or "?"
            if fmt not in _FORMATS:
                raise ValueError(f"unsupported image format {fmt}")
            w, h = im.size
            orientation = 1
            if fmt in ("JPEG", "MPO", "WEBP", "TIFF", "PNG"):
                try:
                    orientation = int(im.getexif().get(_ORIENTATION_TAG, 1) or 1)
                except Exception:  # a broken EXIF block is not a broken image
                    orientation = 1
                if orientation not in range(1, 9):
                    orientation = 1
    except Image.DecompressionBombError:  # its header alone says how big: no pixels read
        w, h = _size_from_header(p)
        raise ValueError(f"{TOO_LARGE}: {w}x{h}") from None
    except UnidentifiedImageError:
        raise ValueError("not an image (the file's content is not a known image format)") from None
    except (OSError, SyntaxError) as exc:
        if "truncated" in str(exc).lower():
            raise ValueError(_TRUNCATED) from None
        raise ValueError(f"unreadable image ({exc})") from None
    except ValueError:
        raise
    except Exception as exc:  # a decoder's own failure on a hostile file: never a crash
        raise ValueError(f"unreadable image ({type(exc).__name__}: {exc})") from None
    if w < 1 or h < 1:
        raise ValueError(f"image has no pixels ({w}x{h})")
    limit = Image.MAX_IMAGE_PIXELS
    if (limit and w * h > limit) or max(w, h) > MAX_IMAGE_SIDE:
        raise ValueError(f"{TOO_LARGE}: {w}x{h}")
    if _is_truncated(p, fmt, size):
        raise ValueError(_TRUNCATED)
    if orientation in (5, 6, 7, 8):
        w, h = h, w
    return HeaderInfo(w, h, orientation, "JPEG" if fmt == "MPO" else fmt)


def _size_from_header(p: Path) -> tuple[int, int]:
    """Width and height from the header alone, for a file Pillow refuses to open because of
    its size (the format's own header parser, without Pillow's pixel-count check)."""
    Image.init()
    with open(p, "rb") as fp:
        prefix = fp.read(16)
        for fmt in ("PNG", "JPEG", "WEBP", "BMP", "TIFF"):
            factory, accept = Image.OPEN[fmt]
            if accept is None or accept(prefix) is True:
                fp.seek(0)
                try:
                    return factory(fp, str(p)).size
                except Exception:  # the next format may know it
                    continue
    return (0, 0)


def _is_truncated(p: Path, fmt: str, size: int) -> bool:
    """A cheap check of the file's tail: JPEG ends with FFD9, PNG with an IEND chunk."""
    if fmt not in ("JPEG", "MPO", "PNG"):
        return False
    with open(p, "rb") as f:
        f.seek(max(0, size - 64))
        tail = f.read()
    if fmt == "PNG":
        return b"IEND" not in tail
    return b"\xff\xd9" not in tail.rstrip(b"\x00\r\n \t")[-32:]
