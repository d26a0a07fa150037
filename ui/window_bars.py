"""The main window's bars and panels: docks, the tool and image bars, menus, label keys.

Functions of the window (``ui.main_window`` calls each once while it assembles itself).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QDockWidget, QToolBar, QWidget

from ui.actions import MENUS, TOOLS, key_sequence
from ui.canvas import Tool

if TYPE_CHECKING:
    from ui.main_window import MainWindow

DRAW_ORDER = (Tool.BOX, Tool.POLYGON, Tool.POINT, Tool.POLYLINE)  # a new worker's first tool


def dock(w: MainWindow, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
    """A panel docked at ``area``: movable, never closable (it would be lost)."""
    dock = QDockWidget()
    dock.setObjectName(type(widget).__name__)
    dock.setWidget(widget)
    dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
    w.addDockWidget(area, dock)
    return dock


def toolbar(w: MainWindow, name: str, area: Qt.ToolBarArea) -> QToolBar:
    """A fixed bar of text buttons (each says its key)."""
    bar = QToolBar()
    bar.setObjectName(name)
    bar.setMovable(False)
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    w.addToolBar(area, bar)
    return bar


def build_bars_and_menus(w: MainWindow) -> None:
    """Tools and zoom above the image, the image's actions under it, the menus, and the
    label keys; actions a project's kind does not use are left out."""
    a = w.actions
    allowed = {f"tool_{t}" for t in w.canvas.allowed_tools()}
    drawing = len(allowed) > 1
    for name in TOOLS:
        a[name].setVisible(drawing and name in allowed)
        a[name].setEnabled(drawing and name in allowed)
        if drawing and name in allowed:
            w.toolbar.addAction(a[name])
    mixed = drawing and w.project.kind.tags is not None
    a["tag_mode"].setVisible(mixed)
    a["tag_mode"].setEnabled(mixed)
    if mixed:
        w.toolbar.addAction(a["tag_mode"])
    w.toolbar.addSeparator()
    w.toolbar.addAction(a["zoom_out"])
    w.toolbar.addWidget(w.zoom_label)
    w.toolbar.addAction(a["zoom_in"])
    w.toolbar.addAction(a["fit"])
    for name in ("submit", "nothing_here", "skip", "propose", "flag"):
        w.image_bar.addAction(a[name])
    a["nothing_here"].setVisible(not w.project.kind.is_classification)
    w.menus = {k: w.menuBar().addMenu("") for k in MENUS}
    for menu, names in MENUS.items():
        for name in names:
            if name is None:
                w.menus[menu].addSeparator()
            elif a[name].isVisible():
                w.menus[menu].addAction(a[name])
    bind_label_keys(w)


def bind_label_keys(w: MainWindow) -> None:
    """One shortcut per label key; called again when a new label list arrives."""
    for sc in w.label_shortcuts.values():
        sc.setEnabled(False)
        sc.deleteLater()
    w.label_shortcuts.clear()
    for label_id, key in w.palette.keys.items():
        sc = QShortcut(key_sequence(key), w)
        sc.activated.connect(lambda i=label_id: w.session.choose_label(i))
        w.label_shortcuts[label_id] = sc


def start_tool(w: MainWindow) -> None:
    """The worker's last tool; a new worker in a drawing project starts drawing."""
    allowed = w.canvas.allowed_tools()
    last = getattr(w.settings, "tool", None)
    if last in {str(t) for t in allowed}:
        w.canvas.set_tool(Tool(last))
    else:
        first = next((t for t in DRAW_ORDER if t in allowed), Tool.SELECT)
        w.canvas.set_tool(first)
    w.actions[f"tool_{w.canvas.tool}"].setChecked(True)
