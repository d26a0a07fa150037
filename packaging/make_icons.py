"""Draw the app icon with Pillow: PNGs for Linux and the window, an .ico for Windows.

The icon is drawn once at 1024 px and scaled down, so every size comes from the same shapes.
Run it only when the design changes; its output in ``resources/icons/`` is committed.

    .venv/bin/python packaging/make_icons.py
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parent.parent / "resources" / "icons"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
BASE = 1024

TEAL = (0, 105, 92, 255)
SKY = (178, 223, 219, 255)
HILL = (46, 125, 50, 255)
SUN = (255, 202, 40, 255)
BOX = (255, 112, 67, 255)
WHITE = (255, 255, 255, 255)


def draw(size: int = BASE) -> Image.Image:
    """A photo (sky, sun, hill) on a teal tile, with an orange labeling box and tag."""
    s = size / 1024
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle((32 * s, 32 * s, 992 * s, 992 * s), radius=200 * s, fill=TEAL)
    # the photo
    photo = (170 * s, 230 * s, 854 * s, 794 * s)
    d.rounded_rectangle(photo, radius=40 * s, fill=WHITE)
    inner = (210 * s, 270 * s, 814 * s, 754 * s)
    d.rectangle(inner, fill=SKY)
    d.ellipse((600 * s, 320 * s, 720 * s, 440 * s), fill=SUN)
    d.polygon(
        [
            (210 * s, 754 * s),
            (210 * s, 600 * s),
            (420 * s, 470 * s),
            (640 * s, 620 * s),
            (814 * s, 540 * s),
            (814 * s, 754 * s),
        ],
        fill=HILL,
    )
    # the labeling box around the hill top, with its label tag
    w = max(1, round(36 * s))
    d.rectangle((300 * s, 430 * s, 560 * s, 690 * s), outline=BOX, width=w)
    d.rectangle((300 * s, 360 * s, 470 * s, 430 * s), fill=BOX)
    return img


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    big = draw()
    for n in PNG_SIZES:
        big.resize((n, n), Image.Resampling.LANCZOS).save(OUT / f"hitl-labeler-{n}.png")
    # each .ico frame scaled from the big drawing (sharper than Pillow rescaling one frame)
    frames = [big.resize((n, n), Image.Resampling.LANCZOS) for n in reversed(ICO_SIZES)]
    frames[0].save(
        OUT / "hitl-labeler.ico",
        sizes=[(n, n) for n in ICO_SIZES],
        append_images=frames[1:],
    )
    print(f"icons written to {OUT}")


if __name__ == "__main__":
    main()
