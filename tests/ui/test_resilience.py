"""Nothing is lost and nothing freezes: a killed app, broken images, a huge folder."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from labeler.annotations import ShapeType
from labeler.project import Project
from labeler.queue import Status
from labeler.store import now
from tests.conftest import make_images
from tests.ui.conftest import leaked_work
from tests.ui.window_helpers import OpenWindow, at, drag, key, new_project
from ui.tasks import TaskRunner

ROOT = Path(__file__).resolve().parents[2]

CHILD = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from labeler.project import Project
    from ui.main_window import MainWindow
    from ui.settings import WorkerSettings

    app = QApplication([])
    project = Project.open(sys.argv[1])
    w = MainWindow(project, "Asha", WorkerSettings.load(project, "Asha"))
    w.resize(1000, 700)
    w.show()
    while not w.canvas.has_pixmap():
        app.processEvents()
    w.model.saved.connect(lambda: print("SAVED", w.session.current.id, flush=True))
    QTest.keyClick(w.canvas, Qt.Key.Key_B)
    vp = w.canvas.viewport()
    a, b = w.canvas.mapFromScene(QPointF(30, 30)), w.canvas.mapFromScene(QPointF(120, 90))
    QTest.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, a)
    QTest.mouseMove(vp, b)
    QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, b)
    while True:  # a worker looking at the screen, until the power goes
        app.processEvents()
    """
)


