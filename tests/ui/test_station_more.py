"""More of the station's window with real widgets (issue 12): a flagged image shown with the
worker's note and decided by keys, the model report card tab (Ctrl+5), the settings menu."""

from __future__ import annotations

import uuid

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from labeler.project import Project
from labeler.quality.collect import store_bundle
from labeler.quality.station import QualitySettings, Station, grant_supervisor
from labeler.store import now
from ui.station.window import StationWindow


def _flag(project: Project, note: str, k: int = 0) -> dict:
    r = project.store.query("SELECT path, sha256 FROM images ORDER BY seq")[k]
    return {
        "uuid": str(uuid.uuid4()), "image_sha256": r["sha256"], "image_path": r["path"],
        "note": note, "worker": "asha", "device_id": "local", "flagged_at": now(),
    }  # fmt: skip


MODEL = "cd" * 32


def _with_model(project: Project) -> tuple[dict, dict]:
    """A worker's submission on image 2 (a tree box from the model, accepted) and its model
    feedback (a house suggestion rejected)."""
    r = project.store.query("SELECT path, sha256, width, height FROM images ORDER BY seq")[1]
    sub = {
        "uuid": str(uuid.uuid4()), "image_sha256": r["sha256"], "image_path": r["path"],
        "width": r["width"], "height": r["height"],
        "shapes": [{"type": "box", "label": "tree", "points": [[4, 4], [30, 30]],
                    "attrs": {"origin": "accepted", "score": 0.9}}],
        "taxonomy_version": 1, "worker": "asha", "device_id": "local", "started_at": None,
        "submitted_at": now(), "duration_ms": 4000, "revision": 1, "supersedes": None,
        "source": "labeled",
    }  # fmt: skip
    fb = {
        "uuid": str(uuid.uuid4()), "submission_uuid": sub["uuid"], "image_sha256": r["sha256"],
        "model_sha256": MODEL, "worker": "asha", "device_id": "local", "created_at": now(),
        "outcomes": [
            {"type": "box", "label": "tree", "points": [[4, 4], [30, 30]], "score": 0.9,
             "outcome": "accepted", "shape": 0},
            {"type": "box", "label": "house", "points": [[1, 1], [9, 9]], "score": 0.5,
             "outcome": "rejected", "shape": None},
        ],
    }  # fmt: skip
    return sub, fb


@pytest.fixture
def window(qtbot, project: Project):  # type: ignore[no-untyped-def]
    grant_supervisor(project)
    Station(project).save_settings(QualitySettings(spot_share=0.0, seed="s"))
    sub, fb = _with_model(project)
    store_bundle(
        project.store, device_id="dev-asha", seq=1, sha256="a" * 64, prev_sha256=None,
        via="usb:test", submissions=[sub], proposals=[], flags=[_flag(project, "too dark")],
        feedback=[fb],
    )  # fmt: skip
    w = StationWindow(project, "Meena")
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_a_flagged_image_shows_the_note_and_is_decided_by_key(
    window: StationWindow, project: Project
) -> None:
    page = window.review
    (item,) = page.items
    assert item.origin == "flagged" and item.flag_only
    assert "too dark" in page.detail.text() and "asha" in page.detail.text()
    assert not page.correct_button.isEnabled()  # nothing to correct: she did not label it
    page.setFocus()
    QTest.keyClick(page, Qt.Key.Key_C)
    assert not page.correcting
    QTest.keyClick(page, Qt.Key.Key_A)  # agree with the flag
    (review,) = Station(project).reviews()
    assert (review.submission_uuid, review.revision, review.origin) == (item.uuid, 0, "flagged")
    assert page.items == []


