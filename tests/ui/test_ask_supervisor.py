"""Ask the supervisor (Q): a quick reason and/or her words, nothing chosen when it opens; the
image leaves the to-do list for the "Flagged" list, the next image is shown, and the flag
with her note travels in the PC's next bundle. Cancel changes nothing; Ctrl+R brings it
back; a submitted image can be asked about and stays submitted."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QDialogButtonBox
from pytestqt.qtbot import QtBot

from labeler.annotations import Shape
from labeler.project import Project
from labeler.queue import Status
from sync.bundle import read_bundle
from sync.enrollment import enroll
from sync.identity import load_identity
from sync.outbox import Outbox
from tests.sync.support import FakeServerKey
from tests.ui.app_look import restore_look_fixture  # noqa: F401 (a fixture)
from tests.ui.window_helpers import OpenWindow, key, new_project, when_dialog
from ui.dialogs.cheat_sheet import CheatSheet
from ui.dialogs.flag_dialog import FlagDialog, flag_note_text
from ui.i18n import install_language
from ui.station.review_page import origin_text

K = Qt.Key


def joined(tmp_path: Path, n: int) -> Project:
    project = new_project(tmp_path, n)
    enroll(project, FakeServerKey().enrollment(tmp_path, project.taxonomy))
    return project


def sent_flags(project: Project) -> list[dict]:  # type: ignore[type-arg]
    bundles = Outbox(project).pack()
    ident = load_identity(project)
    out = []
    for b in bundles:
        got = read_bundle(Outbox(project).read_bytes(b), secret_for=lambda _d: ident.secret)
        out += got.quality.get("flag", [])
    return out


def listed(qtbot: QtBot, w, filter: str) -> list[int]:  # type: ignore[no-untyped-def]
    """The images the list on the left shows under ``filter``, once it has caught up with
    the project (it refreshes in the background after a skip or a flag)."""
    w.queue_panel.set_filter(filter)
    want = [r.id for r in w.project.queue.page(filter, 0, 100)]
    m = w.queue_panel.model

    def shown() -> list[int | None]:
        return [getattr(m.record(r), "id", None) for r in range(m.rowCount())]

    qtbot.waitUntil(lambda: shown() == want, timeout=5_000)
    return want


def test_q_with_a_reason_flags_the_image_and_the_flag_travels(
    qtbot: QtBot, tmp_path: Path, open_window: OpenWindow
) -> None:
    project = joined(tmp_path, 3)
    w = open_window(project, hooks=False)
    first = w.session.current
    assert first is not None
    assert w.actions["flag"] in w.image_bar.actions()  # a visible button, like Skip

    def answer(d: QDialog) -> None:
        assert isinstance(d, FlagDialog)
        ok = d.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert d.group.checkedId() < 0 and not ok.isEnabled()  # nothing chosen for her
        QTest.keyClick(d, K.Key_Return)  # Enter alone asks nothing
        assert d.isVisible()
        QTest.keyClick(d, K.Key_2)
        QTest.keyClicks(d.words, "two cows, one behind the other")
        QTest.keyClick(d.words, K.Key_Return)

    seen = when_dialog(FlagDialog, answer)
    key(w, K.Key_Q)
    assert seen
    note = "several objects overlap: two cows, one behind the other"
    rec = project.queue.get(first.id)
    assert rec.status is Status.FLAGGED and rec.status_note == note
    assert w.session.current is not None and w.session.current.id != first.id
    assert first.id not in listed(qtbot, w, "todo")
    assert listed(qtbot, w, "flagged") == [first.id]
    tip = w.queue_panel.model.data(w.queue_panel.model.index(0), Qt.ItemDataRole.ToolTipRole)
    assert tip == "Several objects overlap: two cows, one behind the other"
    [flag] = sent_flags(project)
    assert flag["note"] == note and flag["image_path"] == first.path
    assert flag["image_sha256"] == first.sha256 and flag["worker"] == w.worker

    # Ctrl+R on it puts it back on the to-do list
    w.session.go_to(first.id)
    key(w, K.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert project.queue.get(first.id).status is Status.TODO
    assert first.id in listed(qtbot, w, "todo") and listed(qtbot, w, "flagged") == []


def test_cancelling_changes_nothing(qtbot: QtBot, tmp_path: Path, open_window: OpenWindow) -> None:
    project = joined(tmp_path, 2)
    w = open_window(project, hooks=False)
    first = w.session.current
    assert first is not None

    def answer(d: QDialog) -> None:
        QTest.keyClick(d, K.Key_1)
        QTest.keyClick(d, K.Key_Escape)

    seen = when_dialog(FlagDialog, answer)
    key(w, K.Key_Q)
    assert seen
    assert project.queue.get(first.id).status is Status.TODO
    assert w.session.current is not None and w.session.current.id == first.id
    assert sent_flags(project) == [] and listed(qtbot, w, "flagged") == []


def test_her_own_words_alone_and_a_submitted_image_stays_submitted(
    qtbot: QtBot, tmp_path: Path, open_window: OpenWindow
) -> None:
    project = joined(tmp_path, 3)
    w = open_window(project, hooks=False)
    first = w.session.current
    assert first is not None
    sent = project.work.submit(first.id, [Shape.box("tree", 2, 2, 60, 60)], w.worker)
    w.session.go_to(first.id)
    assert w.session.read_only

    def answer(d: QDialog) -> None:
        QTest.keyClick(d, K.Key_4)  # "something else": her words are needed
        ok = d.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert not ok.isEnabled()
        QTest.keyClicks(d.words, "is this a tree or a bush?")
        assert ok.isEnabled()
        QTest.keyClick(d.words, K.Key_Return)

    seen = when_dialog(FlagDialog, answer)
    key(w, K.Key_Q)
    assert seen
    rec = project.queue.get(first.id)
    assert rec.status is Status.SUBMITTED and rec.status_note == "is this a tree or a bush?"
    latest = project.work.latest_for_image(first.id)
    assert latest is not None and latest.uuid == sent.uuid  # her work is kept as sent
    assert w.session.current is not None and w.session.current.id != first.id
    assert first.id in listed(qtbot, w, "submitted")
    assert [f["note"] for f in sent_flags(project)] == ["is this a tree or a bush?"]


def test_the_cheat_sheet_lists_q(qtbot: QtBot, tmp_path: Path, open_window: OpenWindow) -> None:
    w = open_window(new_project(tmp_path, 1))
    rows = dict(w.actions.cheat_rows())
    assert rows["Q"] == "Ask the supervisor about this image…"
    assert w.actions["flag"] in w.menus["image"].actions()
    seen = when_dialog(CheatSheet, lambda d: d.reject())
    key(w, K.Key_F1)
    assert seen


def test_the_supervisor_reads_a_quick_reason_in_her_language(restore_look) -> None:  # type: ignore[no-untyped-def]
    """The stored words are stable English; the station shows them in its language, and the
    worker's own words as she wrote them."""
    install_language(restore_look, "hi")
    assert flag_note_text("several objects overlap: दो गायें") == (
        "कई चीज़ें एक-दूसरे पर चढ़ी हुई हैं: दो गायें"
    )
    assert flag_note_text("image looks wrong") == "चित्र में कुछ गड़बड़ लगती है"
    assert flag_note_text("proposed: bamboo") == "proposed: bamboo"  # not a quick reason
    item = SimpleNamespace(
        origin="flagged", flag_only=True, flags=[{"worker": "asha", "note": "image looks wrong"}]
    )
    shown = origin_text(item)  # type: ignore[arg-type]
    assert "asha: चित्र में कुछ गड़बड़ लगती है" in shown and "looks wrong" not in shown