def test_killed_mid_draft_reopens_with_the_draft(
    qtbot: QtBot, tmp_path: Path, open_window: OpenWindow
) -> None:
    project = new_project(tmp_path, 3)
    path = project.path
    project.close()
    script = tmp_path / "child.py"
    script.write_text(CHILD)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    child = subprocess.Popen(
        [sys.executable, str(script), path],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    try:
        timer = threading.Timer(60, child.kill)  # a hung child must not hang the suite
        timer.start()
        line = child.stdout.readline()  # type: ignore[union-attr]
        timer.cancel()
        assert line.startswith("SAVED"), line
        image_id = int(line.split()[1])
        child.send_signal(signal.SIGKILL)  # no clean-up of any kind
        child.wait(10)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    again = Project.open(path)
    [box] = again.work.draft(image_id) or []
    assert box.type is ShapeType.BOX
    w = open_window(again)
    assert w.session.current is not None and w.session.current.id == image_id
    assert [s.bbox for s in w.model.shapes()] == [box.bbox]
    assert again.queue.get(image_id).status is Status.IN_PROGRESS


def test_corrupt_images_show_a_panel_and_skip_with_one_key(
    qtbot: QtBot, tmp_path: Path, open_window: OpenWindow
) -> None:
    images = tmp_path / "images"
    images.mkdir()
    (images / "img_00000_broken.jpg").write_bytes(b"\xff\xd8 this is not really a jpeg \xff\xd9")
    project = new_project(tmp_path, 3)
    # a file damaged after it was indexed: its header was fine, its pixels are not
    damaged = project.queue.by_path("img_00001.jpg")
    assert damaged is not None
    (images / "img_00001.jpg").write_bytes(b"\xff\xd8\xff\xe0 garbage")
    w = open_window(project, refresh_folder=False)  # no rescan: the damage shows at decode
    assert w.session.current is not None and w.session.current.path == "img_00000.jpg"
    key(w, Qt.Key.Key_D)
    qtbot.waitUntil(lambda: w.stack.currentWidget() is w.problem_panel, timeout=5_000)
    assert "img_00001.jpg" in w.problem_panel.reason.text()
    assert w.problem_panel.reason_text  # the reason a person can read
    key(w, Qt.Key.Key_S)  # one key, no dialog
    assert project.queue.get(damaged.id).status is Status.SKIPPED
    assert w.session.current is not None and w.session.current.path != "img_00001.jpg"
    qtbot.waitUntil(w.canvas.has_pixmap, timeout=5_000)
    assert w.stack.currentWidget() is w.canvas

    QApplication.processEvents()
    w.queue_panel.set_filter("problems")  # the broken file found by the scan
    row = w.queue_panel.model.index(0)
    assert w.queue_panel.model.rowCount() == 1
    qtbot.waitUntil(lambda: "broken" in row.data(), timeout=5_000)  # rows load off the UI thread
    w.queue_panel.list.activated.emit(row)
    assert w.stack.currentWidget() is w.problem_panel
    assert (
        "not an image" in w.problem_panel.reason.text()
        or "unreadable" in w.problem_panel.reason.text()
    )
    key(w, Qt.Key.Key_S)
    broken = project.queue.by_path("img_00000_broken.jpg")
    assert broken is not None and broken.status is Status.SKIPPED


def test_twenty_thousand_images_stay_instant(
    qtbot: QtBot, tmp_path: Path, open_window: OpenWindow
) -> None:
    project = new_project(tmp_path, 3, size=(64, 48))
    stamp = now()
    rows = [
        {
            "path": f"more/img_{i:06d}.jpg",
            "seq": 10 + i,
            "size": 1000,
            "mtime_ns": 0,
            "width": 64,
            "height": 48,
            "format": "JPEG",
            "status": "submitted" if i % 10 == 0 else "todo",
            "added_at": stamp,
        }
        for i in range(20_000)
    ]
    with project.store.write() as db:  # as a scan of a big folder would leave the index
        db["images"].insert_all(rows, batch_size=5000)
    import ui.sync_hook
    import ui.usb_hook  # noqa: F401

    t0 = time.perf_counter()
    w = open_window(project, refresh_folder=False)  # the 20,000 files are not really there
    opened = time.perf_counter() - t0
    model = w.queue_panel.model
    assert model.rowCount() == 3 + 18_000
    assert (
        opened < 4.0
    )  # budget 2 s (bench_ui_open.py); twice that for a machine shared with other runs
    fetched = model.pages_fetched
    t0 = time.perf_counter()
    w.queue_panel.list.scrollToBottom()
    QApplication.processEvents()
    assert time.perf_counter() - t0 < 0.5  # the window never waits for the rows (was 0.1 s:
    # this machine is shared with other test runs; a synchronous read of 20,000 takes > 1 s)
    last = model.index(model.rowCount() - 1)
    qtbot.waitUntil(lambda: last.data().endswith("img_019999.jpg"), timeout=5_000)
    assert model.pages_fetched - fetched <= 3  # only the pages on screen, not 20,000 rows
    w.queue_panel.set_filter("submitted")
    assert model.rowCount() == 2_000
    w.queue_panel.set_filter("todo")
    w.session.go_to(project.queue.next_todo().id)  # type: ignore[union-attr]  (a real file)
    key(w, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)  # submit one: counts follow
    w.queue_panel.set_filter("submitted")
    qtbot.waitUntil(lambda: model.rowCount() == 2_001, timeout=5_000)


def test_a_task_left_running_is_reported(qtbot: QtBot) -> None:
    runner = TaskRunner(1)
    release = threading.Event()
    runner.submit(release.wait, 10)
    qtbot.waitUntil(lambda: runner.running() == 1, timeout=5_000)
    assert any("TaskRunner" in leak for leak in leaked_work())
    release.set()
    assert runner.shutdown(5_000)
    assert not runner.busy()


def test_draft_of_each_image_survives_moving_around(
    qtbot: QtBot, tmp_path: Path, open_window: OpenWindow
) -> None:
    project = new_project(tmp_path, 3)
    w = open_window(project)
    key(w, Qt.Key.Key_B)
    drag(w.canvas.viewport(), at(w, 10, 10), at(w, 60, 60))
    first = w.session.current
    key(w, Qt.Key.Key_D)
    assert w.model.shapes() == []
    key(w, Qt.Key.Key_A)
    assert w.session.current == first or w.session.current.id == first.id  # type: ignore[union-attr]
    assert len(w.model.shapes()) == 1
    key(w, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # its undo history came back too
    assert w.model.shapes() == []
    assert project.work.draft(first.id) == []  # type: ignore[union-attr]


def test_images_copied_in_while_labeling_appear(
    qtbot: QtBot, tmp_path: Path, open_window: OpenWindow
) -> None:
    project = new_project(tmp_path, 2)
    (tmp_path / "images" / "img_00001.jpg").unlink()  # gone before the app starts
    w = open_window(project)
    model = w.queue_panel.model
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=10_000)  # the start-up rescan
    qtbot.waitUntil(lambda: w.folder.watch is not None, timeout=10_000)
    make_images(tmp_path / "images", 3, start=10)
    qtbot.waitUntil(lambda: model.rowCount() == 4, timeout=15_000)  # the folder watch
    assert project.index.unhashed_count() == 0


def test_background_reads_reuse_one_connection(
    qtbot: QtBot, tmp_path: Path, open_window: OpenWindow
) -> None:
    """Counts are read on a worker thread after every submit; that must not open a new
    SQLite connection each time (a day of work would run out of file handles)."""
    project = new_project(tmp_path, 30, size=(48, 32))
    w = open_window(project, refresh_folder=False)
    for n in range(1, 26):
        key(w, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)  # nothing here
        qtbot.waitUntil(lambda n=n: f"{n} of 30" in w.status.progress.text(), timeout=5_000)
    assert len(project.store._readers) <= 2  # the UI thread's and the worker's
