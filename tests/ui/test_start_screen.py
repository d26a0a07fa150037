"""The start screen and the new-project form, driven like a person would."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, QTranslator
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from labeler.project import Project
from tests.conftest import make_images
from tests.ui.app_look import restore_look_fixture  # noqa: F401 (a fixture)
from ui.i18n import current_language, translation_file
from ui.new_project_dialog import NewProjectDialog
from ui.settings import AppState
from ui.start_screen import StartScreen


def fill_form(dialog: NewProjectDialog, qtbot: QtBot, folder: Path, labels: str) -> None:
    dialog.folder_edit.setText(str(folder))
    dialog.labels_edit.setPlainText(labels)


def test_new_project_from_a_folder_with_typed_labels(qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    make_images(folder, 5)
    (folder / "notes.txt").write_text("not an image")
    dialog = NewProjectDialog()
    qtbot.addWidget(dialog)
    fill_form(dialog, qtbot, folder, "Tree\nHouse\n\nCattle\n")
    assert dialog.name_edit.text() == "photos"
    assert Path(dialog.path_edit.text()) == tmp_path / "photos.hitl"  # beside the folder
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("classification"))

    with qtbot.waitSignal(dialog.accepted, timeout=20_000):
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)

    assert dialog.project_path == tmp_path / "photos.hitl"
    assert not list(tmp_path.glob("*.partial*"))
    with Project.open(dialog.project_path) as p:
        assert p.name == "photos"
        assert p.kind.is_classification
        assert [lab.name("en") for lab in p.taxonomy.active] == ["Tree", "House", "Cattle"]
        assert p.queue.count() == 5
        assert p.index.unhashed_count() == 0  # hashed in the build thread


def test_new_project_from_a_taxonomy_file(qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    make_images(folder, 3)
    tax = tmp_path / "labels.txt"
    tax.write_text("languages: en hi\ntree | Tree | पेड़ | | 1 |\n", encoding="utf-8")
    dialog = NewProjectDialog()
    qtbot.addWidget(dialog)
    dialog.folder_edit.setText(str(folder))
    dialog.path_edit.setText(str(tmp_path / "elsewhere" / "mine"))
    (tmp_path / "elsewhere").mkdir()
    dialog.file_radio.setChecked(True)
    dialog.taxonomy_edit.setText(str(tax))
    with qtbot.waitSignal(dialog.accepted, timeout=20_000):
        dialog.create_button.click()
    assert dialog.project_path == tmp_path / "elsewhere" / "mine.hitl"
    with Project.open(dialog.project_path) as p:
        assert p.taxonomy.get("tree").name("hi") == "पेड़"
        assert p.queue.count() == 3


def test_mistakes_are_shown_in_plain_words(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = NewProjectDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.create_button.click()
    assert dialog.error_label.isVisible()
    assert "folder" in dialog.error_label.text()

    dialog.folder_edit.setText(str(tmp_path / "nowhere"))
    dialog.create_button.click()
    assert "does not exist" in dialog.error_label.text()

    folder = tmp_path / "photos"
    make_images(folder, 2)
    dialog.folder_edit.setText(str(folder))
    dialog.labels_edit.setPlainText("   \n")
    dialog.create_button.click()
    assert "at least one label" in dialog.error_label.text()

    bad = tmp_path / "bad.txt"
    bad.write_text("languages: en hi\ntree | Tree | पेड़ | not-a-colour | 1 |\n", encoding="utf-8")
    dialog.file_radio.setChecked(True)
    dialog.taxonomy_edit.setText(str(bad))
    dialog.create_button.click()
    assert "bad.txt" in dialog.error_label.text() and "line 2" in dialog.error_label.text()
    assert not (tmp_path / "photos.hitl").exists()


def test_a_folder_without_images_is_refused_after_the_scan(qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    (folder / "readme.txt").write_text("hello")
    dialog = NewProjectDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    fill_form(dialog, qtbot, folder, "Tree")
    dialog.create_button.click()
    qtbot.waitUntil(lambda: dialog.error_label.isVisible(), timeout=20_000)
    assert "no images" in dialog.error_label.text()
    assert dialog.create_button.isEnabled()  # the person can pick another folder
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty"]  # nothing half-made left


def test_start_screen_new_project_opens_the_form(qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    make_images(folder, 2)
    screen = StartScreen(AppState())
    qtbot.addWidget(screen)
    screen.show()

    def fill_modal_form() -> None:
        form = QApplication.activeModalWidget()
        assert isinstance(form, NewProjectDialog)
        fill_form(form, qtbot, folder, "Tree")
        form.create_button.click()

    QTimer.singleShot(0, fill_modal_form)
    with qtbot.waitSignal(screen.accepted, timeout=20_000):
        screen.new_button.click()
    assert screen.chosen_path == tmp_path / "photos.hitl"
    assert screen.chosen_path.is_file()


def test_start_screen_lists_recent_projects(qtbot: QtBot, project: Project) -> None:
    state = AppState()
    state.add_recent(project.path)
    screen = StartScreen(state)
    qtbot.addWidget(screen)
    screen.show()
    assert screen.recent_list.count() == 1
    assert not screen.no_recent_label.isVisible()
    item = screen.recent_list.item(0)
    rect = screen.recent_list.visualItemRect(item)
    viewport = screen.recent_list.viewport()
    with qtbot.waitSignal(screen.accepted):
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    assert screen.chosen_path == Path(project.path)

    again = StartScreen(state)  # and by keyboard: the list has focus, Enter opens
    qtbot.addWidget(again)
    again.show()
    again.activateWindow()
    with qtbot.waitSignal(again.accepted):
        qtbot.keyClick(again.recent_list, Qt.Key.Key_Return)
    assert again.chosen_path == Path(project.path)


def test_start_screen_opens_the_sample_project(qtbot: QtBot) -> None:
    screen = StartScreen(AppState())
    qtbot.addWidget(screen)
    screen.show()
    assert screen.no_recent_label.isVisible()
    with qtbot.waitSignal(screen.accepted, timeout=30_000):
        screen.sample_button.click()
    assert screen.chosen_path is not None and screen.chosen_path.is_file()
    with Project.open(screen.chosen_path) as p:
        assert p.queue.count() == 36


def test_start_screen_speaks_the_language_picked_last_on_this_pc(
    qtbot: QtBot, restore_look: QApplication
) -> None:
    hi = QTranslator()
    assert hi.load(translation_file("hi"))
    screen = StartScreen(AppState(language="hi"))
    qtbot.addWidget(screen)
    screen.show()
    assert current_language() == "hi"
    hindi_title = hi.translate("StartScreen", "Which project do you want to work on?")
    assert screen.title_label.text() == hindi_title
    assert screen.language_picker.currentText() == "हिन्दी"

    screen.language_picker.setCurrentIndex(screen.language_picker.findData("en"))
    qtbot.waitUntil(
        lambda: screen.title_label.text() == "Which project do you want to work on?", timeout=3000
    )
    assert screen.state.language == "en"  # the app saves this state with the recent list
