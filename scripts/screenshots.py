"""Screenshots of the main window for the README, and for looking at small screens.

    .venv/bin/python scripts/screenshots.py                     # the README's shots
    .venv/bin/python scripts/screenshots.py --look /tmp/shots   # every screen, language, look
    .venv/bin/python scripts/screenshots.py --look /tmp/shots --dialog flag  # with a dialog open

Each shot is taken in a child process whose (offscreen) screen has the size of a centre PC's
screen, with the sample project opened the way the app opens it (``ui.app.open_window``: the
window placed inside the screen, maximised when small), a worker in the chosen language,
text size and contrast, and two boxes drawn (``--dialog flag``: then "ask the supervisor"
open over the window, a reason chosen and words typed). With ``--x11`` the child draws on the real X
display instead (run it under Xvfb with a window manager to see decorations too).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from offscreen_screen import run_on_screen

ROOT = Path(__file__).resolve().parent.parent
README_SHOTS = [  # (file, screen, language, large text, high contrast[, dialog])
    ("main_window_en.png", "1366x768", "en", False, False),
    ("main_window_hi.png", "1366x768", "hi", False, False),
    ("main_window_hi_1024x600_large.png", "1024x600", "hi", True, False),
    ("ask_supervisor_hi_1024x600_large.png", "1024x600", "hi", True, False, "flag"),
]
LOOKS = [
    (
        f"{size}_{lang}{'_large' if large else ''}{'_contrast' if contrast else ''}.png",
        size,
        lang,
        large,
        contrast,
    )
    for size in ("1366x768", "1024x600")
    for lang in ("en", "hi")
    for large, contrast in ((False, False), (True, False), (True, True))
]


def shoot(
    out: Path, size: str, lang: str, large: bool, contrast: bool, x11: bool, dialog: str = ""
) -> None:
    w, h = (int(v) for v in size.split("x"))
    args = ["--child", str(out), lang, str(int(large)), str(int(contrast)), dialog]
    run_on_screen(__file__, args, (w, h), x11=x11, timeout=180)


def child(out: Path, lang: str, large: bool, contrast: bool, dialog: str = "") -> None:
    """In the child: the sample project, this look, two boxes, then a grab of the window."""
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from labeler.project import Project
    from labeler.sample import create_sample_project
    from ui.app import open_window
    from ui.settings import WorkerSettings

    path = create_sample_project()
    with Project.open(path) as project:
        project.add_worker("Asha")
        WorkerSettings(language=lang, large_text=large, high_contrast=contrast).save(
            project, "Asha"
        )
    app, window, _project = open_window([str(path), "--worker", "Asha"])
    assert window is not None
    QTest.qWaitForWindowExposed(window)
    canvas = window.canvas
    while not canvas.has_pixmap():
        app.processEvents()
    QTest.qWait(300)
    w, h = canvas.image_size
    vp = canvas.viewport()
    for label_key, (x1, y1, x2, y2) in (
        (Qt.Key.Key_2, (0.25, 0.45, 0.39, 0.71)),  # house
        (Qt.Key.Key_3, (0.22, 0.6, 0.33, 0.78)),  # cattle
    ):
        QTest.keyClick(canvas, label_key)
        a = canvas.mapFromScene(QPointF(w * x1, h * y1))
        b = canvas.mapFromScene(QPointF(w * x2, h * y2))
        QTest.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, a)
        QTest.mouseMove(vp, (a + b) / 2)
        QTest.mouseMove(vp, b)
        QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, b)
    QTest.keyClick(canvas, Qt.Key.Key_1)  # the next box: tree, as the indicator shows
    QTest.qWait(300)
    QApplication.processEvents()
    if dialog == "flag":
        grab_with_flag_dialog(window, out)
    else:
        window.grab().toImage().save(str(out))
    window.close()
    small_png(out)


def grab_with_flag_dialog(window, out: Path) -> None:  # type: ignore[no-untyped-def]
    """Q opens "ask the supervisor"; reason 2 and a few words, then the window with the
    dialog painted where it stands (an offscreen screen has no desktop to grab)."""
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtGui import QPainter
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from ui.dialogs.flag_dialog import FlagDialog

    def answer() -> None:
        d = QApplication.activeModalWidget()
        if not isinstance(d, FlagDialog):
            QTimer.singleShot(20, answer)
            return
        QTest.keyClick(d, Qt.Key.Key_2)
        d.words.insert("दो गायें, एक के पीछे एक" if "hi" in str(out) else "two cows, one behind")
        QTest.qWait(300)
        image = window.grab().toImage()
        painter = QPainter(image)
        painter.drawPixmap(d.geometry().topLeft() - window.geometry().topLeft(), d.grab())
        painter.end()
        image.save(str(out))
        d.reject()

    QTimer.singleShot(0, answer)
    QTest.keyClick(window.canvas, Qt.Key.Key_Q)


def small_png(path: Path) -> None:
    """A screenshot in 256 colours: a fifth of the bytes, the same to the eye."""
    from PIL import Image

    with Image.open(path) as im:
        small = im.convert("RGB").quantize(256, method=Image.Quantize.MEDIANCUT)
    small.save(path, optimize=True)


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        _, _, out, lang, large, contrast, dialog = sys.argv
        child(Path(out), lang, large == "1", contrast == "1", dialog)
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images")
    parser.add_argument("--look", type=Path, help="every screen, language and look, here")
    parser.add_argument("--x11", action="store_true", help="draw on $DISPLAY (Xvfb)")
    parser.add_argument("--dialog", choices=["flag"], help="with --look: this dialog open")
    args = parser.parse_args()
    folder = args.look or args.out
    folder.mkdir(parents=True, exist_ok=True)
    looks = [(*look, args.dialog or "") for look in LOOKS] if args.look else README_SHOTS
    for name, size, lang, large, contrast, *dialog in looks:
        shoot(folder / name, size, lang, large, contrast, args.x11, *dialog)
        print(folder / name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
