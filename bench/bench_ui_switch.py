"""Submit -> next image painted, through the real window offscreen, on 12 MP JPEGs.

Prints JSON: warm (prefetch on) and cold (cache disabled) latency p50/p95/max in ms, a jump
deep into the list (a click on an image never prefetched) until it is painted sharp, the
same through a real click (press, 80 ms with the button down, release) from the release, RSS
after 100 and 500 images viewed, and start-up to an interactive window on the sample
project. Budgets (DESIGN.md, issue 10): warm p95 <= 16 ms, cold and jump (sharp) p95 <= 45
ms, RSS <= 150 MB. Runs on older checkouts too (for before/after figures in one sitting).

    .venv/bin/python bench/bench_ui_switch.py [--images 60] [--views 500] [--window 1600x900]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import psutil
from PIL import Image, ImageFilter

CACHE = Path(tempfile.gettempdir()) / "hitl-bench-12mp"


def make_photos(n: int) -> Path:
    """``n`` 4000x3000 JPEGs that compress like photographs (made once, then reused)."""
    CACHE.mkdir(exist_ok=True)
    for i in range(n):
        p = CACHE / f"photo_{i:03d}.jpg"
        if p.exists():
            continue
        small = Image.effect_noise((160, 120), 60 + i).convert("RGB")
        small = Image.merge(
            "RGB",
            [
                small.getchannel(0).point(lambda v, k=k, i=i: (v + 40 * k + i * 7) % 256)
                for k in range(3)
            ],
        )
        big = small.resize((4000, 3000), Image.Resampling.BICUBIC).filter(
            ImageFilter.GaussianBlur(2)
        )
        noise = Image.effect_noise((4000, 3000), 12).convert("RGB")
        Image.blend(big, noise, 0.15).save(p, "JPEG", quality=88)
    return CACHE


def percentile(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(q / 100 * (len(xs) - 1)))]


def summary(xs: list[float]) -> dict[str, float]:
    return {
        "n": len(xs),
        "p50_ms": round(statistics.median(xs), 2),
        "p95_ms": round(percentile(xs, 95), 2),
        "max_ms": round(max(xs), 2),
    }


def wait(app, cond, timeout: float = 20.0, signal=None) -> None:  # type: ignore[no-untyped-def]
    """Sleep in the event loop until ``cond()``: checked when ``signal`` fires, else every 2 ms.

    The main thread must sleep, as it does in the real app: a busy loop here would fight the
    decoding thread for the GIL and the CPU and measure the bench, not the app.
    """
    from PySide6.QtCore import QEventLoop, QTimer

    if cond():
        return
    loop = QEventLoop()
    deadline = time.perf_counter() + timeout

    def check(*_: object) -> None:
        if cond() or time.perf_counter() > deadline:
            loop.quit()

    timer = QTimer()
    timer.setInterval(200 if signal is not None else 2)
    timer.timeout.connect(check)
    timer.start()
    if signal is not None:
        signal.connect(check)
    loop.exec()
    timer.stop()
    if signal is not None:
        signal.disconnect(check)
    if not cond():
        raise TimeoutError("window did not get there in time")


def run_switches(
    folder: Path, cache_bytes: int, work: Path, size: tuple[int, int] = (1366, 768)
) -> tuple[list[float], list[float], object]:
    """Submit -> painted (ms) for each image, and submit -> the full decode painted."""
    from PySide6.QtWidgets import QApplication

    from labeler import taxonomy
    from labeler.project import Project
    from ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    project = Project.create(
        work / f"bench_{cache_bytes}.hitl",
        name="bench",
        image_root=folder,
        kind="boxes",
        taxonomy=taxonomy.from_names(["tree", "house"]),
    )
    project.index.scan()
    project.index.hash_pending()
    window = MainWindow(project, "bench", None, cache_bytes=cache_bytes)
    window.resize(*size)
    window.show()
    canvas = window.canvas
    times: list[float] = []
    sharp: list[float] = []
    wait(app, canvas.has_pixmap)
    while window.session.current is not None:
        # warm: let prefetch finish, as a worker looks at the image for a few seconds
        wait(app, lambda: not busy(window) and canvas.has_pixmap())
        before = window.session.current
        paints = canvas.paints
        t0 = time.perf_counter()
        submit_empty(window, canvas)
        if window.session.current is None:
            break
        assert window.session.current is not before
        if not canvas.has_pixmap():
            wait(app, canvas.has_pixmap, signal=window.prefetcher.ready)
        canvas.viewport().repaint()
        assert canvas.paints > paints
        times.append((time.perf_counter() - t0) * 1000)
        if not window.session.showing_full:  # a quick preview came first
            wait(app, lambda: window.session.showing_full, signal=window.prefetcher.ready)
            canvas.viewport().repaint()
        sharp.append((time.perf_counter() - t0) * 1000)
        app.processEvents()  # deferred panel updates, as the event loop would run them
    return times, sharp, (window, project)


def busy(window) -> bool:  # type: ignore[no-untyped-def]
    """Decoding still going on (older checkouts had one runner for everything)."""
    prefetcher = window.prefetcher
    return prefetcher.busy() if hasattr(prefetcher, "busy") else window.runner.busy()


def submit_empty(window, canvas) -> None:  # type: ignore[no-untyped-def]
    """The key that submits an image with nothing on it: "nothing here" (Shift+Enter) where
    an empty image needs that deliberate key, else Enter (older checkouts)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    nothing_here = "nothing_here" in getattr(window.actions, "act", {})
    mod = Qt.KeyboardModifier.ShiftModifier if nothing_here else Qt.KeyboardModifier.NoModifier
    QTest.keyClick(canvas, Qt.Key.Key_Return, mod)