def test_the_model_tab_shows_the_centres_report_card(
    window: StationWindow, project: Project, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    assert window.tabs.count() == 5
    QTest.keySequence(window, "Ctrl+5")
    assert window.tabs.currentWidget() is window.model_card
    card = window.model_card
    assert window.tabs.tabText(4) == "Model"
    rows = {
        card.table.item(r, 1).text(): [card.table.item(r, c).text() for c in range(2, 7)]
        for r in range(card.table.rowCount())
    }
    assert rows["Tree"] == ["1", "0", "0", "100%", "100%"]
    assert rows["House"] == ["0", "1", "0", "0%", "—"]
    assert "1 images checked by workers, 1 where the model was wrong" in card.title.text()
    out = card.export_to(tmp_path / "hard.csv")
    assert MODEL in out.read_text()


def _in_dialog(fn) -> QTimer:  # type: ignore[no-untyped-def]
    """Run ``fn(dialog)`` on the next modal dialog as soon as it is open."""
    timer = QTimer()
    timer.setInterval(10)

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is not None:
            timer.stop()
            fn(dialog)

    timer.timeout.connect(act)
    timer.start()
    return timer


def test_the_settings_menu_switches_language_and_look_and_keeps_them(
    window: StationWindow, project: Project, qtbot
) -> None:  # type: ignore[no-untyped-def]
    from ui.i18n import install_language
    from ui.settings import WorkerSettings
    from ui.settings_dialog import SettingsDialog

    app = QApplication.instance()
    titles = [a.text() for a in window.menu.file.actions() if a.text()]
    assert titles == ["Switch worker…", "Open another project…", "Settings…", "Quit"]
    assert window.menu.actions["settings"].shortcut().toString() == "Ctrl+,"
    normal_font = app.font().pointSizeF()

    def choose(dialog: SettingsDialog) -> None:
        dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("hi"))
        dialog.large_text_check.setChecked(True)
        dialog.high_contrast_check.setChecked(True)
        dialog.accept()

    waiter = _in_dialog(choose)
    try:
        window.menu.actions["settings"].trigger()
        assert not waiter.isActive()
        qtbot.waitUntil(lambda: window.tabs.tabText(0) == "जाँच")  # the language change event
        assert window.tabs.tabText(4) == "मॉडल"
        assert window.menu.file.title() != "&File"
        assert app.font().pointSizeF() > normal_font
        kept = WorkerSettings.load(project, "Meena")
        assert (kept.language, kept.large_text, kept.high_contrast) == ("hi", True, True)

        # Cancel puts the settings back as they were
        def cancel(dialog: SettingsDialog) -> None:
            dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("en"))
            qtbot.waitUntil(lambda: window.tabs.tabText(0) == "Review")  # shown at once
            dialog.reject()

        _in_dialog(cancel)
        window.menu.actions["settings"].trigger()
        qtbot.waitUntil(lambda: window.tabs.tabText(0) == "जाँच")
        assert WorkerSettings.load(project, "Meena").language == "hi"
    finally:
        window.menu.apply(WorkerSettings())  # the rest of the session in English, plain
        install_language(app, "en")
    qtbot.waitUntil(lambda: window.tabs.tabText(0) == "Review")


def test_the_reports_page_shows_agreement_per_pair_with_kappa(
    window: StationWindow, project: Project
) -> None:
    from tests.labeler.quality.test_pair_kappa import rec

    data = [("cat", "cat")] * 4 + [("dog", "dog")] * 3 + [("cat", "dog")] * 2 + [("dog", "cat")]
    with project.store.write() as db:
        for x, y in data:
            r = rec("asha", "ravi", [x], [y])
            db.execute(
                "INSERT INTO agreements (uuid, submission_a, submission_b, image_sha256,"
                " worker_a, worker_b, agree, computed_at, record) VALUES (?,?,?,?,?,?,?,?,?)",
                (r.uuid, r.submission_a, r.submission_b, r.image_sha256, r.worker_a,
                 r.worker_b, int(r.agree), r.computed_at, r.to_json()),
            )  # fmt: skip
    QTest.keySequence(window, "Ctrl+4")
    window.reports.refresh()
    table = window.reports.pairs
    cells = [table.item(0, c).text() for c in range(table.columnCount())]
    assert cells == ["asha · ravi", "10", "3", "—", "—", "0.40"]  # no shape counts here
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert headers[-1] == "Kappa (image classes)"
