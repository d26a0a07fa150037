""" "None of these fit" through the real window: the window is back at once (the proposal is
committed), the picture of the marked region is cut in the background, and the proposal
reaches the outbox with it."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PIL import Image, ImageFilter
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from labeler import crops, proposal_pictures, taxonomy
from labeler.project import Project
from sync.bundle import read_bundle
from sync.enrollment import enroll
from sync.identity import load_identity
from sync.outbox import Outbox
from tests.conftest import TAXONOMY_TEXT, make_images
from tests.sync.support import FakeServerKey
from tests.ui.window_helpers import OpenWindow, key, when_dialog
from ui.dialogs.propose_dialog import ProposeDialog


def _camera_photo(path: Path) -> None:
    """A 12 MP JPEG textured like foliage, so it is as large and slow to decode as a camera's."""
    noise = Image.effect_noise((4000, 3000), 60).filter(ImageFilter.GaussianBlur(1.2))
    Image.merge("RGB", (noise, noise.rotate(180), noise.transpose(0))).save(path, quality=90)


def test_proposing_returns_at_once_and_the_picture_follows_to_the_outbox(
    qtbot: QtBot, tmp_path: Path, open_window: OpenWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "images"
    folder.mkdir()
    _camera_photo(folder / "a_photo.jpg")  # first in the queue
    make_images(folder, 2, size=(320, 240))
    tax = taxonomy.parse(TAXONOMY_TEXT)
    project = Project.create(
        tmp_path / "work.hitl", name="Test", image_root=folder, kind="boxes", taxonomy=tax
    )
    project.index.scan()
    project.index.hash_pending()
    enroll(project, FakeServerKey().enrollment(tmp_path, tax))
    w = open_window(project, hooks=False)
    photo = w.session.current
    assert photo is not None and photo.path == "a_photo.jpg"
    cut_on: list[str] = []  # the thread each picture is cut on (the real cut runs)
    real_cut = proposal_pictures.make_crop

    def cut(*args, **kw):  # type: ignore[no-untyped-def]
        cut_on.append(threading.current_thread().name)
        return real_cut(*args, **kw)

    monkeypatch.setattr(proposal_pictures, "make_crop", cut)

    def answer(d: QDialog) -> None:
        assert isinstance(d, ProposeDialog)
        QTest.keyClicks(d.name_edit, "bullock cart")
        QTest.keyClicks(d.reason_edit, "carts are not in the list")
        p, c = d.picker, d.picker.rect().center()
        # a small region: its picture needs the 12 MP photo decoded whole (no draft mode)
        QTest.mousePress(p, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, c)
        QTest.mouseMove(p, c + QPoint(3, 3))
        QTest.mouseRelease(
            p, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, c + QPoint(3, 3)
        )
        d.accept()

    seen = when_dialog(ProposeDialog, answer)
    key(w, Qt.Key.Key_F)
    assert seen
    # the proposal is on disk already and the window shows the next image
    [prop] = project.work.proposals()
    assert prop.name == "bullock cart" and prop.region is not None
    assert w.session.current is not None and w.session.current.id != photo.id

    qtbot.waitUntil(lambda: not proposal_pictures.pending(project), timeout=20_000)
    qtbot.waitUntil(lambda: not w.session.pictures.busy(), timeout=5_000)
    [prop] = project.work.proposals()
    assert prop.crop is not None
    # cut once, and not on the UI thread: the window never waited for the 12 MP decode
    assert len(cut_on) == 1 and cut_on[0] != threading.main_thread().name

    [bundle] = Outbox(project).pack()
    ident = load_identity(project)
    got = read_bundle(Outbox(project).read_bytes(bundle), secret_for=lambda _d: ident.secret)
    [sent] = got.proposals
    assert sent["uuid"] == prop.uuid
    picture = crops.check_crop(sent["crop"])
    assert picture.data == prop.crop and max(picture.width, picture.height) <= crops.CROP_SIDE
