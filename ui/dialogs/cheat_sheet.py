"""The cheat sheet (F1 or ?): every key of the window and every label with its description."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import Retranslating

KeyRows = list[tuple[str, str]]


class CheatSheet(Retranslating, QDialog):
    """Two tables: keys of the loop, and the labels (key, name, description)."""

    def __init__(
        self,
        key_rows: KeyRows,
        label_rows: list[tuple[str, str, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.keys_title = QLabel()
        self.labels_title = QLabel()
        self.keys = self._table(key_rows)
        self.labels = self._table(label_rows)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.keys_title)
        layout.addWidget(self.keys, 2)
        layout.addWidget(self.labels_title)
        layout.addWidget(self.labels, 1)
        layout.addWidget(buttons)
        self.resize(720, 640)
        self.retranslate()

    @staticmethod
    def _table(rows: list[tuple[str, ...]]) -> QTableWidget:
        cols = max((len(r) for r in rows), default=2)
        t = QTableWidget(len(rows), cols)
        t.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        t.verticalHeader().hide()
        t.horizontalHeader().setStretchLastSection(True)
        t.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for i, row in enumerate(rows):
            for j, text in enumerate(row):
                t.setItem(i, j, QTableWidgetItem(text))
        t.resizeColumnsToContents()
        return t

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Keys"))
        self.keys_title.setText(self.tr("Everything has a key:"))
        self.labels_title.setText(self.tr("Labels:"))
        self.keys.setHorizontalHeaderLabels([self.tr("Key"), self.tr("What it does")])
        self.labels.setHorizontalHeaderLabels(
            [self.tr("Key"), self.tr("Label"), self.tr("Description")]
        )
