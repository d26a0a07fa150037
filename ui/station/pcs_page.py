"""The centre's PCs and workers, as the station knows them from the collected work."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from labeler.project import Project
from labeler.quality.collect import CollectedWork, chain_gaps
from ui.i18n import Retranslating


class PcsPage(Retranslating, QWidget):
    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.retranslate()

    def refresh(self) -> None:
        rows = CollectedWork(self.project.store).devices()
        gaps = chain_gaps(self.project.store)
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            missing = [g for g in gaps.get(r["device_id"], []) if g > 0]
            values = [
                (r["workers"] or "").replace(",", ", "),
                str(r["submissions"]),
                (r["last"] or "")[:16].replace("T", " "),
                self.tr("%n deliveries missing", "", len(missing))
                if missing
                else self.tr("complete"),
            ]
            for j, v in enumerate(values):
                self.table.setItem(i, j, QTableWidgetItem(v))
        self.table.resizeColumnsToContents()
        self.summary.setText(self.tr("%n PCs of this centre have sent work.", "", len(rows)))

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels(
            [self.tr("Workers"), self.tr("Images"), self.tr("Last work"), self.tr("Deliveries")]
        )
        self.refresh()
