"""A screenshot script runs itself again in a child process on an offscreen screen of a centre
PC's size (``scripts/screenshots.py``, ``scripts/station_screenshots.py``).

Qt reads the screen size once per process, so every size needs its own process; each child
also gets a fresh per-user folder (``HITL_LABELER_HOME``) and this checkout on its path.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def screen_config(width: int, height: int, folder: Path) -> str:
    """The ``QT_QPA_PLATFORM`` value for one offscreen screen of this size at 96 dpi."""
    config = folder / f"screen_{width}x{height}.json"
    screen = {"name": "centre-pc", "x": 0, "y": 0, "width": width, "height": height}
    screen |= {"logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
    config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    return f"offscreen:configfile={config}"


def run_on_screen(
    script: str,
    args: list[str],
    size: tuple[int, int],
    *,
    x11: bool = False,
    timeout: float | None = None,
) -> None:
    """``python script *args`` on a ``size`` screen (``x11``: on ``$DISPLAY`` instead)."""
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, HITL_LABELER_HOME=home, PYTHONPATH=str(ROOT))
        if not x11:
            env["QT_QPA_PLATFORM"] = screen_config(*size, Path(home))
        subprocess.run([sys.executable, script, *args], env=env, check=True, timeout=timeout)
