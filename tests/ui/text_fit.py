"""Does every text fit its widget? Glyph boxes measured with the widget's own font.

Large Hindi text cut off at the top or bottom ("हिन्दी" drawn as "ıहन्दा", matras cut)
happens when a widget is given a fixed size in pixels, or the style's padding leaves less
room than the font needs. ``clipped_texts`` walks a window's visible widgets and names each
label, button, check box, radio button and combo box whose text's ink (the tight glyph box,
which holds the marks above and below Devanagari letters) is larger than the room the
widget gives its text.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QTextLayout
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QLabel,
    QPushButton,
    QRadioButton,
    QStyle,
    QStyleOptionButton,
    QStyleOptionComboBox,
    QWidget,
)

SLACK = 2.5  # pixels: rounding, and where a style puts the baseline
WIDTH_SLACK = 3.0  # a style's contents rectangle keeps a little room of its own


def ink_extent(text: str, widget: QWidget) -> tuple[float, float]:
    """Top and bottom of the text's glyphs relative to its baseline (fallback fonts
    included): Devanagari marks reach above the ascent and below the descent of many fonts."""
    fm = QFontMetricsF(widget.font())
    top, bottom = -fm.ascent(), fm.descent()
    layout = QTextLayout(text, widget.font())
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    for run in layout.glyphRuns():
        raw = run.rawFont()
        for glyph in run.glyphIndexes():
            box = raw.boundingRect(glyph)
            top, bottom = min(top, box.top()), max(bottom, box.bottom())
    return top, bottom


def _text_room(w: QWidget) -> QRect | None:
    style = w.style()
    if isinstance(w, QRadioButton | QCheckBox):
        opt = QStyleOptionButton()
        opt.initFrom(w)
        opt.text = w.text()
        element = (
            QStyle.SubElement.SE_RadioButtonContents
            if isinstance(w, QRadioButton)
            else QStyle.SubElement.SE_CheckBoxContents
        )
        return style.subElementRect(element, opt, w)
    if isinstance(w, QPushButton):  # style sheets pad it as they like: the frame is the limit
        return w.rect().adjusted(2, 2, -2, -2)
    if isinstance(w, QComboBox):
        opt = QStyleOptionComboBox()
        opt.initFrom(w)
        opt.currentText = w.currentText()
        return style.subControlRect(
            QStyle.ComplexControl.CC_ComboBox, opt, QStyle.SubControl.SC_ComboBoxEditField, w
        )
    if isinstance(w, QLabel):
        return w.contentsRect()
    return None


def _text_of(w: QWidget) -> str:
    if isinstance(w, QAbstractButton):
        return w.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
    if isinstance(w, QComboBox):
        return w.currentText()
    if isinstance(w, QLabel) and w.textFormat() != Qt.TextFormat.RichText and not w.pixmap():
        return w.text()
    return ""


def clipped_texts(root: QWidget) -> list[str]:
    out = []
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisible():
            continue
        text = _text_of(w)
        room = _text_room(w)
        if not text.strip() or room is None:
            continue
        fm = QFontMetricsF(w.font())
        if isinstance(w, QLabel) and w.wordWrap():
            needed = fm.boundingRect(QRectF(room), int(Qt.TextFlag.TextWordWrap), text)
            if needed.height() > room.height() + SLACK:
                out.append(
                    f"{type(w).__name__} {text!r}: needs {needed.height():.0f} px high, has {room.height()}"
                )
            continue
        lines = text.split("\n")
        width = max(fm.horizontalAdvance(line) for line in lines)
        elides = isinstance(w, QLabel | QComboBox)  # a combo box shortens its text with "…"
        if not elides and width > room.width() + WIDTH_SLACK:
            out.append(
                f"{type(w).__name__} {text!r}: needs {width:.0f} px wide, has {room.width()}"
            )
        # the lines are centred in the room; painting is clipped to the widget
        block = fm.lineSpacing() * (len(lines) - 1) + fm.height()
        baseline = room.center().y() + 0.5 - block / 2 + fm.ascent()
        top = baseline + ink_extent(lines[0], w)[0]
        bottom = baseline + fm.lineSpacing() * (len(lines) - 1) + ink_extent(lines[-1], w)[1]
        if top < -SLACK or bottom > w.height() + SLACK:
            out.append(
                f"{type(w).__name__} {text!r}: glyphs from {top:.0f} to {bottom:.0f} px,"
                f" the widget is {w.height()} px high"
            )
    return out
