"""The window on a centre's netbook: 1024x600, Hindi, large text; every panel on the screen.

The screen is an offscreen screen of that size (``QT_QPA_PLATFORM=offscreen:configfile=``),
which needs its own process; ``layout_probe`` opens the app there as a worker would.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def probe(tmp_path: Path, size: tuple[int, int], language: str, large: bool, contrast: bool):  # type: ignore[no-untyped-def]
    screen = {"name": "netbook", "x": 0, "y": 0, "width": size[0], "height": size[1]}
    screen |= {"logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    env = dict(
        os.environ,
        QT_QPA_PLATFORM=f"offscreen:configfile={config}",
        HITL_LABELER_HOME=str(tmp_path / "home"),
        PYTHONPATH=str(ROOT),
    )
    args = [
        sys.executable,
        "-m",
        "tests.ui.layout_probe",
        language,
        str(int(large)),
        str(int(contrast)),
    ]
    out = subprocess.run(args, env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def inside(rect: list[int], screen: list[int]) -> bool:
    x, y, w, h = rect
    sx, sy, sw, sh = screen
    return w > 0 and h > 0 and x >= sx and y >= sy and x + w <= sx + sw and y + h <= sy + sh


@pytest.mark.parametrize(
    ("size", "language", "large", "contrast"),
    [
        ((1024, 600), "hi", True, False),
        ((1024, 600), "hi", True, True),
        ((1024, 600), "en", True, False),
        ((1366, 768), "en", False, False),
    ],
)
def test_every_panel_is_on_the_screen(
    tmp_path: Path, size: tuple[int, int], language: str, large: bool, contrast: bool
) -> None:
    got = probe(tmp_path, size, language, large, contrast)
    screen = got["screen"]
    assert screen == [0, 0, *size]
    assert got["maximised"] and inside(got["frame"], screen)
    for name, rect in got["panels"].items():
        assert got["visible"][name], f"{name} is hidden"
        assert inside(rect, screen), f"{name} at {rect} is not inside the screen {screen}"
    assert got["panels"]["canvas"][2] >= size[0] // 2  # the image keeps most of the room
    assert not got["overflow"]["image_bar"]  # Submit, Nothing here, Skip, None fit: all shown
    # the short counts are whole beside a long sync message, which is the part shortened
    elided = got["status_elided"]
    assert not (elided["worker"] or elided["today"] or elided["progress"]), elided
    assert elided["sync"]
    if language == "hi":
        assert got["menu_title"].startswith("फ़ाइल")
