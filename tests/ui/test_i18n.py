"""Language, fonts and theme: Hindi from the real .qm files, Devanagari from the bundled font."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtGui import QFont, QFontDatabase, QPalette, QRawFont
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from labeler.project import Project
from labeler.resources import resource
from tests.ui.app_look import restore_look_fixture  # noqa: F401 (a fixture)
from ui import theme
from ui.i18n import LANGUAGES, current_language, install_language, translation_file
from ui.new_project_dialog import NewProjectDialog
from ui.settings import AppState, WorkerSettings
from ui.settings_dialog import SettingsDialog
from ui.start_screen import StartScreen
from ui.worker_dialog import WorkerDialog

KEY_NAMES = re.compile(r"^[A-Z][a-z]*( ?[+,] ?[A-Z][a-z]*)*$")  # "Esc", "Tab, Shift + Tab"
HINDI_SAMPLE = "जमा करें छोड़ें इनमें से कोई नहीं कौन काम कर रहा है?"


def qm(lang: str):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QTranslator

    t = QTranslator()
    assert t.load(translation_file(lang)), f"cannot load {translation_file(lang)}"
    return t


def ts_messages(lang: str) -> list[tuple[str, ET.Element]]:
    root = ET.parse(resource("translations", f"hitl_{lang}.ts")).getroot()
    return [(c.findtext("name") or "", m) for c in root.iter("context") for m in c.iter("message")]


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_compiled_catalogue_exists_for_every_language(lang: str) -> None:
    path = resource("translations", f"hitl_{lang}.qm")
    assert path.is_file() and path.stat().st_size > 1000
    assert not qm(lang).isEmpty()


def test_every_hindi_string_is_translated_with_its_placeholders() -> None:
    messages = ts_messages("hi")
    assert len(messages) > 50
    placeholder = re.compile(r"\{[A-Za-z_0-9]*\}|%n|%L?\d")
    for context, m in messages:
        source = m.findtext("source") or ""
        tr = m.find("translation")
        assert tr is not None and tr.get("type") is None, f"{context}: {source!r} unfinished"
        forms = [f.text or "" for f in tr.findall("numerusform")] or [tr.text or ""]
        for form in forms:
            assert form.strip(), f"{context}: {source!r} has an empty translation"
            assert sorted(placeholder.findall(form)) == sorted(placeholder.findall(source))
        key_name = KEY_NAMES.match(source) or context == "QShortcut"
        if not key_name and "HITL" not in source and "*." not in source:
            assert re.search("[\u0900-\u097f]", forms[0]), f"{source!r} not in Devanagari"


def test_english_catalogue_covers_every_string() -> None:
    hindi = {(c, m.findtext("source")) for c, m in ts_messages("hi")}
    english = {(c, m.findtext("source")) for c, m in ts_messages("en")}
    assert hindi == english
    assert all(m.find("translation").get("type") is None for _, m in ts_messages("en"))


def test_unknown_language_falls_back_to_english(restore_look: QApplication) -> None:
    install_language(restore_look, "xx")
    assert current_language() == "en"
    install_language(restore_look, "hi")
    assert current_language() == "hi"


def test_switching_to_hindi_retranslates_open_dialogs(
    qtbot: QtBot, project: Project, restore_look: QApplication
) -> None:
    app = restore_look
    hi = qm("hi")
    start, worker = StartScreen(AppState()), WorkerDialog(project, AppState())
    new, settings = NewProjectDialog(), SettingsDialog(WorkerSettings())
    for w in (start, worker, new, settings):
        qtbot.addWidget(w)
        w.show()
    checks = [
        ("StartScreen", start.new_button.text),
        ("StartScreen", start.sample_button.text),
        ("StartScreen", start.title_label.text),
        ("WorkerDialog", worker.windowTitle),
        ("WorkerDialog", worker.add_button.text),
        ("NewProjectDialog", new.create_button.text),
        ("NewProjectDialog", lambda: new.kind_combo.itemText(0)),
        ("NewProjectDialog", new.typed_radio.text),
        ("SettingsDialog", settings.large_text_check.text),
        ("SettingsDialog", settings.windowTitle),
    ]
    english = [read() for _, read in checks]
    cancel = settings.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    assert cancel.text() == "Cancel"

    install_language(app, "hi")  # Qt posts LanguageChange to every window
    hindi = [
        hi.translate(context, source) for (context, _), source in zip(checks, english, strict=True)
    ]
    for (context, _), source, expected in zip(checks, english, hindi, strict=True):
        assert expected and expected != source, f"{context}: {source!r} has no Hindi"
    qtbot.waitUntil(lambda: [read() for _, read in checks] == hindi, timeout=3000)
    assert cancel.text() == hi.translate("QPlatformTheme", "Cancel") == "रद्द करें"
    assert worker.windowTitle() == "कौन काम कर रहा है?"

    install_language(app, "en")
    qtbot.waitUntil(lambda: [read() for _, read in checks] == english, timeout=3000)


def test_settings_dialog_previews_and_cancel_restores(
    qtbot: QtBot, restore_look: QApplication
) -> None:
    app = restore_look
    theme.apply_theme(app, large_text=False, high_contrast=False)
    normal_size = app.font().pointSizeF()
    dialog = SettingsDialog(WorkerSettings())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("hi"))
    dialog.large_text_check.setChecked(True)
    dialog.high_contrast_check.setChecked(True)
    assert current_language() == "hi"
    hindi = qm("hi").translate("SettingsDialog", "L&arge text")
    qtbot.waitUntil(lambda: dialog.large_text_check.text() == hindi, timeout=3000)
    assert app.font().pointSizeF() > normal_size * 1.3
    assert app.palette().color(QPalette.ColorRole.Window).name() == "#000000"
    assert dialog.settings == WorkerSettings(language="hi", large_text=True, high_contrast=True)

    dialog.reject()
    assert current_language() == "en"
    assert app.font().pointSizeF() == normal_size
    assert app.palette().color(QPalette.ColorRole.Window).name() != "#000000"
    assert dialog.settings == WorkerSettings()


def test_settings_dialog_accept_gives_the_new_settings(
    qtbot: QtBot, restore_look: QApplication
) -> None:
    before = WorkerSettings(language="hi", last_image_id=42)
    dialog = SettingsDialog(before)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.language_combo.currentData() == "hi"
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("en"))
    dialog.large_text_check.setChecked(True)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.settings == WorkerSettings(language="en", large_text=True, last_image_id=42)
    assert before == WorkerSettings(language="hi", last_image_id=42)  # not changed in place


def test_bundled_font_renders_devanagari(restore_look: QApplication) -> None:
    families = theme.load_fonts()
    assert theme.DEVANAGARI_FAMILY in families
    assert theme.DEVANAGARI_FAMILY in QFontDatabase.families(QFontDatabase.WritingSystem.Devanagari)
    raw = QRawFont.fromFont(
        QFont(theme.DEVANAGARI_FAMILY, 14), QFontDatabase.WritingSystem.Devanagari
    )
    assert raw.isValid() and raw.familyName() == theme.DEVANAGARI_FAMILY
    for ch in HINDI_SAMPLE.replace(" ", "").replace("?", ""):
        assert raw.supportsCharacter(ord(ch)), f"{ch!r} has no glyph"
    assert 0 not in raw.glyphIndexesForString(HINDI_SAMPLE.replace(" ", ""))
    theme.apply_theme(restore_look, large_text=False, high_contrast=False)
    assert theme.DEVANAGARI_FAMILY in restore_look.font().families()  # fallback for every text
    assert (resource("fonts") / "OFL.txt").is_file()


def test_high_contrast_and_large_text(restore_look: QApplication) -> None:
    app = restore_look
    theme.apply_theme(app, large_text=False, high_contrast=False)
    calm = app.palette()
    small = app.font().pointSizeF()
    assert calm.color(QPalette.ColorRole.Window).lightness() > 200  # light, not glaring white
    assert calm.color(QPalette.ColorRole.Window).name() != "#ffffff"
    theme.apply_theme(app, large_text=True, high_contrast=True)
    hc = app.palette()
    assert hc.color(QPalette.ColorRole.Window).name() == "#000000"
    assert hc.color(QPalette.ColorRole.WindowText).name() == "#ffffff"
    assert hc.color(QPalette.ColorRole.Highlight).name() == "#ffff00"
    assert ":focus" in app.styleSheet() and "4px solid #ffff00" in app.styleSheet()
    assert app.font().pointSizeF() == pytest.approx(small * theme.LARGE_TEXT_FACTOR, abs=0.1)
    theme.apply_theme(app, large_text=False, high_contrast=False)
    assert app.styleSheet() == theme.CALM_STYLE and app.font().pointSizeF() == small
    assert "QToolButton:checked" in theme.HIGH_CONTRAST_STYLE  # the active tool shows


def test_error_text_stays_readable_in_high_contrast(
    qtbot: QtBot, restore_look: QApplication
) -> None:
    from ui.error_label import ON_DARK, ON_LIGHT, ErrorLabel

    theme.apply_theme(restore_look, large_text=False, high_contrast=False)
    label = ErrorLabel()
    qtbot.addWidget(label)
    label.show_message("This folder does not exist")
    label.show()
    assert label.palette().color(QPalette.ColorRole.WindowText).name() == ON_LIGHT
    theme.apply_theme(restore_look, large_text=False, high_contrast=True)
    qtbot.waitUntil(
        lambda: label.palette().color(QPalette.ColorRole.WindowText).name() == ON_DARK,
        timeout=3000,
    )
    label.show_message("")
    assert label.isHidden()


def test_catalogue_lists_every_string_of_the_sources(tmp_path: Path) -> None:
    """A new ``tr()`` string needs ``resources/translations/update.py`` run (and translated)."""
    spec = importlib.util.spec_from_file_location(
        "update_translations", resource("translations", "update.py")
    )
    update = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(update)
    fresh = tmp_path / "fresh_hi.ts"
    subprocess.run(
        [update.tool("pyside6-lupdate"), *update.sources(), "-no-obsolete", "-ts", str(fresh)],
        cwd=update.ROOT,
        check=True,
        capture_output=True,
    )
    root = ET.parse(fresh).getroot()
    found = {
        (c.findtext("name"), m.findtext("source"))
        for c in root.iter("context")
        for m in c.iter("message")
    }
    found |= {(ctx, source) for ctx, source, _file, _line in update.wrapped_strings()}
    catalogue = {(c, m.findtext("source")) for c, m in ts_messages("hi")}
    missing = sorted(found - catalogue)
    assert not missing, f"run resources/translations/update.py; not in hitl_hi.ts: {missing}"


def test_key_names_and_gnome_buttons_read_as_the_keycaps_in_hindi(
    qtbot: QtBot, restore_look: QApplication
) -> None:
    """The Image menu and the cheat sheet say "Enter" (the keycap), never Qt's "Return";
    OK/Cancel on a GNOME desktop come from the ``QGnomeTheme`` context and are Hindi too."""
    from PySide6.QtGui import QKeySequence
    from PySide6.QtWidgets import QWidget

    from ui.actions import Actions

    install_language(restore_look, "hi")
    native = QKeySequence.SequenceFormat.NativeText
    assert QKeySequence("Return").toString(native) == "Enter"
    assert QKeySequence("PgDown").toString(native) == "Page Down"
    host = QWidget()
    try:
        rows = dict((what, keys) for keys, what in Actions(host).cheat_rows())
    finally:
        shiboken6.delete(host)  # at once: its Enter shortcut must not linger
    submit = qm("hi").translate("Actions", "Submit and go to the next image")
    assert rows[submit] == "Enter"  # Return and Enter: one name, once
    hi = qm("hi")
    assert hi.translate("QGnomeTheme", "&OK").startswith("ठीक है")
    assert hi.translate("QGnomeTheme", "&Cancel").startswith("रद्द करें")


def test_reviewed_wordings_are_in_the_catalogue() -> None:
    """The Hindi reader's review: no "निशान लगे" for flagged, counts read right at 1."""
    hi = qm("hi")
    assert "निशान" not in hi.translate("QueuePanel", "Flagged")
    assert hi.translate("SyncHook", "sending %1") == "भेजा जा रहा है: %1"
    assert hi.translate("EnrollDialog", "Enroll") == "जुड़ें"
    assert hi.translate("EnrollDialog", "Device") == "कंप्यूटर"
    for context, m in ts_messages("hi"):
        text = m.findtext("translation") or ""
        assert "पर्यवेक्षक" not in text and "बंडल" not in text, f"{context}: {text}"