def jumps(window, count: int = 20) -> list[float]:  # type: ignore[no-untyped-def]
    """A click deep in the list, on an image never decoded: until it is painted sharp (ms)."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    session, canvas, panel = window.session, window.canvas, window.queue_panel
    panel.set_filter("all")
    rows = window.project.queue.page("all", 0, 1000)
    out = []
    for i in range(count):
        rec = rows[(len(rows) // 2 + i * 7) % len(rows)]
        wait(app, lambda: not busy(window))
        window.prefetcher.forget(rec.id)  # as if never seen: nothing cached
        paints = canvas.paints
        t0 = time.perf_counter()
        panel.imageActivated.emit(rec.id)  # what a click on its row does
        wait(
            app,
            lambda: session.showing_full and canvas.has_pixmap(),
            signal=window.prefetcher.ready,
        )
        canvas.viewport().repaint()
        assert canvas.paints > paints and session.current.id == rec.id
        out.append((time.perf_counter() - t0) * 1000)
    return out


def hold(ms: int) -> None:
    """The event loop runs for ``ms`` (a button held down). Not ``QTest.qWait``: it keeps the
    GIL while it sleeps, so a decoding thread would stall behind it, as it never does in the
    app's own event loop."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def clicks(window, count: int = 20, hold_ms: int = 80) -> list[float]:  # type: ignore[no-untyped-def]
    """A real click (press, ``hold_ms`` with the button down as a person's click lasts,
    release) on a row deep in the list, an image never decoded: from the release until the
    image is painted sharp (ms). Older checkouts start decoding at the release."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    session, canvas, panel = window.session, window.canvas, window.queue_panel
    panel.set_filter("all")
    rows = panel.model.rowCount()
    out = []
    for i in range(count):
        row = (rows // 3 + i * 5) % rows
        index = panel.model.index(row)
        panel.list.scrollTo(index)  # on screen, its record read (the list reads lazily)
        app.processEvents()
        wait(app, lambda i=index: i.data(Qt.ItemDataRole.UserRole) is not None)
        image_id = int(index.data(Qt.ItemDataRole.UserRole))
        if session.current is not None and session.current.id == image_id:
            continue
        wait(app, lambda: not busy(window))
        window.prefetcher.forget(image_id)
        where = panel.list.visualRect(index).center()
        QTest.mousePress(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=where)
        hold(hold_ms)
        paints = canvas.paints
        t0 = time.perf_counter()
        QTest.mouseRelease(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=where)
        wait(
            app,
            lambda: session.showing_full and canvas.has_pixmap(),
            signal=window.prefetcher.ready,
        )
        canvas.viewport().repaint()
        assert canvas.paints > paints and session.current.id == image_id, (row, image_id)
        out.append((time.perf_counter() - t0) * 1000)
    return out


def view_many(window, views: int) -> dict[int, float]:  # type: ignore[no-untyped-def]
    """Show ``views`` images one after another (next, wrapping); RSS in MB after 100 and
    after all of them."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    session, canvas = window.session, window.canvas
    window.queue_panel.set_filter("all")
    first = window.project.queue.page("all", 0, 1)[0].id
    session.go_to(first)
    rss: dict[int, float] = {}
    for n in range(1, views + 1):
        before = session.current
        session.next()
        if session.current is before:
            session.go_to(first)
        wait(app, canvas.has_pixmap, signal=window.prefetcher.ready)
        if n in (100, views):
            wait(app, lambda: not busy(window))
            app.processEvents()
            rss[n] = round(psutil.Process().memory_info().rss / 2**20, 1)
    return rss


