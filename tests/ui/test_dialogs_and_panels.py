"""Skip, "none of these fit", the cheat sheet, the palette, the status bar, the prefetch cache."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from labeler.queue import Status
from tests.ui.window_helpers import OpenWindow, key, new_project, when_dialog
from ui.dialogs.cheat_sheet import CheatSheet
from ui.dialogs.propose_dialog import ProposeDialog
from ui.dialogs.skip_dialog import SkipDialog
from ui.prefetch import PixmapCache


def test_skip_asks_a_reason_by_number_key(
    qtbot: QtBot, tmp_path: Path, open_window: OpenWindow
) -> None:
    project = new_project(tmp_path, 3)
    w = open_window(project)
    first = w.session.current
    assert first is not None

    def answer(d: QDialog) -> None:
        QTest.keyClick(d, Qt.Key.Key_1)
        QTest.keyClick(d, Qt.Key.Key_Return)

    seen = when_dialog(SkipDialog, answer)
    key(w, Qt.Key.Key_S)
    assert seen
    rec = project.queue.get(first.id)
    assert rec.status is Status.SKIPPED and rec.status_note == "blurred"
    assert w.session.current is not None and w.session.current.id != first.id


def test_none_of_these_fit_proposes_with_a_region(
    qtbot: QtBot, tmp_path: Path, open_window: OpenWindow
) -> None:
    project = new_project(tmp_path, 3)
    w = open_window(project)
    first = w.session.current
    assert first is not None
    assert w.actions["propose"] in w.image_bar.actions()  # a visible button too

    def answer(d: QDialog) -> None:
        assert isinstance(d, ProposeDialog)
        d.name_edit.insert("बकरी")  # as an input method commits it (QTest types ASCII only)
        QTest.keyClicks(d.reason_edit, "goats are not cattle")
        p = d.picker
        QTest.mousePress(
            p,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
            p.rect().center() - p.rect().center() / 2,
        )
        QTest.mouseMove(p, p.rect().center())
        QTest.mouseRelease(
            p, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, p.rect().center()
        )
        d.accept()

    seen = when_dialog(ProposeDialog, answer)
    key(w, Qt.Key.Key_F)
    assert seen
    [prop] = project.work.proposals()
    assert prop.name == "बकरी" and prop.reason == "goats are not cattle"
    assert prop.region is not None and prop.region.bbox[2] > prop.region.bbox[0]
    assert project.queue.get(first.id).status is Status.FLAGGED
    assert w.session.current is not None and w.session.current.id != first.id


def test_propose_refuses_an_empty_reason(qtbot: QtBot) -> None:
    d = ProposeDialog(None, (100, 80))
    qtbot.addWidget(d)
    d.name_edit.setText("goat")
    d.accept()
    assert d.result() != QDialog.DialogCode.Accepted and d.error.text()


def test_cheat_sheet_lists_every_key_and_label(
    qtbot: QtBot, tmp_path: Path, open_window: OpenWindow
) -> None:
    project = new_project(tmp_path, 1)
    w = open_window(project)
    texts: list[str] = []

    def read(d: QDialog) -> None:
        assert isinstance(d, CheatSheet)
        for table in (d.keys, d.labels):
            for r in range(table.rowCount()):
                texts.append(
                    " ".join(
                        table.item(r, c).text()
                        for c in range(table.columnCount())
                        if table.item(r, c)
                    )
                )
        d.reject()

    when_dialog(CheatSheet, read)
    key(w, Qt.Key.Key_F1)
    joined = "\n".join(texts)
    for words in (
        "Submit and go to the next image",
        "Undo",
        "Draw a box",
        "Skip",
        "None of these fit",
    ):
        assert words in joined
    assert "1 Tree A tree" in joined and "Space + drag" in joined


def test_palette_shows_both_names_filters_and_relabels(
    qtbot: QtBot, tmp_path: Path, open_window: OpenWindow
) -> None:
    project = new_project(tmp_path, 1)
    w = open_window(project)
    pal = w.palette
    assert pal.buttons["tree"].text() == "1   Tree · पेड़"
    pal.set_language("hi")
    assert pal.buttons["tree"].text() == "1   पेड़ · Tree"
    assert pal.buttons["house"].toolTip() == "A house"
    key(w, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # to the filter box
    assert pal.filter.hasFocus() or QApplication.focusWidget() is pal.filter
    pal.filter.insert("घर")
    assert not pal.buttons["tree"].isVisibleTo(pal) and pal.buttons["house"].isVisibleTo(pal)
    QTest.keyClick(pal.filter, Qt.Key.Key_Return)  # picks the one left
    assert w.canvas.current_label == "house"


def test_status_bar_counts_and_sync_slot(
    qtbot: QtBot, tmp_path: Path, open_window: OpenWindow
) -> None:
    project = new_project(tmp_path, 4)
    w = open_window(project)
    key(w, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)  # nothing here: empty
    qtbot.waitUntil(
        lambda: "1 of 4" in w.status.progress.text(), timeout=5_000
    )  # read off the UI thread
    assert "Asha" in w.status.worker.text() and "1" in w.status.today.text()
    w.status.set_sync_state(3, 10, True)
    assert w.status.sync.text() == "Sync: 3 waiting, 10 delivered · online"
    w.status.set_sync_state(0, 13, False, "USB drive")
    assert "offline" in w.status.sync.text() and "USB drive" in w.status.sync.text()


def test_pixmap_cache_stays_within_its_budget(qtbot: QtBot) -> None:
    from PySide6.QtGui import QPixmap

    cache = PixmapCache(budget_bytes=3 * 100 * 100 * 4)
    for i in range(10):
        p = QPixmap(100, 100)
        cache.put(i, p, (400, 400))
    assert len(cache) == 3 and cache.bytes <= cache.budget
    assert 9 in cache and 0 not in cache


def test_prefetch_decodes_ahead_so_the_next_image_is_a_swap(
    qtbot: QtBot, tmp_path: Path, open_window: OpenWindow
) -> None:
    project = new_project(tmp_path, 6)
    w = open_window(project)
    qtbot.waitUntil(lambda: not w.prefetcher.busy(), timeout=5_000)
    nxt = project.queue.step(w.session.current.seq, True, "todo")  # type: ignore[union-attr]
    assert nxt is not None and w.prefetcher.get(nxt.id) is not None
    decoded = w.prefetcher.decoded
    key(w, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert w.session.current is not None and w.session.current.id == nxt.id
    assert w.canvas.has_pixmap()  # painted from the cache, before any event is processed
    assert w.prefetcher.decoded == decoded


def test_classification_window_hides_drawing_tools(
    qtbot: QtBot, tmp_path: Path, open_window: OpenWindow
) -> None:
    project = new_project(tmp_path, 2, kind="classification")
    w = open_window(project)
    bars = [*w.toolbar.actions(), *w.image_bar.actions()]
    visible = [a.text() for a in bars if a.isVisible() and a.text()]
    assert "Draw a box" not in visible and "Submit and go to the next image" in visible
    key(w, Qt.Key.Key_B)  # no tool to switch to
    assert str(w.canvas.tool) == "select"
    assert isinstance(w.centralWidget(), QWidget)


def test_a_cold_image_is_decoded_once_at_the_canvas_scale_and_shown_sharp(
    qtbot: QtBot, tmp_path: Path, open_window: OpenWindow
) -> None:
    """No blurred preview first and no second decode: one decode at the DCT scale that still
    covers the image as the canvas fits it."""
    from ui.decode import fitted

    project = new_project(tmp_path, 3, size=(3200, 2400))
    w = open_window(project, cache_bytes=0, refresh_folder=False)  # no cache: every image cold
    qtbot.waitUntil(lambda: not w.prefetcher.busy(), timeout=10_000)
    decoded = w.prefetcher.decoded
    key(w, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(w.canvas.has_pixmap, timeout=10_000)
    assert w.session.showing_full  # the first picture on screen is the sharp one
    qtbot.waitUntil(lambda: not w.prefetcher.busy(), timeout=10_000)
    assert w.prefetcher.decoded == decoded + 1  # one decode for the image shown
    width = w.canvas._pixmap.pixmap().width()
    fit_w, _ = fitted((3200, 2400), w.prefetcher.target)
    assert fit_w <= width < 2 * fit_w  # covers the fitted image; a finer scale would not
    assert w.prefetcher.cache.bytes == 0


def test_zooming_in_decodes_the_image_sharper(
    qtbot: QtBot, tmp_path: Path, open_window: OpenWindow
) -> None:
    project = new_project(tmp_path, 1, size=(3200, 2400))
    w = open_window(project, refresh_folder=False)
    pixmap = w.canvas._pixmap.pixmap
    qtbot.waitUntil(lambda: w.session.showing_full, timeout=10_000)
    assert pixmap().width() < 3200  # decoded to the canvas size, not 7.7 MP
    while w.canvas.zoom() * 3200 / pixmap().width() < 1.2:  # past the decoded pixels
        key(w, Qt.Key.Key_Equal)  # zoom in
    qtbot.waitUntil(lambda: pixmap().width() == 3200, timeout=10_000)
    assert w.canvas.image_size == (3200, 2400)  # shapes keep their image coordinates


def test_decode_turns_a_phone_photo_upright_and_leaves_an_upright_one_alone(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """EXIF orientation 6 (a phone held upright) is shown turned; orientation 1 or none is
    decoded as stored (without the copy exif_transpose would make)."""
    from PIL import Image

    from ui.decode import decode_image

    im = Image.new("RGB", (400, 200), (200, 30, 30))
    im.paste((20, 20, 220), (0, 0, 100, 200))  # blue on the stored image's left
    turned, upright = tmp_path / "turned.jpg", tmp_path / "upright.jpg"
    exif = Image.Exif()
    exif[0x0112] = 6
    im.save(turned, exif=exif)
    im.save(upright)
    d = decode_image(turned, (1000, 1000))
    assert d.full_size == (200, 400) and (d.image.width(), d.image.height()) == (200, 400)
    top = d.image.pixelColor(100, 20)
    assert top.blue() > 150 and top.red() < 100  # the stored left side is now on top
    d = decode_image(upright, (1000, 1000))
    assert d.full_size == (400, 200) and (d.image.width(), d.image.height()) == (400, 200)
    left = d.image.pixelColor(20, 100)
    assert left.blue() > 150 and left.red() < 100


def test_the_image_list_asks_only_for_the_rows_it_shows_however_long_it_is(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """100,000 images open as fast as 100: showing the list, selecting a row deep in it and
    the reset after a submit ask the model about the rows on screen, not about every row
    (a list view laid out all of them: 0.25 s at 66,000 rows, after every submit)."""
    from labeler import taxonomy
    from labeler.project import Project
    from labeler.store import now
    from tests.conftest import make_images
    from ui.queue_panel import QueuePanel

    make_images(tmp_path / "images", 1)
    project = Project.create(
        tmp_path / "big.hitl",
        name="big",
        image_root=tmp_path / "images",
        kind="boxes",
        taxonomy=taxonomy.from_names(["tree"]),
    )
    stamp = now()
    rows = (
        {"path": f"b/{i:06d}.jpg", "seq": 10 + i, "size": 1, "mtime_ns": 0, "width": 40,
         "height": 30, "format": "JPEG", "sha256": f"{i:064x}", "status": "todo",
         "added_at": stamp}
        for i in range(30_000)
    )  # fmt: skip
    with project.store.write() as db:
        db["images"].insert_all(rows, batch_size=10_000)
    panel = QueuePanel(project.queue)
    qtbot.addWidget(panel)
    try:
        panel.resize(300, 500)
        calls = {"rows": 0}
        count = panel.model.rowCount

        def counted(*args):  # type: ignore[no-untyped-def]
            calls["rows"] += 1
            return count(*args)

        panel.model.rowCount = counted  # type: ignore[method-assign]
        panel.show()
        qtbot.waitExposed(panel)
        target = project.queue.page("todo", 25_000, 1)[0]
        panel.set_current(target.id)
        QApplication.processEvents()
        assert panel.list.currentIndex().row() == 25_000
        assert panel.list.visualRect(panel.list.currentIndex()).intersects(
            panel.list.viewport().rect()
        )  # scrolled to it
        panel.model.refresh(29_999)  # a submit: one image fewer to do
        QApplication.processEvents()
        assert panel.model.rowCount() == 29_999
        assert calls["rows"] < 2_000  # a list view made 4 calls per row: 120,000
    finally:
        panel.close()  # before its project: a hidden list asks for no rows
        project.close()


def test_decoding_ahead_runs_at_a_lower_priority_than_the_image_on_screen(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """On a 2-core PC the decode the worker waits for (a jump, a cold image) gets the CPU
    before the images decoded ahead: their thread has a nice value of 10 (Linux)."""
    import os
    import sys
    import threading

    import pytest
    from PIL import Image

    from ui import prefetch

    if not sys.platform.startswith("linux"):
        pytest.skip("thread priorities by nice value are Linux's")
    Image.new("RGB", (64, 48), "olive").save(tmp_path / "a.jpg")
    seen: dict[str, int] = {}

    def run(name: str, fn) -> None:  # type: ignore[no-untyped-def]
        fn(tmp_path / "a.jpg", (32, 24))
        seen[name] = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

    base = os.getpriority(os.PRIO_PROCESS, os.getpid())
    for name, fn in (
        ("ahead", prefetch._decode_in_background),
        ("on screen", prefetch.decode_image),
    ):
        t = threading.Thread(target=run, args=(name, fn))
        t.start()
        t.join()
    assert seen == {"ahead": min(base + 10, 19), "on screen": base}
    assert os.getpriority(os.PRIO_PROCESS, os.getpid()) == base  # the window's thread keeps its


def test_a_label_whose_key_the_app_keeps_gets_a_digit_instead() -> None:
    """A taxonomy (imported, or from an older server) giving a label L or Q: those keys stay
    the polyline tool and "ask the supervisor"; the label is reached by a digit."""
    from labeler.taxonomy import Label, Taxonomy
    from ui.label_palette import label_keys

    tax = Taxonomy(
        (
            Label("tree", {"en": "Tree"}, "#2e7d32", "L"),
            Label("goat", {"en": "Goat"}, "#123456", "q"),
            Label("cart", {"en": "Cart"}, "#654321", "C"),
        )
    )
    assert label_keys(tax) == {"cart": "C", "tree": "1", "goat": "2"}
