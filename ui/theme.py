"""Fonts, palette and text size: calm by default, large text and high contrast on request.

A worker looks at this for eight hours, so the default palette is soft and low-glare. The
bundled Noto Sans Devanagari is added to every font's fallback list, so Hindi renders on a PC
that has no Devanagari font installed.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from labeler.resources import resource

DEVANAGARI_FAMILY = "Noto Sans Devanagari"
FONT_FILES = ("NotoSansDevanagari-Regular.ttf", "NotoSansDevanagari-Bold.ttf")
LARGE_TEXT_FACTOR = 1.4
MIN_BASE_POINT_SIZE = 10.0  # a little bigger than many platform defaults: easier on the eyes

_loaded_families: list[str] = []
_base_font: QFont | None = None  # the platform's default font, before we scaled it


def load_fonts() -> list[str]:
    """Register the bundled fonts once; returns their family names."""
    if _loaded_families:
        return list(_loaded_families)
    for name in FONT_FILES:
        font_id = QFontDatabase.addApplicationFont(str(resource("fonts", name)))
        if font_id < 0:
            continue  # a broken or missing file: fall back to whatever the system has
        for family in QFontDatabase.applicationFontFamilies(font_id):
            if family not in _loaded_families:
                _loaded_families.append(family)
    if DEVANAGARI_FAMILY in _loaded_families:
        default = QGuiApplication.font().family()
        QFont.insertSubstitutions(default, [DEVANAGARI_FAMILY])
    return list(_loaded_families)


def ui_font(point_size: float) -> QFont:
    """The app font: the platform's family first, then the bundled Devanagari one per glyph."""
    base = QFont(_platform_font())
    families = [base.family()]
    if DEVANAGARI_FAMILY in _loaded_families or DEVANAGARI_FAMILY in QFontDatabase.families():
        families.append(DEVANAGARI_FAMILY)
    base.setFamilies(families)
    base.setPointSizeF(point_size)
    return base


def _platform_font() -> QFont:
    global _base_font
    if _base_font is None:
        _base_font = QFont(QGuiApplication.font())
    return _base_font


def base_point_size(*, large_text: bool) -> float:
    size = max(_platform_font().pointSizeF(), MIN_BASE_POINT_SIZE)
    return round(size * (LARGE_TEXT_FACTOR if large_text else 1.0), 1)


def apply_theme(app: QApplication, *, large_text: bool, high_contrast: bool) -> None:
    """Set style, palette, font size and focus outlines for the whole app, at any time."""
    load_fonts()
    app.setStyle("Fusion")  # the same look on Windows and Linux, and it honours palettes
    app.setFont(ui_font(base_point_size(large_text=large_text)))
    if high_contrast:
        app.setPalette(high_contrast_palette())
        app.setStyleSheet(HIGH_CONTRAST_STYLE)
    else:
        app.setPalette(calm_palette())
        app.setStyleSheet(CALM_STYLE)


def _palette(colours: dict[QPalette.ColorRole, str], disabled_text: str) -> QPalette:
    pal = QPalette()
    for role, colour in colours.items():
        pal.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText):
        pal.setColor(QPalette.ColorGroup.Disabled, role, QColor(disabled_text))
    pal.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor(disabled_text))
    return pal


def calm_palette() -> QPalette:
    """Warm light grey, dark grey text, one muted blue accent."""
    R = QPalette.ColorRole
    return _palette(
        {
            R.Window: "#eeece8",
            R.WindowText: "#26282b",
            R.Base: "#fbfaf8",
            R.AlternateBase: "#f2f0ec",
            R.Text: "#26282b",
            R.Button: "#e4e1dc",
            R.ButtonText: "#26282b",
            R.BrightText: "#ffffff",
            R.Highlight: "#3d6e9e",
            R.HighlightedText: "#ffffff",
            R.ToolTipBase: "#fffbe6",
            R.ToolTipText: "#26282b",
            R.PlaceholderText: "#6b6f75",
            R.Link: "#2c5a86",
            R.Mid: "#c9c5bf",
            R.Dark: "#9e9a94",
        },
        disabled_text="#8c8f94",
    )


def high_contrast_palette() -> QPalette:
    """Black and white with yellow for selection and focus (WCAG AAA contrast)."""
    R = QPalette.ColorRole
    return _palette(
        {
            R.Window: "#000000",
            R.WindowText: "#ffffff",
            R.Base: "#000000",
            R.AlternateBase: "#1a1a1a",
            R.Text: "#ffffff",
            R.Button: "#000000",
            R.ButtonText: "#ffffff",
            R.BrightText: "#ffff00",
            R.Highlight: "#ffff00",
            R.HighlightedText: "#000000",
            R.ToolTipBase: "#000000",
            R.ToolTipText: "#ffff00",
            R.PlaceholderText: "#c0c0c0",
            R.Link: "#ffff00",
            R.Light: "#ffffff",
            R.Mid: "#ffffff",
            R.Dark: "#ffffff",
        },
        disabled_text="#a0a0a0",
    )


# Fusion draws focus in the palette's highlight colour; the active tool gets the accent too
CALM_STYLE = """
QToolButton:checked { background: #3d6e9e; color: #ffffff; border-radius: 3px; }
"""

HIGH_CONTRAST_STYLE = """
QPushButton, QToolButton, QComboBox, QLineEdit, QPlainTextEdit, QTextEdit, QSpinBox,
QListView, QTreeView, QTableView {
    border: 2px solid #ffffff; padding: 4px;
}
QCheckBox, QRadioButton {
    border: 4px solid transparent;  /* the focus outline's room: focus must not squeeze text */
}
QPushButton:focus, QToolButton:focus, QComboBox:focus, QLineEdit:focus, QPlainTextEdit:focus,
QTextEdit:focus, QSpinBox:focus, QListView:focus, QTreeView:focus, QTableView:focus,
QCheckBox:focus, QRadioButton:focus {
    border: 4px solid #ffff00;
}
QPushButton:hover, QToolButton:hover { border-color: #ffff00; }
QPushButton:default { border-width: 3px; }
QPushButton:disabled, QToolButton:disabled { color: #a0a0a0; border-color: #a0a0a0; }
QCheckBox::indicator, QRadioButton::indicator {
    width: 1em; height: 1em; border: 2px solid #ffffff; background: #000000;
}
QRadioButton::indicator { border-radius: 0.5em; }  /* at most half its side: Qt draws a larger radius square */
QCheckBox::indicator:checked { background: #ffff00; }
QRadioButton::indicator:checked {
    background: qradialgradient(cx: 0.5, cy: 0.5, radius: 0.5, fx: 0.5, fy: 0.5,
        stop: 0 #ffff00, stop: 0.55 #ffff00, stop: 0.6 #000000, stop: 1 #000000);
}
QToolButton:checked {
    background: #ffff00; color: #000000; border: 3px solid #ffff00; font-weight: bold;
}
QListView::item:selected, QTreeView::item:selected, QTableView::item:selected,
QMenu::item:selected, QMenuBar::item:selected {
    background: #ffff00; color: #000000;
}
QToolTip { background: #000000; color: #ffff00; border: 2px solid #ffff00; }
QProgressBar { border: 2px solid #ffffff; text-align: center; }
QProgressBar::chunk { background: #ffff00; }
"""
