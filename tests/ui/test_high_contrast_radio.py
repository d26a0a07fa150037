"""High contrast: a radio button stays round at every text size (a square one reads as a
check box: "pick one" looks like "pick any")."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QRadioButton, QStyle, QStyleOptionButton
from pytestqt.qtbot import QtBot

from ui.theme import apply_theme


@pytest.mark.parametrize("large_text", [False, True])
def test_a_high_contrast_radio_button_is_round_at_every_text_size(
    qtbot: QtBot, large_text: bool
) -> None:
    app = QApplication.instance()
    apply_theme(app, large_text=large_text, high_contrast=True)  # type: ignore[arg-type]
    try:
        radio = QRadioButton("एक")
        qtbot.addWidget(radio)
        radio.show()
        qtbot.waitExposed(radio)
        opt = QStyleOptionButton()
        radio.initStyleOption(opt)
        box = radio.style().subElementRect(QStyle.SubElement.SE_RadioButtonIndicator, opt, radio)
        image = radio.grab().toImage()
        corner = image.pixelColor(box.left() + 1, box.top() + 1)
        edge = image.pixelColor(box.center().x(), box.top() + 1)
        assert edge.lightness() > 200  # the white ring at the top
        assert corner.lightness() < 60  # but not in the corner: round, not square
    finally:
        apply_theme(app, large_text=False, high_contrast=False)  # type: ignore[arg-type]
