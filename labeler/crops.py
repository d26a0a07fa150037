"""The picture a proposal carries: a small JPEG of the place the worker marked.

The server never holds the centres' images, so a worker's "none of these fit" travels with a
crop of the region she marked (the whole image when she marked none): enough for the admin
to see what the worker saw. ``make_crop`` cuts it on the PC when the proposal is made;
``check_crop`` is what every reader (the server at ingest) runs on one that arrives. Both
bound it: at most ``CROP_SIDE`` pixels on its longer side and ``MAX_CROP_BYTES`` of JPEG
(``MAX_CROP_TEXT`` characters of base64 on the wire), so a proposal still fits a bundle of
the outbox's usual size (PROTOCOL.md, "Proposals").
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import io
import math
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageOps, UnidentifiedImageError

from labeler.annotations import Shape, ShapeType
from labeler.errors import InvalidRecord

CROP_SIDE = 256
"""Pixels on the longer side of a crop the PC makes."""
MAX_CROP_BYTES = 48 * 1024
"""Bytes of JPEG a crop may have; the PC lowers quality, then size, until it fits."""
MAX_CROP_TEXT = 4 * math.ceil(MAX_CROP_BYTES / 3)
"""Characters of base64 a crop may have on the wire (65,536), checked before decoding."""
MAX_READ_SIDE = 512
"""Pixels per side a reader accepts (twice what the PC makes): a crop declaring more is
refused from its header, before any pixel is decoded."""
MAX_SOURCE_BYTES = 128 * 1024 * 1024  # an image file larger than this gets no crop
MAX_SOURCE_PIXELS = 200_000_000
QUALITIES = (80, 70, 60, 50, 40)
MARGIN = 0.2  # of the region's size, on each side
MIN_SPAN = 48.0  # image pixels: a point or a sliver is shown with at least this around it,
CONTEXT = 0.05  # ... or this share of the image's longer side, whichever is more
OUTLINE = (216, 27, 96)  # #d81b60, the region's colour on the console's drawn frame
_JPEG_MAGIC = b"\xff\xd8\xff"


@dataclass(frozen=True)
class CheckedCrop:
    """A crop that passed ``check_crop``: its JPEG bytes and size in pixels."""

    data: bytes
    width: int
    height: int


def region_box(region: Shape | None, width: int, height: int) -> tuple[float, float, float, float]:
    """The part of a ``width`` x ``height`` image a crop shows: the region's bounding box
    with a margin (at least ``MIN_SPAN`` or ``CONTEXT`` of the image wide and high, so a
    point shows its surroundings), held inside the image; the whole image when there is no
    region or it is a tag."""
    if region is None or region.type is ShapeType.TAG or not region.points:
        return 0.0, 0.0, float(width), float(height)
    x1, y1, x2, y2 = region.bbox
    cx, cy = (x1 + x2) / 2, (y1 + y2) / 2
    least = max(MIN_SPAN, CONTEXT * max(width, height))
    half_w = max((x2 - x1) * (1 + 2 * MARGIN), least) / 2
    half_h = max((y2 - y1) * (1 + 2 * MARGIN), least) / 2
    return (
        max(0.0, cx - half_w),
        max(0.0, cy - half_h),
        min(float(width), cx + half_w),
        min(float(height), cy + half_h),
    )


def make_crop(
    path: str | Path, sha256: str, width: int, height: int, region: Shape | None
) -> bytes | None:
    """A JPEG of ``region`` (with a margin) of the image at ``path``, or None when the file
    is missing, unreadable, too large, or no longer the image ``sha256`` names.

    ``width`` x ``height`` is the image as displayed (EXIF orientation applied), which is
    what the region's coordinates refer to. A JPEG is decoded in draft mode at about the
    size the crop needs, so a 12 MP photo is not decoded whole for a 256 px picture.
    """
    try:
        p = Path(path)
        if p.stat().st_size > MAX_SOURCE_BYTES:
            return None
        data = p.read_bytes()
        if hashlib.sha256(data).hexdigest() != sha256:
            return None  # the file changed since the proposal's image was hashed
        box = region_box(region, width, height)
        if box[2] - box[0] < 1 or box[3] - box[1] < 1:
            return None
        with warnings.catch_warnings():  # the pixel limit is ours (MAX_SOURCE_PIXELS)
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            cut = _cut(data, box, width, height)
        if cut is None:
            return None
        picture, to_picture = cut
        if region is not None and region.points and region.type is not ShapeType.TAG:
            _outline(picture, region, to_picture)
        return _encode(picture)
    except (OSError, SyntaxError, ValueError, UnidentifiedImageError, Image.DecompressionBombError):
        return None


Mapping = tuple[float, float, float, float]  # picture px = (image px - offset) * scale, x and y


def _cut(
    data: bytes, box: tuple[float, float, float, float], width: int, height: int
) -> tuple[Image.Image, Mapping] | None:
    """The part ``box`` of the image as displayed, at most ``CROP_SIDE`` px, and how image
    coordinates map onto it."""
    with Image.open(io.BytesIO(data)) as im:
        if im.width * im.height > MAX_SOURCE_PIXELS:
            return None
        try:
            orientation = int(im.getexif().get(0x0112, 1) or 1)
        except Exception:  # a broken EXIF block is not a broken image
            orientation = 1
        turned = orientation in (5, 6, 7, 8)
        shown_w, shown_h = (im.height, im.width) if turned else im.size
        if im.format == "JPEG":
            # decode at 1/2, 1/4 or 1/8 size when the crop is shrunk that much anyway
            shrink = max(box[2] - box[0], box[3] - box[1]) / CROP_SIDE
            factor = 1 << min(3, max(0, int(math.log2(shrink)))) if shrink >= 2 else 1
            if factor > 1:
                im.draft("RGB", (math.ceil(im.width / factor), math.ceil(im.height / factor)))
        im.load()
        shown = ImageOps.exif_transpose(im) or im
        # the record's size is the displayed one; the decoded image may be smaller (draft)
        sx = shown.width / (width or shown_w)
        sy = shown.height / (height or shown_h)
        left, top = math.floor(box[0] * sx), math.floor(box[1] * sy)
        right = min(shown.width, max(left + 1, math.ceil(box[2] * sx)))
        bottom = min(shown.height, max(top + 1, math.ceil(box[3] * sy)))
        if left >= shown.width or top >= shown.height:
            return None
        piece = shown.crop((left, top, right, bottom)).convert("RGB")
    piece.thumbnail((CROP_SIDE, CROP_SIDE), Image.Resampling.LANCZOS)
    t = piece.width / (right - left)
    return piece, (left / sx, top / sy, sx * t, sy * t)


def _outline(picture: Image.Image, region: Shape, to_picture: Mapping) -> None:
    """Draw the worker's region on the picture (the console's magenta), so the admin sees
    which thing she meant when the margin shows others."""
    ox, oy, kx, ky = to_picture
    pts = [((x - ox) * kx, (y - oy) * ky) for x, y in region.points]
    width = max(2, round(max(picture.size) / 128))
    draw = ImageDraw.Draw(picture)
    if region.type is ShapeType.BOX:
        (x1, y1), (x2, y2) = pts[0], pts[-1]
        box = (min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2))
        draw.rectangle(box, outline=OUTLINE, width=width)
    elif region.type is ShapeType.POINT:
        (x, y), r = pts[0], 3 * width
        draw.ellipse((x - r, y - r, x + r, y + r), outline=OUTLINE, width=width)
    else:  # polygon or polyline
        closed = region.type is ShapeType.POLYGON
        draw.line([*pts, pts[0]] if closed else pts, fill=OUTLINE, width=width)


def _encode(picture: Image.Image) -> bytes | None:
    """JPEG bytes within ``MAX_CROP_BYTES``: lower quality first, then a smaller picture."""
    while True:
        for quality in QUALITIES:
            out = io.BytesIO()
            picture.save(out, "JPEG", quality=quality, optimize=True)
            if out.tell() <= MAX_CROP_BYTES:
                return out.getvalue()
        if max(picture.size) <= 16:
            return None
        picture = picture.resize(
            (max(1, picture.width * 3 // 4), max(1, picture.height * 3 // 4)),
            Image.Resampling.LANCZOS,
        )


def encode_crop(data: bytes) -> str:
    """A crop as the wire carries it: standard base64 (with padding), ASCII."""
    return base64.b64encode(data).decode("ascii")


def check_crop(value: object) -> CheckedCrop:
    """A proposal's ``crop`` field as it arrives, checked: ``InvalidRecord`` saying why not.

    Its length is checked before it is decoded; the bytes must be a JPEG whose header
    declares at most ``MAX_READ_SIDE`` pixels a side (checked before any pixel is decoded,
    so a crop cannot be a decompression bomb), and that decodes whole.
    """
    if not isinstance(value, str):
        raise InvalidRecord("crop must be base64 text of a JPEG")
    if len(value) > MAX_CROP_TEXT:
        raise InvalidRecord(
            f"crop is {len(value):,} characters of base64; at most {MAX_CROP_TEXT:,}"
            f" ({MAX_CROP_BYTES // 1024} KiB of JPEG)"
        )
    try:
        data = base64.b64decode(value.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        raise InvalidRecord("crop is not valid base64") from None
    if not data.startswith(_JPEG_MAGIC):
        raise InvalidRecord("crop is not a JPEG (its first bytes are not a JPEG's)")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            im = Image.open(io.BytesIO(data), formats=["JPEG"])
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise InvalidRecord(
            f"crop declares far too many pixels; at most {MAX_READ_SIDE} a side"
        ) from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise InvalidRecord(f"crop is not a readable JPEG ({exc})"[:200]) from None
    try:
        with im:
            w, h = im.size
            if not (0 < w <= MAX_READ_SIDE and 0 < h <= MAX_READ_SIDE):
                raise InvalidRecord(
                    f"crop declares {w:,} x {h:,} pixels; at most {MAX_READ_SIDE} a side"
                )
            im.load()
    except InvalidRecord:
        raise
    except (OSError, SyntaxError, ValueError) as exc:
        raise InvalidRecord(f"crop is not a readable JPEG ({exc})"[:200]) from None
    return CheckedCrop(data, w, h)
