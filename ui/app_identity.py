"""How the operating system sees the app: its name, its icon (window title bar, taskbar,
Alt+Tab) and, on Linux, which ``.desktop`` entry its windows belong to."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication, QIcon

from labeler import __version__
from labeler.resources import resource

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)


def app_icon() -> QIcon:
    """The icon drawn by ``packaging/make_icons.py``, at every size it was drawn."""
    icon = QIcon()
    for n in ICON_SIZES:
        path = resource("icons", f"hitl-labeler-{n}.png")
        if path.is_file():
            icon.addFile(str(path))
    return icon


def apply(app: QGuiApplication) -> None:
    """Name, version and icon of the app; matches ``packaging/hitl-labeler.desktop``."""
    app.setApplicationName("HITL Labeler")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("hitl-labeler")
    icon = app_icon()
    if not icon.isNull():
        app.setWindowIcon(icon)
