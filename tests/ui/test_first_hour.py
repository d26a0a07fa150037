"""A new worker's first hour through the real window: it fits, it shows the way, and nothing
wrong goes in silently (issue 10)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from labeler.annotations import ShapeType
from labeler.queue import Status
from tests.ui.window_helpers import OpenWindow, at, close, drag, key, new_project, when_dialog
from ui.canvas import Tool
from ui.dialogs.empty_dialog import EmptyImageDialog
from ui.dialogs.skip_dialog import SkipDialog
from ui.hint_line import HINT_SUBMISSIONS
from ui.main_window import MainWindow
from ui.settings import WorkerSettings

K = Qt.Key
SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def submissions(project) -> list:  # type: ignore[no-untyped-def]
    return list(project.work.submissions())


# ---------------------------------------------------------------- 1. the window fits
def test_window_opens_inside_the_screen_and_remembers_its_place(
    qtbot: QtBot, tmp_path: Path
) -> None:
    project = new_project(tmp_path, 2)
    area = QGuiApplication.primaryScreen().availableGeometry()
    w = MainWindow(project, "Asha", WorkerSettings.load(project, "Asha"))
    try:
        w.present()
        qtbot.waitExposed(w)
        assert w.isMaximized()  # the test screen is small (800x800): maximised
        assert w.width() <= area.width() and w.height() <= area.height()
        w.showNormal()
        size = w.minimumSizeHint().expandedTo(QSize(600, 450)) + QSize(10, 10)
        w.setGeometry(area.x() + 10, area.y() + 20, size.width(), size.height())
        qtbot.waitUntil(lambda: not w.isMaximized())
        close(qtbot, w)
        again = MainWindow(project, "Asha", WorkerSettings.load(project, "Asha"))
        try:
            again.present()
            qtbot.waitExposed(again)
            assert not again.isMaximized()
            assert again.size() == size
        finally:
            close(qtbot, again)
    finally:
        close(qtbot, w)
        project.close()


def test_long_texts_never_widen_the_window(
    qtbot: QtBot, tmp_path: Path, open_window: OpenWindow
) -> None:
    w = open_window(new_project(tmp_path, 2))
    screen = QGuiApplication.primaryScreen().availableGeometry()
    long = "the server at http://203.0.113.5:8000 did not answer in time " * 6
    w.status.set_sync_state(12, 3400, False, long)
    w.show_message(long)
    QApplication.processEvents()
    assert w.minimumSizeHint().width() <= screen.width()
    assert w.status.sync.is_elided() and long.strip() in w.status.sync.toolTip()


# ---------------------------------------------------------------- 2. it shows how to start
def test_starts_drawing_then_remembers_the_workers_tool(
    qtbot: QtBot, tmp_path: Path, open_window: OpenWindow
) -> None:
    project = new_project(tmp_path, 3)
    w = open_window(project)
    assert w.canvas.tool is Tool.BOX and w.actions["tool_box"].isChecked()
    drag(w.canvas.viewport(), at(w, 20, 20), at(w, 120, 90))  # drag draws at once
    assert [s.type for s in w.model.shapes()] == [ShapeType.BOX]
    key(w, K.Key_V)
    close(qtbot, w)
    w2 = open_window(project)
    assert w2.canvas.tool is Tool.SELECT  # her last tool
    other = open_window(project, worker="Ravi")
    assert other.canvas.tool is Tool.BOX  # a new worker starts drawing


def test_hint_line_shows_until_a_few_images_are_submitted(
    qtbot: QtBot, tmp_path: Path, open_window: OpenWindow
) -> None:
    project = new_project(tmp_path, HINT_SUBMISSIONS + 2)
    w = open_window(project)
    assert w.hint.isVisible() and "Enter" in w.hint.text() and "box" in w.hint.text()
    for _ in range(HINT_SUBMISSIONS):
        key(w, K.Key_Return, SHIFT)  # nothing here
    assert not w.hint.isVisible()
    close(qtbot, w)
    assert not open_window(project).hint.isVisible()  # remembered for this worker


# ---------------------------------------------------------------- 3. the box being drawn
def test_box_being_drawn_is_an_outline_in_the_labels_colour(
    qtbot: QtBot, tmp_path: Path, open_window: OpenWindow
) -> None:
    w = open_window(new_project(tmp_path, 1, size=(320, 240)))
    key(w, K.Key_2)  # house: #c62828
    vp = w.canvas.viewport()
    a, b = at(w, 40, 40), at(w, 280, 200)
    middle = (a + b) / 2
    before = vp.grab().toImage().pixelColor(middle)
    QTest.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, a)
    for i in range(1, 5):
        QTest.mouseMove(vp, a + (b - a) * (i / 4))
    during = vp.grab().toImage()
    QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, b)
    inside = during.pixelColor(middle)
    assert _distance(inside, before) < 60  # the object under the box stays visible
    edge = during.pixelColor(QPoint(middle.x(), a.y()))
    assert _distance(edge, QColor("#c62828")) < 60  # the outline is the label's colour


def _distance(c1: QColor, c2: QColor) -> int:
    return abs(c1.red() - c2.red()) + abs(c1.green() - c2.green()) + abs(c1.blue() - c2.blue())


# ---------------------------------------------------------------- 4. the label-key rule
def test_a_label_key_never_relabels_a_shape_the_worker_did_not_select(
    qtbot: QtBot, tmp_path: Path, open_window: OpenWindow
) -> None:
    project = new_project(tmp_path, 1)
    w = open_window(project)
    vp = w.canvas.viewport()
    assert "New shapes get: Tree (1)" in w.indicator.text.text()
    assert w.palette.buttons["tree"].isChecked()
    cursor_tree = vp.cursor().pixmap().toImage()
    drag(vp, at(w, 10, 10), at(w, 100, 80))
    assert w.canvas.selected == []  # a fresh box is not selected
    key(w, K.Key_2)  # before drawing the next box: sets the next label only
    assert [s.label for s in w.model.shapes()] == ["tree"]
    assert "New shapes get: House (2)" in w.indicator.text.text()
    assert w.palette.buttons["house"].isChecked() and not w.palette.buttons["tree"].isChecked()
    assert vp.cursor().pixmap().toImage() != cursor_tree  # the cursor carries the label
    drag(vp, at(w, 150, 100), at(w, 250, 200))
    assert [s.label for s in w.model.shapes()] == ["tree", "house"]
    QTest.mouseClick(vp, Qt.MouseButton.LeftButton, pos=at(w, 50, 40))  # she picks the first
    assert "1 selected" in w.indicator.text.text()
    key(w, K.Key_3)
    assert [s.label for s in w.model.shapes()] == ["cattle", "house"]


# ---------------------------------------------------------------- 5. empty needs a deliberate act
def test_enter_on_an_empty_image_asks_and_a_double_enter_sends_nothing(
    qtbot: QtBot, tmp_path: Path, open_window: OpenWindow
) -> None:
    project = new_project(tmp_path, 3)
    w = open_window(project)
    first = w.session.current
    seen = when_dialog(EmptyImageDialog, lambda d: QTest.keyClick(d, K.Key_Return))
    key(w, K.Key_Return)  # the second Enter lands on the question: its default goes back
    assert seen and submissions(project) == [] and w.session.current == first
    seen = when_dialog(EmptyImageDialog, lambda d: d.empty_button.click())
    key(w, K.Key_Return)
    assert seen and len(submissions(project)) == 1
    assert submissions(project)[0].shapes == ()
    key(w, K.Key_Return, SHIFT)  # "nothing here" on purpose: no question
    assert len(submissions(project)) == 2


# ---------------------------------------------------------------- 6. the canvas follows the list
def test_canvas_follows_the_list_and_a_correction_is_explicit(
    qtbot: QtBot, tmp_path: Path, open_window: OpenWindow
) -> None:
    project = new_project(tmp_path, 3)
    w = open_window(project)
    first = w.session.current
    vp = w.canvas.viewport()
    drag(vp, at(w, 10, 10), at(w, 100, 80))
    key(w, K.Key_Return)
    w.queue_panel.set_filter("submitted")
    assert w.session.current is not None and w.session.current.id == first.id  # type: ignore[union-attr]
    assert w.correction_bar.isVisible() and "submitted" in w.correction_bar.text.text()
    drag(vp, at(w, 150, 100), at(w, 250, 200))  # refused: not open for editing
    assert len(w.model.shapes()) == 1 and "Ctrl+E" in w.message.text()
    w.queue_panel.set_filter("todo")
    current = w.session.current
    assert current is not None and current.id != first.id  # type: ignore[union-attr]
    assert not w.correction_bar.isVisible()
    drag(vp, at(w, 150, 100), at(w, 250, 200))
    assert project.work.draft(current.id) is not None  # a draft of the to-do image ...
    assert [s.revision for s in submissions(project)] == [1]  # ... not a revision of the first
    w.queue_panel.set_filter("submitted")
    key(w, K.Key_E, CTRL)
    assert "revision 2" in w.correction_bar.text.text()
    drag(vp, at(w, 150, 100), at(w, 250, 200))
    key(w, K.Key_Return)
    assert sorted(s.revision for s in submissions(project)) == [1, 2]
    assert w.session.current is not None
    assert w.queue_panel.filter == "todo"  # the list shows the image the canvas shows


def test_cancelling_a_correction_keeps_the_submitted_work(
    qtbot: QtBot, tmp_path: Path, open_window: OpenWindow
) -> None:
    project = new_project(tmp_path, 2)
    w = open_window(project)
    first = w.session.current
    drag(w.canvas.viewport(), at(w, 10, 10), at(w, 100, 80))
    key(w, K.Key_Return)
    w.session.go_to(first.id)  # type: ignore[union-attr]
    w.correction_bar.button.click()  # Correct it
    key(w, K.Key_Delete) if w.canvas.selected else None
    w.shape_list.list.item(0).setSelected(True)
    w.shape_list.delete_button.click()
    assert w.model.shapes() == [] and project.work.draft(first.id) == []  # type: ignore[union-attr]
    w.correction_bar.button.click()  # Cancel the correction
    assert len(w.model.shapes()) == 1 and project.work.draft(first.id) is None  # type: ignore[union-attr]
    assert not w.session.correcting and w.session.read_only


# ---------------------------------------------------------------- 7. numbers to trust
def test_progress_counts_only_submitted_work_and_today_counts_each_image_once(
    qtbot: QtBot, tmp_path: Path, open_window: OpenWindow
) -> None:
    project = new_project(tmp_path, 5)
    w = open_window(project)
    first = w.session.current
    assert "Image 1 of 5" in w.queue_panel.position.text()
    drag(w.canvas.viewport(), at(w, 10, 10), at(w, 100, 80))
    key(w, K.Key_Return)
    qtbot.waitUntil(lambda: "Image 2 of 5" in w.queue_panel.position.text(), timeout=5_000)
    when_dialog(SkipDialog, lambda d: (QTest.keyClick(d, K.Key_1), QTest.keyClick(d, K.Key_Return)))
    key(w, K.Key_S)
    project.work.propose(w.session.current.id, "goat", "not cattle", "Asha")  # type: ignore[union-attr]
    w.session.next()
    w.session.statusChanged.emit()
    qtbot.waitUntil(
        lambda: w.status.progress.text() == "Project: 1 of 5 submitted · 2 set aside",
        timeout=5_000,
    )
    assert w.status.today.text() == "Today: 1 image"
    w.session.go_to(first.id)  # type: ignore[union-attr]
    key(w, K.Key_E, CTRL)
    drag(w.canvas.viewport(), at(w, 150, 100), at(w, 250, 200))
    key(w, K.Key_Return)  # a correction: not new work for today
    w.session.statusChanged.emit()
    qtbot.waitUntil(lambda: not w.db_runner.busy(), timeout=5_000)
    assert w.status.today.text() == "Today: 1 image"
    assert project.queue.get(first.id).status is Status.SUBMITTED  # type: ignore[union-attr]


# ---------------------------------------------------------------- 10. smaller traps
def test_skip_dialog_preselects_nothing(qtbot: QtBot) -> None:
    d = SkipDialog()
    qtbot.addWidget(d)
    d.show()
    assert all(not r.isChecked() for r in d.radios)
    QTest.keyClick(d, K.Key_Return)  # S then Enter: no reason was picked, nothing recorded
    assert d.isVisible() and d.reason == ""
    QTest.keyClick(d, K.Key_2)
    QTest.keyClick(d, K.Key_Return)
    assert not d.isVisible() and d.reason == "empty"


def test_none_of_these_fit_with_shapes_drawn_asks_first(
    qtbot: QtBot, tmp_path: Path, open_window: OpenWindow
) -> None:
    project = new_project(tmp_path, 2)
    w = open_window(project)
    drag(w.canvas.viewport(), at(w, 10, 10), at(w, 100, 80))

    def go_back(box: QWidget) -> None:
        assert "1 shape is drawn" in box.text()  # type: ignore[attr-defined]
        QTest.keyClick(box, K.Key_Return)  # the default: back to the image

    seen = when_dialog(QMessageBox, go_back)
    key(w, K.Key_F)
    assert seen and project.work.proposals() == []
    assert len(w.model.shapes()) == 1 and w.session.current is not None


# ---------------------------------------------------------------- 11. shapes list and zoom
def test_shapes_list_selects_hides_and_deletes(
    qtbot: QtBot, tmp_path: Path, open_window: OpenWindow
) -> None:
    w = open_window(new_project(tmp_path, 1))
    vp = w.canvas.viewport()
    drag(vp, at(w, 10, 10), at(w, 100, 80))
    key(w, K.Key_2)
    drag(vp, at(w, 150, 100), at(w, 250, 200))
    rows = w.shape_list.rows()
    assert [text for _, text in rows] == ["1. Tree · box", "2. House · box"]
    assert w.shape_list.count_label.text() == "2 shapes on this image"
    w.shape_list.list.item(1).setSelected(True)
    assert w.canvas.selected == [rows[1][0]]
    w.shape_list.list.item(0).setCheckState(Qt.CheckState.Unchecked)  # hide the first
    assert (
        rows[0][0] in w.canvas.hidden
        and w.canvas.shape_at(w.canvas.mapToScene(at(w, 50, 40))) is None
    )
    w.shape_list.delete_button.click()
    assert [s.label for s in w.model.shapes()] == ["tree"]


def test_zoom_controls_show_the_zoom_in_percent(
    qtbot: QtBot, tmp_path: Path, open_window: OpenWindow
) -> None:
    w = open_window(new_project(tmp_path, 1, size=(320, 240)))
    assert w.zoom_label in [w.toolbar.widgetForAction(a) for a in w.toolbar.actions()]
    w.actions["one_to_one"].trigger()
    assert w.zoom_label.text() == "100 %"
    w.actions["zoom_in"].trigger()
    assert w.zoom_label.text() == "125 %"
    w.actions["fit"].trigger()
    assert w.zoom_label.text() == f"{w.canvas.zoom() * 100:.0f} %"


def test_enrollment_dialog_grows_on_an_error_and_its_picker_opens_on_the_usb_drive(
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch,
    project,  # type: ignore[no-untyped-def]
) -> None:
    from PySide6.QtWidgets import QFileDialog

    from tests.ui.text_fit import clipped_texts
    from ui.dialogs.enroll_dialog import EnrollDialog

    media = tmp_path / "media"
    stick = media / "asha" / "STICK"
    stick.mkdir(parents=True)
    (stick / "pc07.hitl-enroll").write_text("{}", encoding="utf-8")
    monkeypatch.setenv("HITL_USB_ROOTS", str(media))
    d = EnrollDialog(project)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    before = d.height()
    d.path.setText(str(stick / "pc07.hitl-enroll"))
    d.check(d.path.text())  # "{}" is not an enrollment file: the reason shows
    QTest.qWait(30)
    assert d.error.isVisible() and d.height() > before
    assert clipped_texts(d) == []  # nothing squeezed

    d.path.clear()
    seen: list[str] = []

    def look(picker: QWidget) -> None:
        assert isinstance(picker, QFileDialog)
        seen.append(picker.directory().absolutePath())
        seen.extend(picker.selectedFiles())
        picker.reject()

    when_dialog(QFileDialog, look)
    d.choose_file()
    assert seen and seen[0] == str(stick)
    assert str(stick / "pc07.hitl-enroll") in seen[1:]  # the file on the drive, chosen for her


def test_an_image_file_gone_before_its_hash_is_known_is_reported_not_a_crash(
    qtbot: QtBot, tmp_path: Path, open_window: OpenWindow
) -> None:
    from labeler import taxonomy
    from labeler.project import Project
    from tests.conftest import TAXONOMY_TEXT, make_images

    make_images(tmp_path / "images", 2)
    project = Project.create(
        tmp_path / "p.hitl", name="P", image_root=tmp_path / "images", kind="boxes",
        taxonomy=taxonomy.parse(TAXONOMY_TEXT),
    )  # fmt: skip
    project.index.scan()  # not hashed yet: the hash is read on submit
    w = open_window(project, refresh_folder=False)
    rec = w.session.current
    (tmp_path / "images" / rec.path).unlink()  # type: ignore[union-attr]  (drive unplugged)
    key(w, K.Key_Return, SHIFT)
    assert w.message.isVisible() and rec.path in w.message.text()  # type: ignore[union-attr]
    assert submissions(project) == [] and w.session.current == rec
