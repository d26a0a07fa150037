"""A worker's week at a glance: seconds per image as bars, accuracy as a line."""

from __future__ import annotations

import itertools

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from labeler.quality.reports import WorkerPeriod


class WeekChart(QWidget):
    """One slot per day; no facts that day, no bar and no point."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.days: list[str] = []
        self.by_day: dict[str, WorkerPeriod] = {}
        self.setMinimumHeight(150)

    def set_week(self, days: list[str], by_day: dict[str, WorkerPeriod]) -> None:
        self.days, self.by_day = days, by_day
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        p.fillRect(self.rect(), pal.base())
        if not self.days:
            return
        pad, bottom = 10, self.height() - 22
        top = 10
        slot = (self.width() - 2 * pad) / len(self.days)
        most = max((w.median_seconds or 0 for w in self.by_day.values()), default=0) or 1
        points = []
        p.setPen(QPen(pal.text().color()))
        for i, d in enumerate(self.days):
            x = pad + i * slot
            p.drawText(QRectF(x, bottom + 2, slot, 18), Qt.AlignmentFlag.AlignCenter, d[5:])
            w = self.by_day.get(d)
            if w is None:
                continue
            if w.median_seconds is not None:
                h = (bottom - top) * w.median_seconds / most
                p.fillRect(QRectF(x + slot * 0.2, bottom - h, slot * 0.6, h), QColor("#90caf9"))
            acc = w.gold_accuracy if w.gold_accuracy is not None else w.acceptance
            if acc is not None:
                points.append(QPointF(x + slot / 2, bottom - (bottom - top) * acc))
        p.setPen(QPen(QColor("#2e7d32"), 3))
        for a, b in itertools.pairwise(points):
            p.drawLine(a, b)
        for pt in points:
            p.drawEllipse(pt, 4, 4)
        p.end()
