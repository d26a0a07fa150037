"""Where the main window opens: inside the screen's free area, and where it was last time.

A centre PC has a 1366x768 monitor or a 1024x600 netbook screen; a window opened at a fixed
1280x800 put the status bar or the labels panel off the screen. On a small screen the window
opens maximised; on a bigger one it takes most of the free area, centred. What the worker
left (size, position, maximised, the panels' widths) is kept per PC user in
``window.json`` and used again only while it still fits the screen it is on.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QByteArray, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QDockWidget, QMainWindow

from labeler.appdirs import config_dir
from labeler.atomic_file import write_atomic

SMALL_SCREEN = QSize(1440, 860)  # below this (free area) the window opens maximised
WINDOW_FILE = "window.json"
STATE_VERSION = 1  # of the dock layout kept by ``saveState``
DockShares = Sequence[tuple[QDockWidget, float, Qt.Orientation]]


def memory_path() -> Path:
    return config_dir() / WINDOW_FILE


def is_small(area: QRect) -> bool:
    return area.width() < SMALL_SCREEN.width() or area.height() < SMALL_SCREEN.height()


def default_rect(area: QRect) -> QRect:
    """Most of a big screen's free area, centred (a small screen is used whole)."""
    w = min(area.width(), max(int(area.width() * 0.85), 1280))
    h = min(area.height(), max(int(area.height() * 0.85), 800))
    rect = QRect(0, 0, w, h)
    rect.moveCenter(area.center())
    return rect


def _load() -> dict[str, object]:
    try:
        data = json.loads(memory_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _bytes(value: object) -> QByteArray | None:
    if not isinstance(value, str) or not value:
        return None
    return QByteArray.fromBase64(value.encode("ascii"))


def place(window: QMainWindow, docks: DockShares = ()) -> bool:
    """Size and position ``window`` before it is shown; True if it should open maximised.

    ``docks``: (dock, share of the screen's width or height, orientation) for a first start;
    the panels then leave the image most of the room on any screen."""
    screen: QScreen | None = window.screen() or QGuiApplication.primaryScreen()
    area = screen.availableGeometry() if screen is not None else QRect(0, 0, 1024, 600)
    data = _load()
    geometry, state = _bytes(data.get("geometry")), _bytes(data.get("state"))
    if state is None or not window.restoreState(state, STATE_VERSION):
        for dock, share, orientation in docks:
            size = area.width() if orientation == Qt.Orientation.Horizontal else area.height()
            window.resizeDocks([dock], [int(size * share)], orientation)
    restored = geometry is not None and window.restoreGeometry(geometry)
    if restored and area.contains(window.geometry()):
        return bool(data.get("maximised"))
    window.setGeometry(default_rect(area))
    return is_small(area)


def remember(window: QMainWindow) -> None:
    """Keep the window's size, place and panel widths for next time (never an error)."""
    data = {
        "geometry": bytes(window.saveGeometry().toBase64().data()).decode("ascii"),
        "state": bytes(window.saveState(STATE_VERSION).toBase64().data()).decode("ascii"),
        "maximised": window.isMaximized(),
    }
    with contextlib.suppress(OSError):
        write_atomic(memory_path(), json.dumps(data) + "\n")
