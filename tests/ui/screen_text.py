"""Every text a window shows, and the English words left in it.

``shown_texts`` walks a window's visible widgets (labels, buttons, menus and their actions,
tool tips, combo box items, tabs, table and list cells, progress bar text, window titles);
``english_words`` finds Latin-script words that are neither key names, file names, numbers
nor data the worker or supervisor typed (label names, worker names, the project's name).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QMenuBar,
    QPlainTextEdit,
    QProgressBar,
    QTableWidget,
    QTabWidget,
    QToolBar,
    QTreeWidget,
    QWidget,
)

from ui.elided_label import ElidedLabel
from ui.messages import ORIGINAL

KEY_WORDS = {
    "Enter", "Esc", "Tab", "Shift", "Ctrl", "Space", "Delete", "Backspace", "Home", "End",
    "Page", "Up", "Down", "Alt", "PgUp", "PgDown", "Del", "Return", "Ins", "Left", "Right",
}  # fmt: skip
NAMES = {
    "HITL",
    "USB",
    "Noto",
    "Sans",
    "Devanagari",
    "SIL",
    "Open",
    "Font",
    "License",
    "OFL",
    "http",
    "https",
}  # + the address schemes
STRIP = [
    re.compile(r"\S+://\S+"),  # addresses
    re.compile(r"\S*[/\\]\S*"),  # paths
    re.compile(r"[\w.-]+\.(?:[A-Za-z0-9]{1,6}|hitl-enroll|hitl-relay)\b"),  # file names
    re.compile(r"(?<!\w)\.(?:hitl-enroll|hitl-relay|[a-z0-9]{2,5})\b"),  # a file type: ".txt"
    re.compile(r"\bdev-[0-9a-f]+\b|\b[0-9a-f]{12,}\b"),  # device ids, hashes
    re.compile(r"\bF\d{1,2}\b|\b[A-Z]\b"),  # F9, single key letters (S), (B)
]
LATIN = re.compile(r"[A-Za-z][A-Za-z'’]*")


def english_words(text: str, data: Iterable[str] = ()) -> list[str]:
    """Latin-script words in ``text`` that are not keys, files, numbers or ``data``."""
    allowed = KEY_WORDS | NAMES | {w for d in data for w in LATIN.findall(d)}
    text = re.sub(r"<[^>]+>", " ", text)  # rich text: the tags are not words on screen
    for pattern in STRIP:
        text = pattern.sub(" ", text)
    return [w for w in LATIN.findall(text.replace("&", "")) if w not in allowed]


def _widget_texts(w: QWidget) -> list[str]:
    tip = "" if w.property(ORIGINAL) else w.toolTip()  # a message's English original, marked
    out = [tip, w.windowTitle() if w.isWindow() else ""]
    if isinstance(w, QLabel | QAbstractButton):
        out.append(w.text())
    if isinstance(w, ElidedLabel):
        out.append(w.text())
    if isinstance(w, QGroupBox):
        out.append(w.title())
    if isinstance(w, QComboBox):
        out += [w.itemText(i) for i in range(w.count())] + [w.placeholderText()]
    if isinstance(w, QLineEdit | QPlainTextEdit):
        out.append(w.placeholderText())
    if isinstance(w, QTabWidget):
        out += [w.tabText(i) for i in range(w.count())]
    if isinstance(w, QProgressBar) and w.isTextVisible():
        out.append(w.text())
    if isinstance(w, QTableWidget):
        for c in range(w.columnCount()):
            h = w.horizontalHeaderItem(c)
            out.append(h.text() if h else "")
            for r in range(w.rowCount()):
                it = w.item(r, c)
                out.append(it.text() if it else "")
    if isinstance(w, QTreeWidget):
        h = w.headerItem()
        out += [h.text(c) for c in range(w.columnCount())]
    if isinstance(w, QListWidget):
        out += [w.item(i).text() for i in range(w.count())]
    if isinstance(w, QMenuBar | QMenu | QToolBar):
        for a in QWidget.actions(w):
            if a.isVisible():
                out += [a.text(), a.iconText(), a.toolTip()]
                if a.menu() is not None:
                    out.append(a.menu().title())
                    out += [b.text() for b in a.menu().actions() if b.isVisible()]
    return out


def shown_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) for every text on ``root`` and its visible children."""
    out = []
    for w in [root, *root.findChildren(QWidget)]:
        if w is not root and not w.isVisibleTo(root):
            continue
        where = f"{type(root).__name__} › {type(w).__name__} {w.objectName()}".strip()
        out += [(where, t) for t in _widget_texts(w) if t and t.strip()]
    for a in QWidget.actions(root):  # (the main window names its own Actions "actions")
        out += [(f"{type(root).__name__} › action", t) for t in (a.text(), a.toolTip()) if t]
    return out


def english_in(root: QWidget, data: Iterable[str] = ()) -> list[str]:
    data = list(data)
    return [
        f"{where}: {text!r} ({', '.join(words)})"
        for where, text in shown_texts(root)
        if (words := english_words(text, data))
    ]
