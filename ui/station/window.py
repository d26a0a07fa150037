"""The supervisor station's own window: review, PCs, USB drive, reports, the model's report
card (Ctrl+1..5)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QMainWindow, QTabWidget, QWidget

from labeler.models.report import station_items
from labeler.project import Project
from labeler.quality.station import Station
from ui.i18n import Retranslating
from ui.model_report import ModelReportWidget
from ui.settings import WorkerSettings
from ui.station.drive_page import DrivePage
from ui.station.pcs_page import PcsPage
from ui.station.reports_page import ReportsPage
from ui.station.review_page import ReviewPage
from ui.station.settings_menu import StationMenu


class StationWindow(Retranslating, QMainWindow):
    """Composes the pages; the pages hold the logic, ``labeler.quality`` holds the rules."""

    switchWorkerRequested = Signal()  # the launcher's signals, as the labeling window has
    openProjectRequested = Signal()

    def __init__(
        self,
        project: Project,
        reviewer: str,
        settings: WorkerSettings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        Station(project).require_role()
        self.project = project
        self.reviewer = reviewer
        self.settings = settings if settings is not None else WorkerSettings.load(project, reviewer)
        self.worker = reviewer
        self.launcher: Any = None
        self.review = ReviewPage(project, reviewer)
        self.pcs = PcsPage(project)
        self.drive = DrivePage(project)
        self.reports = ReportsPage(project)
        self.model_card = ModelReportWidget(project, items=station_items, lazy=True)
        self.tabs = QTabWidget()
        for page in (self.review, self.pcs, self.drive, self.reports, self.model_card):
            self.tabs.addTab(page, "")
        self.setCentralWidget(self.tabs)
        self.menu = StationMenu(self)  # File: switch worker, open project, Settings…, Quit
        self.who = QLabel()
        self.statusBar().addWidget(self.who)
        self.drive.changed.connect(self._work_arrived)
        self.review.decided.connect(lambda _d: self._status())
        for i in range(self.tabs.count()):
            s = QShortcut(QKeySequence(f"Ctrl+{i + 1}"), self)
            s.activated.connect(lambda i=i: self.tabs.setCurrentIndex(i))
        self.resize(1280, 800)
        self.retranslate()

    def present(self) -> None:
        """Shown maximised: the station is the supervisor's whole screen."""
        self.showMaximized()

    def _work_arrived(self) -> None:
        self.review.reload()
        self.pcs.refresh()
        self.reports.refresh_when_shown()
        self.model_card.refresh_when_shown()
        self._status()

    def _status(self) -> None:
        self.who.setText(
            self.tr("Supervisor: {name} · {n} to review").format(
                name=self.reviewer, n=len(self.review.items)
            )
        )

    def retranslate(self) -> None:
        self.menu.retranslate(self.tr("&File"))
        self.setWindowTitle(
            self.tr("Supervisor station — {project}").format(project=self.project.name)
        )
        for i, text in enumerate(
            (
                self.tr("Review"),
                self.tr("PCs and workers"),
                self.tr("USB drive"),
                self.tr("Reports"),
                self.tr("Model"),
            )
        ):
            self.tabs.setTabText(i, text)
        self._status()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.drive.runner.shutdown()
        super().closeEvent(event)
