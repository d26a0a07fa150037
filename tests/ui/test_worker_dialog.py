""" "Who is working?": pick a worker or add one, by mouse or keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from labeler.project import Project
from tests.ui.app_look import restore_look_fixture  # noqa: F401 (a fixture)
from ui.settings import AppState, WorkerSettings
from ui.worker_dialog import WorkerDialog


def test_first_worker_types_a_name_and_presses_enter(qtbot: QtBot, project: Project) -> None:
    dialog = WorkerDialog(project, AppState())
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.list.isVisible()  # nobody yet: only the name field
    qtbot.keyClicks(dialog.name_edit, "  Asha   Devi ")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    assert dialog.worker == "Asha Devi"
    assert project.workers() == ["Asha Devi"]


def test_last_worker_is_preselected_and_enter_starts(qtbot: QtBot, project: Project) -> None:
    for name in ("Asha", "Meena", "Ravi"):
        project.add_worker(name)
    dialog = WorkerDialog(project, AppState(last_worker="Meena"))
    qtbot.addWidget(dialog)
    dialog.show()
    assert [dialog.list.item(i).text() for i in range(dialog.list.count())] == [
        "Asha",
        "Meena",
        "Ravi",
    ]
    assert dialog.list.currentItem().text() == "Meena"
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.list, Qt.Key.Key_Return)
    assert dialog.worker == "Meena"


def test_adding_a_name_while_others_exist(qtbot: QtBot, project: Project) -> None:
    project.add_worker("Asha")
    dialog = WorkerDialog(project, AppState(last_worker="Asha"))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.name_edit, "Ravi")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert dialog.worker == "Ravi"
    assert project.workers() == ["Asha", "Ravi"]


def test_an_empty_name_is_explained(qtbot: QtBot, project: Project) -> None:
    dialog = WorkerDialog(project, AppState())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.add_button.click()
    assert dialog.isVisible() and dialog.worker is None
    assert dialog.error_label.isVisible() and "name" in dialog.error_label.text()
    assert project.workers() == []


def test_a_new_worker_keeps_the_language_picked_on_this_screen(
    qtbot: QtBot, project: Project, restore_look: QApplication
) -> None:
    state = AppState()
    dialog = WorkerDialog(project, state)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.language_picker.setCurrentIndex(dialog.language_picker.findData("hi"))
    qtbot.waitUntil(lambda: dialog.windowTitle() == "कौन काम कर रहा है?", timeout=3000)
    assert state.language == "hi"
    qtbot.keyClicks(dialog.name_edit, "Meena")
    with qtbot.waitSignal(dialog.accepted):
        dialog.add_button.click()
    assert WorkerSettings.load(project, "Meena").language == "hi"


def test_on_a_new_pc_the_name_field_sits_under_its_caption(qtbot: QtBot, project: Project) -> None:
    """No worker yet: the caption and the name row stay together at the top, however tall
    the window manager makes the dialog (they were spread over its height)."""
    dialog = WorkerDialog(project, AppState())
    qtbot.addWidget(dialog)
    dialog.resize(480, 420)
    dialog.show()
    qtbot.waitExposed(dialog)
    caption, field = dialog.new_label.geometry(), dialog.name_edit.geometry()
    assert caption.height() < 2 * dialog.fontMetrics().height()
    assert 0 <= field.top() - caption.bottom() < 24
    assert field.bottom() < dialog.height() / 2
