"""Image → network input, and the mapping back from network pixels to image pixels.

Detectors get the image letterboxed as the YOLO exporters expect (scaled to fit, centred,
padded with grey 114); classifiers get it resized to the input size. Both load a JPEG in
draft mode at just the needed size, so a 12 MP photo is not decoded whole for a 640 px
network.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from labeler.errors import ImageProblem

PAD = 114
IMAGENET_MEAN = np.array([0.485, 0.456, 0.406], dtype=np.float32).reshape(3, 1, 1)
IMAGENET_STD = np.array([0.229, 0.224, 0.225], dtype=np.float32).reshape(3, 1, 1)
MAX_PIXELS = 200_000_000


@dataclass(frozen=True)
class Letterbox:
    """How network pixels map to image pixels: ``image = (net - pad) / scale``."""

    scale: float
    pad_x: float
    pad_y: float
    width: int  # the image as displayed (EXIF applied), full resolution
    height: int

    def to_image(self, x: float, y: float) -> tuple[float, float]:
        return (x - self.pad_x) / self.scale, (y - self.pad_y) / self.scale


def load_rgb(path: str | Path, at_least: tuple[int, int]) -> tuple[Image.Image, tuple[int, int]]:
    """The image as displayed (EXIF orientation applied), RGB, decoded no smaller than
    ``at_least`` where the format allows; and its full displayed size."""
    p = Path(path)
    try:
        with Image.open(p) as im:
            if im.width * im.height > MAX_PIXELS:
                raise ImageProblem(f"{p.name}: image too large ({im.width}x{im.height} pixels)")
            full_w, full_h = im.size
            try:
                orientation = int(im.getexif().get(0x0112, 1) or 1)
            except Exception:  # a broken EXIF block is not a broken image
                orientation = 1
            if orientation in (5, 6, 7, 8):
                full_w, full_h = full_h, full_w
            if im.format == "JPEG":
                want = at_least if orientation not in (5, 6, 7, 8) else at_least[::-1]
                im.draft("RGB", want)
            im.load()
            im = ImageOps.exif_transpose(im) or im
            return im.convert("RGB"), (full_w, full_h)
    except ImageProblem:
        raise
    except FileNotFoundError:
        raise ImageProblem(f"{p.name}: file not found (moved or deleted?)") from None
    except UnidentifiedImageError:
        raise ImageProblem(f"{p.name}: not an image (unknown content)") from None
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise ImageProblem(f"{p.name}: cannot be read ({exc})") from None


def letterbox(
    im: Image.Image, full: tuple[int, int], size: tuple[int, int]
) -> tuple[np.ndarray, Letterbox]:
    """(1, 3, H, W) float32 in 0..1, and the mapping back to full-size image pixels."""
    net_w, net_h = size
    r = min(net_w / im.width, net_h / im.height)
    new_w, new_h = max(1, round(im.width * r)), max(1, round(im.height * r))
    resized = im.resize((new_w, new_h), Image.Resampling.BILINEAR)
    canvas = Image.new("RGB", (net_w, net_h), (PAD, PAD, PAD))
    pad_x, pad_y = (net_w - new_w) // 2, (net_h - new_h) // 2
    canvas.paste(resized, (pad_x, pad_y))
    tensor = _chw(canvas)
    # network pixel = image pixel * scale + pad, for the full-size image
    scale = new_w / full[0] if full[0] else r
    return tensor, Letterbox(scale, pad_x, pad_y, full[0], full[1])


def resize_for_classifier(im: Image.Image, size: tuple[int, int], normalize: str) -> np.ndarray:
    tensor = _chw(im.resize(size, Image.Resampling.BILINEAR))
    if normalize == "imagenet":
        tensor = (tensor - IMAGENET_MEAN) / IMAGENET_STD
    return tensor.astype(np.float32, copy=False)


def _chw(im: Image.Image) -> np.ndarray:
    arr = np.asarray(im, dtype=np.float32) / 255.0
    return np.ascontiguousarray(arr.transpose(2, 0, 1)[None])
