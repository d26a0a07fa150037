"""The main window switched to Hindi: texts from the real .qm, a screenshot with Devanagari."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QTranslator
from PySide6.QtGui import QImage, QTextLayout
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from labeler.project import Project
from tests.ui.app_look import restore_look_fixture  # noqa: F401 (a fixture)
from ui import theme
from ui.i18n import translation_file
from ui.main_window import MainWindow
from ui.settings import WorkerSettings

MENUS = {"file": "&File", "edit": "&Edit", "image": "&Image", "view": "&View", "help": "&Help"}
ACTIONS = {"submit": "Submit and go to the next image", "skip": "Skip this image…"}


def hindi() -> QTranslator:
    t = QTranslator()
    assert t.load(translation_file("hi"))
    return t


def distinct_colours(image: QImage, step: int = 4) -> int:
    return len(
        {
            image.pixel(x, y)
            for x in range(0, image.width(), step)
            for y in range(0, image.height(), step)
        }
    )


def fonts_used(text: str, app: QApplication) -> set[str]:
    """Families Qt actually shapes ``text`` with in the app font (fallbacks included)."""
    layout = QTextLayout(text, app.font())
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    used = set()
    for run in layout.glyphRuns():
        assert 0 not in run.glyphIndexes(), f"{text!r}: a glyph is missing (tofu)"
        used.add(run.rawFont().familyName())
    return used


def test_main_window_switches_to_hindi_and_renders_devanagari(
    qtbot: QtBot, project: Project, restore_look: QApplication, tmp_path: Path
) -> None:
    app = restore_look
    theme.load_fonts()
    settings = WorkerSettings.load(project, "Asha")
    window = MainWindow(project, "Asha", settings)
    try:
        check_hindi_window(window, qtbot, project, app, tmp_path)
    finally:  # gone before the project closes: no late LanguageChange may reach a closed file
        window.close()
        with qtbot.waitSignal(window.destroyed, timeout=5000):
            window.deleteLater()


def check_hindi_window(
    window: MainWindow, qtbot: QtBot, project: Project, app: QApplication, tmp_path: Path
) -> None:
    settings = window.settings
    window.show()
    qtbot.waitUntil(lambda: window.session.current is not None, timeout=10_000)
    assert [window.menus[k].title() for k in MENUS] == list(MENUS.values())
    english_shot = window.menuBar().grab().toImage()

    window.apply_settings(replace(settings, language="hi"))  # what the settings dialog does
    hi = hindi()
    menus = [hi.translate("MainWindow", source) for source in MENUS.values()]
    actions = [hi.translate("Actions", source) for source in ACTIONS.values()]
    assert all(menus) and all(actions) and menus[0] != "&File"
    qtbot.waitUntil(lambda: [window.menus[k].title() for k in MENUS] == menus, timeout=3000)
    assert [window.actions[k].text() for k in ACTIONS] == actions
    assert window.actions["submit"].text() == "जमा करें और अगले चित्र पर जाएँ"
    assert window.windowTitle().startswith(hi.translate("MainWindow", "HITL Labeler — %1")[:4])
    assert WorkerSettings.load(project, "Asha").language == "hi"  # kept for this worker

    for text in (*menus, *actions):  # shaped with the bundled font, no missing glyphs
        assert theme.DEVANAGARI_FAMILY in fonts_used(text.replace("&", ""), app)

    shot = tmp_path / "main_window_hi.png"
    assert window.grab().save(str(shot))
    image = QImage(str(shot))
    assert image.width() >= 800 and image.height() >= 500
    assert distinct_colours(image) > 50  # a drawn window, not a blank rectangle
    hindi_bar = window.menuBar().grab().toImage()
    assert hindi_bar != english_shot  # the menu bar really shows different (Hindi) text
    assert distinct_colours(hindi_bar, step=1) > 10  # anti-aliased glyphs, not an empty bar
