"""Proposals' pictures for console tests and screenshots: a drawn scene (a road with a
bullock cart, roofs with solar panels, a leopard at the forest edge) saved as a JPEG, and
the crop a PC cuts from it with ``labeler.crops.make_crop``."""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

from PIL import Image, ImageDraw

from labeler import crops
from labeler.annotations import Shape

SIZE = (640, 480)


def scene(kind: str) -> Image.Image:
    im = Image.new("RGB", SIZE, (150, 190, 230))
    d = ImageDraw.Draw(im)
    d.rectangle((0, 250, 640, 480), fill=(120, 150, 80))  # fields
    d.polygon([(260, 480), (380, 480), (330, 250), (310, 250)], fill=(170, 150, 120))  # road
    for x in range(0, 640, 90):  # trees along the horizon
        d.ellipse((x, 190, x + 70, 270), fill=(40, 100, 45))
    if kind == "cart":
        d.rectangle((150, 130, 320, 200), fill=(130, 80, 40))  # the cart's bed
        d.ellipse((160, 180, 220, 240), outline=(60, 40, 20), width=8)  # wheels
        d.ellipse((250, 180, 310, 240), outline=(60, 40, 20), width=8)
        d.ellipse((330, 140, 400, 210), fill=(230, 230, 220))  # the ox
        d.line((320, 165, 335, 165), fill=(60, 40, 20), width=5)
    elif kind == "panel":
        d.polygon([(20, 120), (200, 120), (220, 40), (40, 40)], fill=(30, 60, 130))
        for i in range(1, 4):
            d.line((20 + 45 * i, 120, 40 + 45 * i, 40), fill=(200, 200, 210), width=2)
    elif kind == "leopard":
        d.ellipse((300, 150, 380, 200), fill=(220, 170, 60))
        d.ellipse((360, 140, 395, 170), fill=(220, 170, 60))
        for x, y in ((315, 165), (335, 175), (350, 160), (325, 185), (360, 185)):
            d.ellipse((x, y, x + 7, y + 7), fill=(50, 35, 20))
    return im


def crop_b64(kind: str, box: tuple[float, float, float, float] | None) -> str:
    """The base64 crop a PC would send for ``box`` (x1, y1, x2, y2) on the scene ``kind``."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{kind}.jpg"
        scene(kind).save(path, "JPEG", quality=90)
        sha = hashlib.sha256(path.read_bytes()).hexdigest()
        region = None if box is None else Shape.box("proposed", *box)
        data = crops.make_crop(path, sha, SIZE[0], SIZE[1], region)
    assert data is not None
    return crops.encode_crop(data)
