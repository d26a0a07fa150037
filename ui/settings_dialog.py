"""Settings a worker changes for themself: language, large text, high contrast.

Each change shows at once (the whole app retranslates and restyles while the dialog is
open), so a worker sees what they pick; Cancel puts the old settings back. After ``exec()``
returns Accepted, ``settings`` holds the new ``WorkerSettings`` for the caller to save.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import LANGUAGES, Retranslating, install_language
from ui.settings import WorkerSettings
from ui.theme import apply_theme


def apply_settings(app: QApplication, settings: WorkerSettings) -> None:
    """Make the running app show ``settings``: language, text size and contrast."""
    install_language(app, settings.language)
    apply_theme(app, large_text=settings.large_text, high_contrast=settings.high_contrast)


class SettingsDialog(Retranslating, QDialog):
    """Language, text size and contrast, previewed live."""

    def __init__(self, settings: WorkerSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.original = replace(settings)
        self.settings = replace(settings)

        self.language_label = QLabel()
        self.language_combo = QComboBox()
        for code, name in LANGUAGES.items():  # each language named in itself
            self.language_combo.addItem(name, code)
        index = self.language_combo.findData(settings.language)
        self.language_combo.setCurrentIndex(max(index, 0))
        self.language_label.setBuddy(self.language_combo)
        self.large_text_check = QCheckBox()
        self.large_text_check.setChecked(settings.large_text)
        self.high_contrast_check = QCheckBox()
        self.high_contrast_check.setChecked(settings.high_contrast)
        self.note_label = QLabel()
        self.note_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.language_label, self.language_combo)
        form.addRow(self.large_text_check)
        form.addRow(self.high_contrast_check)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note_label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        self.language_combo.currentIndexChanged.connect(self._changed)
        self.large_text_check.toggled.connect(self._changed)
        self.high_contrast_check.toggled.connect(self._changed)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Settings"))
        self.language_label.setText(self.tr("&Language:"))
        self.large_text_check.setText(self.tr("L&arge text"))
        self.high_contrast_check.setText(self.tr("&High contrast (black and white)"))
        self.note_label.setText(
            self.tr("Changes show at once. These settings are kept for you on this project.")
        )

    def chosen(self) -> WorkerSettings:
        return replace(
            self.settings,
            language=self.language_combo.currentData(),
            large_text=self.large_text_check.isChecked(),
            high_contrast=self.high_contrast_check.isChecked(),
        )

    def _changed(self) -> None:
        self.settings = self.chosen()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_settings(app, self.settings)

    def reject(self) -> None:
        if self.settings != self.original:
            self.settings = replace(self.original)
            app = QApplication.instance()
            if isinstance(app, QApplication):
                apply_settings(app, self.original)
        super().reject()
