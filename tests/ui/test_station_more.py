"""More of the station's window with real widgets (issue 12): a flagged image shown with the
worker's note and decided by keys, the model report card tab (Ctrl+5), the settings menu."""

from __future__ import annotations

import uuid

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

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


@pytest.fixture
def window(qtbot, project: Project):  # type: ignore[no-untyped-def]
    grant_supervisor(project)
    Station(project).save_settings(QualitySettings(spot_share=0.0, seed="s"))
    store_bundle(
        project.store, device_id="dev-asha", seq=1, sha256="a" * 64, prev_sha256=None,
        via="usb:test", submissions=[], proposals=[], flags=[_flag(project, "too dark")],
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
