"""A fixture that puts the QApplication's language and look back after a test.

The QApplication lives for the whole test session, so a test that switches to Hindi or high
contrast must not leave it that way for the tests after it.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from ui.i18n import install_language


@pytest.fixture(name="restore_look")
def restore_look_fixture(qapp: QApplication) -> Iterator[QApplication]:
    font, palette, sheet = qapp.font(), qapp.palette(), qapp.styleSheet()
    style = qapp.style().name()
    yield qapp
    install_language(qapp, "en")
    qapp.setStyle(style)
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)
    qapp.setFont(font)
