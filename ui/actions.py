"""Every command of the main window as a ``QAction`` with its keys.

Keys work wherever the focus is in the window (except while typing in a text box). Texts are
set in ``retranslate`` so a language switch renames menus, tool tips and the cheat sheet.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QWidget

# name -> keys; the first key is the one shown in menus and the cheat sheet
KEYS: dict[str, tuple[str, ...]] = {
    "submit": ("Return", "Enter"),
    "nothing_here": ("Shift+Return", "Shift+Enter"),
    "correct": ("Ctrl+E",),
    "cancel_correction": ("Ctrl+Shift+E",),
    "next": ("D", "PgDown"),
    "previous": ("A", "PgUp"),
    "skip": ("S",),
    "propose": ("F",),
    "flag": ("Q",),
    "undo": ("Ctrl+Z",),
    "redo": ("Ctrl+Y", "Ctrl+Shift+Z"),
    "delete": ("Delete", "Backspace"),
    "tool_select": ("V",),
    "tool_box": ("B", "W"),
    "tool_polygon": ("P",),
    "tool_point": ("O",),
    "tool_polyline": ("L",),
    "tag_mode": ("T",),
    "zoom_in": ("+", "="),
    "zoom_out": ("-",),
    "fit": ("Home", "Ctrl+0"),
    "one_to_one": ("Ctrl+1",),
    "reopen": ("Ctrl+R",),
    "find_label": ("Ctrl+F", "/"),
    "keys": ("F1", "?"),
    "settings": ("Ctrl+,",),
    "switch_worker": (),
    "open_project": ("Ctrl+O",),
    "transfer": ("Ctrl+U",),
    "quit": ("Ctrl+Q",),
}
# the menu bar: menu -> actions (None: a separator); hidden actions are left out
MENUS: dict[str, tuple[str | None, ...]] = {
    "file": ("switch_worker", "open_project", None, "settings", "quit"),
    "edit": (
        "undo",
        "redo",
        "delete",
        None,
        "tool_select",
        "tool_box",
        "tool_polygon",
        "tool_point",
        "tool_polyline",
        "tag_mode",
    ),
    "image": (
        "submit",
        "nothing_here",
        "next",
        "previous",
        None,
        "skip",
        "propose",
        "flag",
        "reopen",
        "correct",
        "cancel_correction",
        "find_label",
    ),
    "view": ("zoom_in", "zoom_out", "fit", "one_to_one", None, "transfer"),
    "help": ("keys",),
}
TOOLS = ("tool_select", "tool_box", "tool_polygon", "tool_point", "tool_polyline")


def _tr(text: str) -> str:
    return QCoreApplication.translate("Actions", text)


def key_sequence(keys: str) -> QKeySequence:
    """Keys as written in code ("Return", "Ctrl+Z"), whatever the language: Qt reads a plain
    string with the translated key names, and ours call Return "Enter"."""
    return QKeySequence.fromString(keys, QKeySequence.SequenceFormat.PortableText)


def action_texts() -> dict[str, str]:
    return {
        "submit": _tr("Submit and go to the next image"),
        "nothing_here": _tr("Nothing to mark here: submit it empty"),
        "correct": _tr("Correct this submitted image"),
        "cancel_correction": _tr("Cancel the correction"),
        "next": _tr("Next image"),
        "previous": _tr("Previous image"),
        "skip": _tr("Skip this image…"),
        "propose": _tr("None of these fit…"),
        "flag": _tr("Ask the supervisor about this image…"),
        "undo": _tr("Undo"),
        "redo": _tr("Redo"),
        "delete": _tr("Delete the selected shape"),
        "tool_select": _tr("Select, move and resize"),
        "tool_box": _tr("Draw a box"),
        "tool_polygon": _tr("Draw a polygon"),
        "tool_point": _tr("Mark a point"),
        "tool_polyline": _tr("Draw a line (road, wire, crack)"),
        "tag_mode": _tr("Label keys label the whole image"),
        "zoom_in": _tr("Zoom in"),
        "zoom_out": _tr("Zoom out"),
        "fit": _tr("Fit the image to the window"),
        "one_to_one": _tr("Actual size (1:1)"),
        "reopen": _tr("Put this image back to do"),
        "find_label": _tr("Find a label by typing"),
        "keys": _tr("Keys (cheat sheet)"),
        "settings": _tr("Settings…"),
        "switch_worker": _tr("Switch worker…"),
        "open_project": _tr("Open another project…"),
        "transfer": _tr("USB drive and sync…"),
        "quit": _tr("Quit"),
    }


def shown_key(name: str) -> str:
    if not KEYS[name]:
        return ""
    return KEYS[name][0].replace("Return", "Enter")  # the keycap says Enter


def short_texts() -> dict[str, str]:
    """Toolbar button texts (the menus carry the long ones)."""
    return {
        "submit": _tr("Submit"),
        "nothing_here": _tr("Nothing here"),
        "correct": _tr("Correct it"),
        "skip": _tr("Skip"),
        "propose": _tr("None of these fit"),
        "flag": _tr("Ask the supervisor"),
        "tool_select": _tr("Select"),
        "tool_box": _tr("Box"),
        "tool_polygon": _tr("Polygon"),
        "tool_point": _tr("Point"),
        "tool_polyline": _tr("Line"),
        "tag_mode": _tr("Whole image"),
        "fit": _tr("Fit"),
    }


SYMBOLS = {"zoom_in": "+", "zoom_out": "−"}  # toolbar buttons that need no words


def extra_keys() -> list[tuple[str, str]]:
    """Keys that are not actions (mouse and canvas keys), for the cheat sheet."""
    return [
        (_tr("Mouse wheel"), _tr("Zoom around the pointer")),
        (_tr("Space + drag"), _tr("Move the image (also: drag empty space, middle button)")),
        (_tr("Esc"), _tr("Cancel the shape being drawn, clear the selection")),
        (_tr("Enter"), _tr("While drawing a polygon or a line: finish it")),
        (_tr("Ctrl + click"), _tr("Add a shape to the selection")),
        (_tr("Tab, Shift + Tab"), _tr("Select the next or previous shape")),
        (_tr("Arrow keys"), _tr("Move the selected shape by 1 pixel (with Shift: 10)")),
    ]


class Actions(QObject):
    """The window's actions by name; ``window.addAction`` makes their keys live."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.act: dict[str, QAction] = {}
        self.tools = QActionGroup(self)
        for name, keys in KEYS.items():
            a = QAction(window)
            a.setShortcuts([key_sequence(k) for k in keys])
            if name in TOOLS:
                a.setCheckable(True)
                self.tools.addAction(a)
            elif name in ("tag_mode",):
                a.setCheckable(True)
            window.addAction(a)
            self.act[name] = a
        self.retranslate()

    def __getitem__(self, name: str) -> QAction:
        return self.act[name]

    def retranslate(self) -> None:
        for name, text in action_texts().items():
            a = self.act[name]
            a.setText(text)
            key = shown_key(name)
            a.setToolTip(f"{text} ({key})" if key else text)
        for name, text in short_texts().items():
            self.act[name].setIconText(f"{text} ({shown_key(name)})")
        for name, symbol in SYMBOLS.items():
            self.act[name].setIconText(symbol)

    def cheat_rows(self) -> list[tuple[str, str]]:
        """(keys, what they do) for every action, then the mouse keys."""
        rows = []
        for name, keys in KEYS.items():
            if self.act[name].isVisible():
                names = [
                    key_sequence(k).toString(QKeySequence.SequenceFormat.NativeText) for k in keys
                ]
                shown = ", ".join(dict.fromkeys(names))  # Return and Enter both show "Enter"
                rows.append((shown, action_texts()[name]))
        return rows + extra_keys()
