"""Start-up modes other than the normal window: ``--version``, ``--self-test``,
``--measure-startup``.

``ui.app.main`` asks ``run_mode(argv)`` first; ``--version`` answers before any window or
QApplication exists, so it works on a PC with no display at all.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import labeler


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The modes' options, on the app's own parser (so ``--help`` lists them)."""
    parser.add_argument(
        "--version", action="version", version=f"hitl-labeler {labeler.__version__}"
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation: label and submit one sample image offscreen, pack and"
        " verify a bundle, print one line, exit 0 if all is well",
    )
    parser.add_argument(
        "--self-test-sample",
        metavar="DIR",
        type=Path,
        help="with --self-test: use this sample folder (images/ and taxonomy.txt, or a"
        " *.hitl project) instead of the one installed",
    )
    parser.add_argument(
        "--measure-startup",
        action="store_true",
        help="start normally, print when the window and the first image were painted, quit",
    )


def run_mode(argv: Sequence[str] | None = None) -> int | None:
    """Run the mode named in ``argv`` and return the exit code; None for a normal start."""
    args = list(sys.argv[1:] if argv is None else argv)
    if "--version" in args or "--self-test" in args:
        _attach_console()
    if "--version" in args:
        print(f"hitl-labeler {labeler.__version__}")
        return 0
    if "--self-test" in args:
        parser = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
        parser.add_argument("--self-test-sample", type=Path)
        known, _ = parser.parse_known_args(args)
        from ui import selftest

        return selftest.run(known.self_test_sample)
    if "--measure-startup" in args:
        return measure_startup(args)
    return None


def _attach_console() -> None:
    """A Windows GUI build has no stdout; started from a console window, print there."""
    if sys.stdout is not None or os.name != "nt":
        return
    import ctypes

    if ctypes.windll.kernel32.AttachConsole(-1):  # the parent's console, if it has one
        sys.stdout = open("CONOUT$", "w", encoding="utf-8")  # noqa: SIM115 - for the process
        sys.stderr = sys.stdout


def measure_startup(argv: list[str]) -> int:
    """Open the app as usual, then print (JSON, one line) the wall-clock times at which the
    window was first painted and the first image was on screen, and quit.

    The times are epoch seconds so a benchmark that noted when it launched the process can
    subtract: that covers the interpreter, the unpacking of a frozen build and the imports.
    """
    from PySide6.QtCore import QTimer

    from ui.app import open_window

    app, window, project = open_window(argv)
    if window is None or project is None:
        print(json.dumps({"error": "no window opened"}))
        return 1
    marks: dict[str, float] = {}

    def on_paint() -> None:
        marks.setdefault("window_painted", time.time())
        if window.canvas.has_pixmap() and "image_painted" not in marks:
            marks["image_painted"] = time.time()
            QTimer.singleShot(0, finish)  # the loop is free again: the window is interactive

    def finish() -> None:
        marks["interactive"] = time.time()
        window.close()
        app.quit()

    window.canvas.painted.connect(on_paint)
    QTimer.singleShot(30_000, app.quit)  # never hang a benchmark
    app.exec()
    project.close()
    print("startup " + json.dumps(marks))
    return 0 if "interactive" in marks else 1
