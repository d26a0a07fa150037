"""Language and theme switches on the real main window (sample project), offscreen.

Prints JSON: time to register the bundled fonts, and p50/p95/max of switching the running
window English <-> Hindi (translators swapped, every widget retranslated and repainted) and
calm <-> high contrast + large text (palette, stylesheet, font, repaint). No DESIGN.md budget;
the aim is "feels instant" (well under 100 ms) on a weak PC.

    .venv/bin/python bench/bench_language.py [--switches 20]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def summary(xs: list[float]) -> dict[str, float]:
    xs = sorted(xs)
    return {
        "n": len(xs),
        "p50_ms": round(statistics.median(xs), 2),
        "p95_ms": round(xs[min(len(xs) - 1, round(0.95 * (len(xs) - 1)))], 2),
        "max_ms": round(xs[-1], 2),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--switches", type=int, default=20)
    args = parser.parse_args()
    os.environ["HITL_LABELER_HOME"] = tempfile.mkdtemp(prefix="hitl-bench-lang-")

    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    from labeler.project import Project
    from labeler.sample import create_sample_project
    from ui import theme
    from ui.i18n import install_language
    from ui.main_window import MainWindow
    from ui.settings import WorkerSettings

    app = QApplication.instance() or QApplication([])
    t = time.perf_counter()
    theme.load_fonts()
    fonts_ms = (time.perf_counter() - t) * 1000
    project = Project.open(create_sample_project())
    window = MainWindow(project, "bench", WorkerSettings.load(project, "bench"))
    window.show()

    def settle() -> None:
        QCoreApplication.sendPostedEvents()  # the posted LanguageChange events
        window.repaint()

    settle()
    language, look = [], []
    for i in range(args.switches):
        t = time.perf_counter()
        install_language(app, "hi" if i % 2 == 0 else "en")
        settle()
        language.append((time.perf_counter() - t) * 1000)
    for i in range(args.switches):
        t = time.perf_counter()
        on = i % 2 == 0
        theme.apply_theme(app, large_text=on, high_contrast=on)
        settle()
        look.append((time.perf_counter() - t) * 1000)
    install_language(app, "hi")
    settle()
    assert window.menus["file"].title() != "&File", "the window did not switch to Hindi"
    window.close()
    project.close()
    result = {
        "load_fonts_ms": round(fonts_ms, 2),
        "language_switch": summary(language),
        "theme_switch": summary(look),
    }
    print(json.dumps(result))
    print(
        f"fonts {result['load_fonts_ms']} ms; language switch p95"
        f" {result['language_switch']['p95_ms']} ms; theme switch p95"
        f" {result['theme_switch']['p95_ms']} ms"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
