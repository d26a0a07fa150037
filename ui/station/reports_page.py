"""Per-worker figures by day or week, a chart of the week, a CSV and a printable page.

Every number comes from recorded facts (``labeler.quality.reports``); an empty cell means
there were no facts (no gold image that day), never zero.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
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
from labeler.project import Project
from labeler.quality import reports
from labeler.quality.agreement import pair_agreements
from labeler.quality.station import Station
from labeler.store import now
from ui.i18n import Retranslating
from ui.refresh_when_shown import RefreshWhenShown
from ui.station.chart import WeekChart
from ui.station.pairs_table import PairsTable


def _pct(value: float | None) -> str:
    return "" if value is None else f"{100 * value:.0f}%"


class ReportsPage(RefreshWhenShown, Retranslating, QWidget):
    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.period = QComboBox()
        self.period.currentIndexChanged.connect(self.refresh)
        self.table = QTableWidget(0, 7)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.itemSelectionChanged.connect(self._chart_selected)
        self.chart_title = QLabel()
        self.chart = WeekChart()
        self.csv_button = QPushButton()
        self.csv_button.clicked.connect(self.save_csv)
        self.page_button = QPushButton()
        self.page_button.clicked.connect(self.save_page)
        top = QHBoxLayout()
        top.addWidget(self.period)
        top.addStretch(1)
        top.addWidget(self.csv_button)
        top.addWidget(self.page_button)
        self.pairs_title = QLabel()
        self.pairs = PairsTable()
        chart_box = QVBoxLayout()
        chart_box.addWidget(self.chart_title)
        chart_box.addWidget(self.chart)
        pairs_box = QVBoxLayout()
        pairs_box.addWidget(self.pairs_title)
        pairs_box.addWidget(self.pairs, 1)
        bottom = QHBoxLayout()
        bottom.addLayout(chart_box, 1)
        bottom.addLayout(pairs_box, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.rows: list[reports.WorkerPeriod] = []
        self.days: list[reports.WorkerPeriod] = []
        self._stale = True
        self.retranslate()

    def refresh(self) -> None:
        self._stale = False
        facts = Station(self.project).facts()
        self.days = reports.summarize(facts, "day")
        period = "week" if self.period.currentIndex() == 1 else "day"
        self.rows = self.days if period == "day" else reports.summarize(facts, "week")
        self.rows = sorted(self.rows, key=lambda w: (w.period, w.worker), reverse=True)
        self.table.setRowCount(len(self.rows))
        for i, w in enumerate(self.rows):
            values = [
                w.period,
                w.worker,
                str(w.images),
                "" if w.median_seconds is None else f"{w.median_seconds:g}",
                _pct(w.gold_accuracy),
                _pct(w.acceptance),
                _pct(w.agreement),
            ]
            for j, v in enumerate(values):
                self.table.setItem(i, j, QTableWidgetItem(v))
        self.table.resizeColumnsToContents()
        self.pairs.show_pairs(pair_agreements(Station(self.project).agreements()))
        if self.rows:
            self.table.selectRow(0)
        self._chart_selected()

    def _chart_selected(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.rows):
            self.chart.set_week([], {})
            self.chart_title.clear()
            return
        w = self.rows[row]
        week = w.period if "-W" in w.period else reports.week_of(w.period)
        days = reports.week_days(week)
        by_day = {d.period: d for d in self.days if d.worker == w.worker and d.period in days}
        self.chart.set_week(days, by_day)
        self.chart_title.setText(
            self.tr("{worker}, week {week}: seconds per image (bars), accuracy (line)").format(
                worker=w.worker, week=week
            )
        )

    def save_csv(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the figures"), "workers.csv", "CSV (*.csv)"
        )
        if path:
            write_atomic(Path(path), "\ufeff" + reports.to_csv(self.rows))

    def page_html(self, week: str | None = None) -> str:
        facts = Station(self.project).facts()
        texts = {
            "title": self.tr("Worker report"),
            "week": self.tr("Week"),
            "worker": self.tr("Worker"),
            "images": self.tr("Images"),
            "median": self.tr("Median seconds per image"),
            "gold": self.tr("Reference images right"),
            "acceptance": self.tr("Accepted by the supervisor"),
            "agreement": self.tr("Agreement with others"),
            "chart": self.tr("Accuracy (line) and seconds per image (bars) by day"),
        }
        return reports.to_html(
            reports.summarize(facts, "day"),
            reports.summarize(facts, "week"),
            week or reports.week_of(now()),
            centre=self.project.name,
            texts=texts,
        )

    def save_page(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the printable page"), "workers.html", "HTML (*.html)"
        )
        if path:
            row = self.table.currentRow()
            week = None
            if 0 <= row < len(self.rows):
                p = self.rows[row].period
                week = p if "-W" in p else reports.week_of(p)
            write_atomic(Path(path), self.page_html(week))
            QDesktopServices.openUrl(QUrl.fromLocalFile(path))

    def retranslate(self) -> None:
        current = max(0, self.period.currentIndex())
        self.period.blockSignals(True)
        self.period.clear()
        self.period.addItems([self.tr("By day"), self.tr("By week")])
        self.period.setCurrentIndex(current)
        self.period.blockSignals(False)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Day or week"),
                self.tr("Worker"),
                self.tr("Images"),
                self.tr("Seconds per image"),
                self.tr("Reference images right"),
                self.tr("Accepted"),
                self.tr("Agreement"),
            ]
        )
        self.pairs_title.setText(self.tr("Agreement between workers (same images)"))
        self.csv_button.setText(self.tr("Save CSV…"))
        self.page_button.setText(self.tr("Printable page…"))
        self.refresh_when_shown()
