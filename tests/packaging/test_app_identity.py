"""The app shows its own icon and belongs to the .desktop entry the Linux package installs."""

from __future__ import annotations

import configparser
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

import labeler
from ui import app_identity

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def restored(qapp: QApplication) -> Iterator[QApplication]:
    before = (qapp.applicationName(), qapp.applicationVersion(), qapp.desktopFileName())
    icon = qapp.windowIcon()
    yield qapp
    qapp.setApplicationName(before[0])
    qapp.setApplicationVersion(before[1])
    qapp.setDesktopFileName(before[2])
    qapp.setWindowIcon(icon if not icon.isNull() else QIcon())


def test_window_icon_name_and_version(restored: QApplication) -> None:
    app_identity.apply(restored)
    icon = restored.windowIcon()
    assert not icon.isNull()
    assert {s.width() for s in icon.availableSizes()} >= {16, 32, 48, 256}
    assert restored.applicationVersion() == labeler.__version__
    assert restored.applicationName() == "HITL Labeler"


def test_desktop_entry_matches_the_app(restored: QApplication) -> None:
    app_identity.apply(restored)
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(ROOT / "packaging" / "hitl-labeler.desktop", encoding="utf-8")
    d = entry["Desktop Entry"]
    assert restored.desktopFileName() == "hitl-labeler"
    assert d["Icon"] == "hitl-labeler" and d["StartupWMClass"] == "hitl-labeler"
    assert d["Exec"].startswith("@EXEC@")  # install.sh writes the installed path
    assert d["Type"] == "Application" and d["Terminal"] == "false"


def test_windows_icon_has_every_size() -> None:
    from PIL import Image

    with Image.open(ROOT / "resources" / "icons" / "hitl-labeler.ico") as ico:
        sizes = {w for w, _ in ico.info["sizes"]}
    assert sizes >= {16, 24, 32, 48, 256}