def decode_only(folder: Path, size: tuple[int, int]) -> list[float]:
    """Decode alone, for context: the floor under the cold figure on this machine now."""
    from ui.decode import decode_image

    out = []
    for p in sorted(folder.glob("*.jpg")):
        t0 = time.perf_counter()
        decode_image(p, size)
        out.append((time.perf_counter() - t0) * 1000)
    return out


def startup_ms() -> float:
    """A fresh process: import, open the sample project, show the window, first canvas paint."""
    code = r"""
import os, sys, time
t0 = time.perf_counter()
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from labeler.sample import create_sample_project
path = create_sample_project()
from ui.app import open_window
app, window, project = open_window([str(path), "--worker", "bench"])
while not (window.canvas.has_pixmap() and window.canvas.paints):
    app.processEvents()
print((time.perf_counter() - t0) * 1000)
window.close()
"""
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, HITL_LABELER_HOME=home)
        subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True)
        out = subprocess.run(
            [sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True
        )
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--images", type=int, default=60)
    parser.add_argument("--views", type=int, default=500)
    parser.add_argument("--window", default="1366x768", help="window size, e.g. 1920x1080")
    args = parser.parse_args()
    folder = make_photos(args.images)
    from ui.prefetch import DEFAULT_BUDGET

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["HITL_LABELER_HOME"] = tmp
        size = tuple(int(v) for v in args.window.lower().split("x"))
        warm, _, (window, project) = run_switches(folder, DEFAULT_BUDGET, Path(tmp), size)  # type: ignore[arg-type]
        jump = jumps(window)
        click = clicks(window)
        rss = view_many(window, args.views)
        window.close()
        project.close()
        cold, cold_sharp, (window2, project2) = run_switches(folder, 0, Path(tmp), size)  # type: ignore[arg-type]
        target = window2.prefetcher.target
        window2.close()
        project2.close()
    result = {
        "images": args.images,
        "window": args.window,
        "image_size": "4000x3000",
        "warm": summary(warm),
        "cold": summary(cold),
        "cold_full_decode_shown": summary(cold_sharp),
        "jump_sharp": summary(jump),
        "click_release_to_sharp": summary(click),
        "decode_only": summary(decode_only(folder, target)),
        "decode_target": f"{target[0]}x{target[1]}",
        "load_average": os.getloadavg()[0],
        "rss_mb_after_100_views": rss.get(100),
        "rss_mb_after_views": rss[args.views],
        "views": args.views,
        "cache_budget_mb": DEFAULT_BUDGET // 2**20,
        "startup_to_first_paint_ms": round(startup_ms(), 1),
    }
    print(json.dumps(result, indent=2))
    print(
        f"warm p95 {result['warm']['p95_ms']} ms (budget 16),"
        f" cold sharp p95 {result['cold_full_decode_shown']['p95_ms']} ms (budget 45),"
        f" a click deep in the list, release to sharp p95"
        f" {result['click_release_to_sharp']['p95_ms']} ms (budget 45),"
        f" a jump without a press (Enter) p95 {result['jump_sharp']['p95_ms']} ms,"
        f" RSS {result['rss_mb_after_100_views']} / {result['rss_mb_after_views']} MB after"
        f" 100 / {args.views} views (budget 150), start-up {result['startup_to_first_paint_ms']} ms"
    )


if __name__ == "__main__":
    main()
