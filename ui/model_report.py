"""The model's report card as a widget, for the supervisor station (issue 12 places it).

Per model and label: right, false alarms, missed, precision, recall and mean IoU of accepted
boxes, from this project's submitted work (``labeler.models.report``); "Export hard
examples…" writes the images the model got wrong, worst first, as CSV.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from labeler.atomic_file import write_atomic
from labeler.models.report import (
    FeedbackItem,
    ModelCard,
    hard_examples_csv,
    project_items,
    report_card,
)
from labeler.project import Project
from ui.i18n import Retranslating, current_language
from ui.refresh_when_shown import RefreshWhenShown


def _pct(v: float | None) -> str:
    return "—" if v is None else f"{v:.0%}"


class ModelReportWidget(RefreshWhenShown, Retranslating, QWidget):
    """A table of the report card with a refresh and an export of the hard examples."""

    def __init__(
        self,
        project: Project,
        parent: QWidget | None = None,
        *,
        items: Callable[[Project], list[FeedbackItem]] = project_items,
        lazy: bool = False,
    ) -> None:
        super().__init__(parent)
        self.project = project
        self.items = items  # the station passes ``station_items``: the centre's feedback
        self._stale = lazy  # lazy: worked out when first shown (a big centre's feedback)
        self.cards: dict[str, ModelCard] = {}
        self.title = QLabel()
        self.table = QTableWidget(0, 8)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self.refresh)
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self._ask_export)
        buttons = QHBoxLayout()
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.retranslate()
        if not lazy:
            self.refresh()

    def refresh(self) -> None:
        self._stale = False
        self.cards = report_card(self.items(self.project))
        names = {e.sha256: e.spec.short for e in self.project.models.entries()}
        rows = []
        for sha, card in self.cards.items():
            for score in [*(card.labels[k] for k in sorted(card.labels)), card.total]:
                label = self.project.taxonomy.get(score.label)
                shown = label.name(current_language()) if label else self.tr("(all)")
                rows.append((names.get(sha, sha[:12]), shown, score))
        self.table.setRowCount(len(rows))
        for r, (model, label, s) in enumerate(rows):
            cells = [
                model,
                label,
                str(s.tp),
                str(s.fp),
                str(s.fn),
                _pct(s.precision),
                _pct(s.recall),
                "—" if s.mean_iou is None else f"{s.mean_iou:.2f}",
            ]
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        hard = sum(len(c.hard) for c in self.cards.values())
        images = sum(c.images for c in self.cards.values())
        self.title.setText(
            self.tr("%1 images checked by workers, %2 where the model was wrong")
            .replace("%1", str(images))
            .replace("%2", str(hard))
        )
        self.export_button.setEnabled(hard > 0)

    def export_to(self, path: str | Path) -> Path:
        return write_atomic(path, hard_examples_csv(self.cards).encode("utf-8"))

    def _ask_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export hard examples"), "hard-examples.csv", "CSV (*.csv)"
        )
        if path:
            self.export_to(path)

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Model"),
                self.tr("Label"),
                self.tr("Right"),
                self.tr("False alarms"),
                self.tr("Missed"),
                self.tr("Precision"),
                self.tr("Recall"),
                self.tr("Mean IoU"),
            ]
        )
        self.refresh_button.setText(self.tr("Refresh"))
        self.export_button.setText(self.tr("Export hard examples…"))
        if self.cards is not None and hasattr(self, "table") and self.table.rowCount():
            self.refresh()
