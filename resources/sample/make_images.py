"""Draw the sample project's images: simple village scenes, made with Pillow, free to use.

Run once to regenerate ``images/`` (the committed JPEGs are its output, seed 7).
"""

import random
from pathlib import Path

from PIL import Image, ImageDraw

W, H = 960, 640


def scene(rng: random.Random) -> Image.Image:
    im = Image.new("RGB", (W, H), (135 + rng.randint(-20, 20), 190, 235))
    d = ImageDraw.Draw(im)
    horizon = rng.randint(300, 400)
    d.rectangle([0, horizon, W, H], fill=(110 + rng.randint(-20, 20), 150, 70))
    if rng.random() < 0.4:  # a pond
        x = rng.randint(50, 600)
        d.ellipse([x, horizon + 80, x + rng.randint(150, 300), horizon + 160], fill=(60, 110, 170))
    for _ in range(rng.randint(0, 4)):  # trees
        x = rng.randint(20, W - 120)
        y = rng.randint(horizon - 40, horizon + 60)
        d.rectangle([x + 40, y, x + 60, y + 90], fill=(100, 70, 40))
        d.ellipse([x, y - 110, x + 100, y + 20], fill=(40, 120 + rng.randint(-30, 30), 50))
    for _ in range(rng.randint(0, 2)):  # houses
        x = rng.randint(20, W - 200)
        y = rng.randint(horizon - 60, horizon + 40)
        d.rectangle([x, y, x + 150, y + 110], fill=(200, 170, 120))
        d.polygon([(x - 15, y), (x + 75, y - 70), (x + 165, y)], fill=(150, 60, 40))
        d.rectangle([x + 60, y + 50, x + 90, y + 110], fill=(90, 60, 30))
    for _ in range(rng.randint(0, 3)):  # cattle
        x = rng.randint(20, W - 140)
        y = rng.randint(horizon + 60, H - 90)
        d.ellipse([x, y, x + 110, y + 55], fill=(230, 230, 225))
        d.ellipse([x + 90, y - 15, x + 135, y + 25], fill=(230, 230, 225))
        for lx in (x + 15, x + 80):
            d.rectangle([lx, y + 45, lx + 10, y + 85], fill=(200, 200, 195))
    for _ in range(rng.randint(0, 2)):  # people
        x = rng.randint(20, W - 40)
        y = rng.randint(horizon + 20, H - 140)
        d.ellipse([x, y, x + 26, y + 26], fill=(120, 80, 50))
        d.rectangle(
            [x + 3, y + 26, x + 23, y + 90], fill=rng.choice([(200, 40, 60), (240, 180, 30)])
        )
    return im


def main() -> None:
    rng = random.Random(7)
    out = Path(__file__).parent / "images"
    out.mkdir(exist_ok=True)
    for i in range(1, 37):
        scene(rng).save(out / f"village_{i:02d}.jpg", quality=80)


if __name__ == "__main__":
    main()
