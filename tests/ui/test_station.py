"""The supervisor station's window with real widgets: the keyboard review loop, the plain
drive view, the reports page. (The rules themselves are tested in tests/labeler/quality.)"""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from labeler.project import Project
from labeler.quality.collect import store_bundle
from labeler.quality.station import QualitySettings, Station, grant_supervisor
from ui.station.window import StationWindow


def _work(project: Project, worker: str, n: int, start: int = 0) -> list[dict]:
    rows = project.store.query("SELECT path, sha256, width, height FROM images ORDER BY seq")
    out = []
    for k, r in enumerate(rows[start : start + n]):
        out.append(
            {
                "uuid": str(uuid.uuid4()),
                "image_sha256": r["sha256"],
                "image_path": r["path"],
                "width": r["width"],
                "height": r["height"],
                "shapes": [{"type": "box", "label": "tree", "points": [[4, 4], [30 + k, 30]]}],
                "taxonomy_version": 1,
                "worker": worker,
                "device_id": "local",
                "started_at": None,
                "submitted_at": f"2026-03-02T10:{k:02d}:00.000Z",
                "duration_ms": 4000,
                "revision": 1,
                "supersedes": None,
                "source": "labeled",
            }
        )
    return out


@pytest.fixture
def station_window(qtbot, project: Project):  # type: ignore[no-untyped-def]
    grant_supervisor(project)
    Station(project).save_settings(QualitySettings(spot_share=1.0, seed="s"))
    asha = _work(project, "asha", 6)
    mine = _work(project, "Meena", 2, start=6)
    store_bundle(
        project.store, device_id="dev-asha", seq=1, sha256="a" * 64, prev_sha256=None,
        via="usb:test", submissions=asha + mine, proposals=[],
    )  # fmt: skip
    window = StationWindow(project, "Meena")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _back_to(page) -> None:  # type: ignore[no-untyped-def]
    page.window().activateWindow()
    page.setFocus()
    QApplication.processEvents()


def _press_in_dialog(key: str) -> QTimer:
    """Press ``key`` in the next modal dialog as soon as it is open."""
    timer = QTimer()
    timer.setInterval(10)

    def press() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is not None:
            timer.stop()
            QTest.keyClick(dialog, key)

    timer.timeout.connect(press)
    timer.start()
    return timer


def test_keyboard_review_loop(station_window: StationWindow, project: Project) -> None:
    page = station_window.review
    st = Station(project)
    assert len(page.items) == 6  # Meena's own two images never come to her
    assert {it.work.submission.worker for it in page.items} == {"asha"}
    page.setFocus()
    first = page.current.uuid
    QTest.keyClick(page, Qt.Key.Key_A)  # accept
    assert [(r.submission_uuid, r.decision) for r in st.reviews()] == [(first, "accept")]
    assert len(page.items) == 5
    second = page.current.uuid
    waiter = _press_in_dialog("3")  # reject: loose box
    QTest.keyClick(page, Qt.Key.Key_R)
    assert not waiter.isActive()
    rejected = next(r for r in st.reviews() if r.submission_uuid == second)
    assert rejected.decision == "reject" and rejected.reason == "loose_box"
    assert [r["kind"] for r in st.returns_waiting()] == ["rework"]
    third = page.current.uuid
    _back_to(page)  # the dialog closed: its window is active again, as on a desktop
    QTest.keyClick(page, Qt.Key.Key_C)  # correct: select the box, relabel it House (key 2)
    assert page.correcting
    QTest.keyClick(page.canvas, Qt.Key.Key_Tab)
    QTest.keyClick(page.canvas, Qt.Key.Key_2)
    QTest.keyClick(page.canvas, Qt.Key.Key_Return)
    fixed = next(r for r in st.reviews() if r.submission_uuid == third)
    assert fixed.decision == "correct"
    new = project.work.submission(fixed.correction_uuid)
    assert [s.label for s in new.shapes] == ["house"] and new.worker == "Meena"
    QTest.keyClick(page, Qt.Key.Key_N)  # later: no record
    assert len(st.reviews()) == 3 and len(page.items) == 3
    # Esc leaves a correction without a record; the worker's shapes come back
    QTest.keyClick(page, Qt.Key.Key_C)
    QTest.keyClick(page.canvas, Qt.Key.Key_Tab)
    QTest.keyClick(page.canvas, Qt.Key.Key_Delete)
    assert page.model.shapes() == []
    QTest.keyClick(page.canvas, Qt.Key.Key_Escape)
    QTest.keyClick(page, Qt.Key.Key_Escape)
    assert not page.correcting and len(page.model.shapes()) == 1
    for _ in range(3):
        QTest.keyClick(page, Qt.Key.Key_Return)  # Enter accepts too
    assert page.items == [] and page.empty.isVisible()
    assert len(st.reviews()) == 6


def test_other_needs_a_note(station_window: StationWindow, project: Project) -> None:
    page = station_window.review
    from ui.station.reason_dialog import ReasonDialog

    dialog = ReasonDialog(page)
    QTest.keyClick(dialog, Qt.Key.Key_5)
    assert dialog.reason == "other" and dialog.result() == 0  # not closed without a note
    dialog._confirm()
    assert "note" in dialog.error.text()
    dialog.note.setText("the sky is labeled")
    dialog._confirm()
    assert dialog.result() == 1


def test_drive_page_speaks_plainly(station_window: StationWindow, tmp_path: Path) -> None:
    page = station_window.drive
    (tmp_path / "HITL").mkdir()
    page.set_drive(tmp_path)
    text = page.lines.text() + page.safe.text()
    assert "Safe to remove the drive." in text
    for word in ("bundle", "record", "receipt", "KiB"):
        assert word not in text.lower()
    assert page.details.isHidden()
    page.show_details.setChecked(True)
    assert not page.details.isHidden()


def test_reports_page_shows_recorded_figures(station_window: StationWindow) -> None:
    page = station_window.reports
    _back_to(station_window.review)
    QTest.keyClick(station_window.review, Qt.Key.Key_A)
    page.refresh()
    assert page.table.rowCount() >= 1
    cells = [page.table.item(0, j).text() for j in range(page.table.columnCount())]
    assert cells[1] == "asha" and cells[2] == "6" and cells[3] == "4" and cells[5] == "100%"
    assert cells[4] == ""  # no reference images: no figure, never 0
    html = page.page_html("2026-W10")
    assert "<svg" in html and "asha" in html


def test_the_worker_sees_why_an_image_came_back(project: Project, open_window) -> None:  # type: ignore[no-untyped-def]
    from labeler.annotations import Shape
    from labeler.quality import worker_side

    first = project.queue.next_todo()
    sub = project.work.submit(first.id, [Shape.box("tree", 2, 2, 30, 30)], "Asha")
    worker_side.apply_rework(
        project,
        "dev-station",
        [{"review_uuid": str(uuid.uuid4()), "image_sha256": sub.image_sha256,
          "submission_uuid": sub.uuid, "reason": "loose_box", "note": "box the whole tree",
          "reviewer": "Meena"}],
    )  # fmt: skip
    window = open_window(project, "Asha", hooks=False, refresh_folder=False)
    window.session.show(project.queue.get(first.id))
    assert window.message.isVisible()
    text = window.message.text()
    assert "Meena sent this image back: Loose box." in text and "box the whole tree" in text
    fixed = project.work.submit(first.id, [Shape.box("tree", 1, 1, 40, 40)], "Asha")
    assert fixed.revision == 2 and worker_side.open_rework(project, sub.image_sha256) is None
