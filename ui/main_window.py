"""The main window: assembles the queue, canvas, palette and status bar, and their keys.

It holds no labeling logic: the ``LabelingSession`` decides what submit, skip and the label
keys do; the ``AnnotationModel`` owns the shapes; the widgets draw. Closing the window stops
the decoding threads; everything the worker did is already in the project file.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QGuiApplication, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from labeler.errors import LabelerError
from labeler.project import Project
from labeler.queue import ImageRecord
from ui import errors
from ui.actions import MENUS, Actions, key_sequence
from ui.annotation_model import AnnotationModel
from ui.canvas import CanvasView, Tool
from ui.decode import return_large_buffers_to_the_os
from ui.dialogs.about_dialog import add_about_action
from ui.dialogs.cheat_sheet import CheatSheet
from ui.dialogs.propose_dialog import ProposeDialog
from ui.dialogs.skip_dialog import SkipDialog
from ui.error_label import ErrorLabel
from ui.folder_refresh import FolderRefresh
from ui.i18n import Retranslating
from ui.label_palette import LabelPalette
from ui.prefetch import DEFAULT_BUDGET, Prefetcher
from ui.problem_panel import DonePanel, ProblemPanel
from ui.queue_panel import PanelState, QueuePanel, gather_state
from ui.session import LabelingSession
from ui.status_bar import StatusBar
from ui.tasks import TaskRunner


class MainWindow(Retranslating, QMainWindow):
    def __init__(
        self,
        project: Project,
        worker: str,
        settings: Any = None,
        *,
        cache_bytes: int = DEFAULT_BUDGET,
        refresh_folder: bool = True,
        hooks: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.project = project
        self.worker = worker
        self.settings = settings
        language = getattr(settings, "language", "en")
        return_large_buffers_to_the_os()
        screen = QGuiApplication.primaryScreen()
        self.runner = TaskRunner(2, self)  # image decoding
        # reads of the store (counts, positions, rescans): one Python thread, one SQLite reader
        self.db_runner = TaskRunner(1, self, python_threads=True)
        self._gathering = False
        self._stale = False
        self.prefetcher = Prefetcher(
            self.runner, cache_bytes, screen.size() if screen else None, self
        )
        self.model = AnnotationModel(project.work, worker, self)
        self.palette = LabelPalette(project.taxonomy, language)
        self.canvas = CanvasView(self.model, self._label_info)
        self.canvas.set_allowed_tools(project.kind.shapes)
        self.problem_panel = ProblemPanel()
        self.done_panel = DonePanel()
        self.message = ErrorLabel()  # a submit the core refused, and why (readable in both looks)
        self.message.setContentsMargins(8, 6, 8, 6)
        self.tags_line = QLabel()  # the whole image's labels (classification, multilabel)
        self.tags_line.setStyleSheet("padding: 4px; font-weight: bold;")
        self.tags_line.setVisible(project.kind.tags is not None)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.canvas)
        self.stack.addWidget(self.problem_panel)
        self.stack.addWidget(self.done_panel)
        centre = QWidget()
        column = QVBoxLayout(centre)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.message)
        column.addWidget(self.tags_line)
        column.addWidget(self.stack, 1)
        self.setCentralWidget(centre)
        self.queue_panel = QueuePanel(project.queue, fetch=self._read_later)
        self.queue_dock = self._dock(self.queue_panel, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.palette_dock = self._dock(self.palette, Qt.DockWidgetArea.RightDockWidgetArea)
        self.status = StatusBar(worker)
        self.setStatusBar(self.status)
        self.folder = FolderRefresh(project.index, self.db_runner, self)
        self.session = LabelingSession(
            project, worker, self.model, self.canvas, self.prefetcher, settings, self
        )
        self.actions = Actions(self)
        self.label_shortcuts: dict[str, QShortcut] = {}
        self._later = QTimer(self)  # panel updates wait until the next image is painted
        self._later.setSingleShot(True)
        self._later.setInterval(0)
        self._later.timeout.connect(self._update_panels)
        self.toolbar = QToolBar()
        self.toolbar.setObjectName("tools")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(self.toolbar)
        self._build_toolbar_and_menus()
        self.about_action = add_about_action(self, self.menus["help"])  # Help › About
        self._connect()
        self.sync_hook: Any = None  # sync and USB: menus, status bar, their own threads
        self.usb_hook: Any = None
        if hooks:
            from ui.sync_hook import SyncHook
            from ui.usb_hook import UsbHook

            self.sync_hook = SyncHook(self)
            self.usb_hook = UsbHook(self)
        self.resize(1280, 800)
        self.retranslate()
        self.session.start()
        self.canvas.setFocus()
        if refresh_folder:
            self.folder.start()

    # ---------------------------------------------------------------- assembly
    def _dock(self, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget()
        dock.setObjectName(type(widget).__name__)
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.addDockWidget(area, dock)
        return dock

    def _build_toolbar_and_menus(self) -> None:
        a = self.actions
        allowed = {f"tool_{t}" for t in self.canvas.allowed_tools()}
        drawing = len(allowed) > 1
        for name in ("tool_select", "tool_box", "tool_polygon", "tool_point"):
            a[name].setVisible(drawing and name in allowed)
            a[name].setEnabled(drawing and name in allowed)
            if drawing and name in allowed:
                self.toolbar.addAction(a[name])
        a["tool_select"].setChecked(True)
        self.toolbar.addSeparator()
        mixed = drawing and self.project.kind.tags is not None
        a["tag_mode"].setVisible(mixed)
        a["tag_mode"].setEnabled(mixed)
        if mixed:
            self.toolbar.addAction(a["tag_mode"])
        self.toolbar.addSeparator()
        for name in ("submit", "skip", "propose"):
            self.toolbar.addAction(a[name])
        self.menus = {k: self.menuBar().addMenu("") for k in MENUS}
        for menu, names in MENUS.items():
            for name in names:
                if name is None:
                    self.menus[menu].addSeparator()
                elif a[name].isVisible():
                    self.menus[menu].addAction(a[name])
        for label_id, key in self.palette.keys.items():
            sc = QShortcut(key_sequence(key), self)
            sc.activated.connect(lambda i=label_id: self.session.choose_label(i))
            self.label_shortcuts[label_id] = sc

    def _connect(self) -> None:
        a, s, c = self.actions, self.session, self.canvas
        a["submit"].triggered.connect(s.submit)
        a["next"].triggered.connect(s.next)
        a["previous"].triggered.connect(s.previous)
        a["skip"].triggered.connect(self.skip)
        a["propose"].triggered.connect(self.propose)
        a["undo"].triggered.connect(self.model.group.undo)
        a["redo"].triggered.connect(self.model.group.redo)
        a["delete"].triggered.connect(
            lambda: self.model.remove(list(c.selected)) if c.selected else None
        )
        for t in Tool:
            a[f"tool_{t}"].triggered.connect(lambda _=False, t=t: c.set_tool(t))
        c.toolChanged.connect(lambda t: a[f"tool_{t}"].setChecked(True))
        a["zoom_in"].triggered.connect(lambda: c.zoom_by(1.25))
        a["zoom_out"].triggered.connect(lambda: c.zoom_by(0.8))
        a["fit"].triggered.connect(c.fit)
        a["one_to_one"].triggered.connect(c.one_to_one)
        a["reopen"].triggered.connect(s.reopen)
        a["find_label"].triggered.connect(lambda: self.palette.filter.setFocus())
        a["tag_mode"].toggled.connect(self._tag_mode)
        a["keys"].triggered.connect(self.show_keys)
        a["settings"].triggered.connect(self.open_settings)
        a["quit"].triggered.connect(self.close)
        self.palette.labelChosen.connect(s.choose_label)
        self.palette.labelChosen.connect(lambda _: c.setFocus())
        self.queue_panel.imageActivated.connect(s.go_to)
        self.queue_panel.imageActivated.connect(lambda _: c.setFocus())
        self.queue_panel.filterChanged.connect(lambda f: setattr(s, "filter", f))
        self.queue_panel.filterChanged.connect(lambda _: self._later.start())
        self.problem_panel.skipRequested.connect(self.skip)
        s.imageChanged.connect(self._image_changed)
        s.problem.connect(self._problem)
        s.statusChanged.connect(self._later.start)
        self.folder.changed.connect(self._later.start)
        s.error.connect(self.show_error)
        self.model.error.connect(self.show_error)
        for signal in (self.model.reset, self.model.changed, self.model.added, self.model.removed):
            signal.connect(self._selection_changed)
        c.selectionChanged.connect(self._selection_changed)

    # ---------------------------------------------------------------- reactions
    def _read_later(self, fn: Any, args: tuple[Any, ...], done: Any) -> None:
        """A read of the store for a panel, on the database thread."""
        self.db_runner.submit(fn, *args, on_done=done, on_error=lambda _e: None)

    def _label_info(self, label_id: str) -> tuple[str, str]:
        lab = self.project.taxonomy.get(label_id)
        if lab is None:
            return label_id, "#ffffff"
        return lab.name(self.palette.language), lab.colour

    def _image_changed(self, rec: ImageRecord | None) -> None:
        self.message.hide()
        self.stack.setCurrentWidget(self.canvas if rec is not None else self.done_panel)
        self._selection_changed()
        self._later.start()

    def _update_panels(self) -> None:
        """Counts and list position, read off the UI thread; one read at a time."""
        if self._gathering:
            self._stale = True
            return
        self._gathering = True
        rec = self.session.current
        self.queue_panel.mark_current(rec.id if rec else None)
        self.db_runner.submit(
            gather_state,
            self.project,
            rec.id if rec else None,
            self.queue_panel.filter,
            self.worker,
            on_done=self._show_state,
            on_error=self._state_failed,
        )

    def _show_state(self, state: PanelState) -> None:
        self._gathering = False
        self.queue_panel.show_state(state)
        self.status.set_counts(state.today, state.done, state.total)
        if self._stale:
            self._stale = False
            self._update_panels()

    def _state_failed(self, exc: BaseException) -> None:
        self._gathering = False
        if isinstance(exc, LabelerError):
            self.show_error(exc)

    def _problem(self, image_id: int, reason: str) -> None:
        rec = self.session.current
        self.problem_panel.show_problem(rec.path if rec else "", reason)
        self.stack.setCurrentWidget(self.problem_panel)

    def _tag_mode(self, on: bool) -> None:
        self.session.tag_mode = on
        self._selection_changed()

    def _selection_changed(self, *_: object) -> None:
        tags = self.model.tags()
        if self.project.kind.tags is not None:
            names = ", ".join(self._label_info(t)[0] for t in tags) or "—"
            self.tags_line.setText(self.tr("Whole image: %1").replace("%1", names))
        sel = [s.label for u in self.canvas.selected if (s := self.model.get(u))]
        if self.session.tag_mode:
            sel = tags
        self.palette.set_current(
            sel or ([] if self.session.tag_mode else [self.canvas.current_label])
        )

    def show_error(self, exc: BaseException) -> None:
        if errors.is_fixable_by_worker(exc) or not isinstance(exc, LabelerError):
            self.message.setText(errors.describe(exc))
            self.message.show()
        else:
            errors.show_error(self, exc)

    # ---------------------------------------------------------------- dialogs
    def skip(self) -> None:
        rec = self.session.current
        if rec is None:
            return
        reason = self.session.problem_of(rec.id)
        if reason is None:
            dialog = SkipDialog(self)
            if not dialog.exec():
                return
            reason = dialog.reason
        self.session.skip(reason)

    def propose(self) -> None:
        rec = self.session.current
        if rec is None:
            return
        hit = self.prefetcher.get(rec.id)
        dialog = ProposeDialog(hit[0] if hit else None, (rec.width or 1, rec.height or 1), self)
        if dialog.exec():
            self.session.propose(dialog.name, dialog.reason, dialog.region)

    def show_keys(self) -> None:
        labels = [
            (self.palette.keys.get(lab.id, ""), lab.name(self.palette.language), lab.description)
            for lab in self.project.taxonomy.active
        ]
        CheatSheet(self.actions.cheat_rows(), labels, self).exec()

    def open_settings(self) -> None:
        try:
            from ui.settings_dialog import SettingsDialog
        except ImportError:
            return
        if self.settings is None:
            return
        dialog = SettingsDialog(self.settings, self)
        if dialog.exec():
            self.apply_settings(dialog.settings)

    def apply_settings(self, settings: Any) -> None:
        """Language, text size and contrast, live; saved for this worker."""
        from ui.settings_dialog import apply_settings

        self.settings = self.session.settings = settings
        apply_settings(QApplication.instance(), settings)  # type: ignore[arg-type]
        self.palette.set_language(settings.language)
        self.canvas.refresh_names()
        try:
            settings.save(self.project, self.worker)
        except LabelerError as exc:
            self.show_error(exc)

    # ---------------------------------------------------------------- language, closing
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("HITL Labeler — %1").replace("%1", self.project.name))
        self.queue_dock.setWindowTitle(self.tr("Images"))
        self.palette_dock.setWindowTitle(self.tr("Labels"))
        self.toolbar.setWindowTitle(self.tr("Tools"))
        for key, text in {
            "file": self.tr("&File"),
            "edit": self.tr("&Edit"),
            "image": self.tr("&Image"),
            "view": self.tr("&View"),
            "help": self.tr("&Help"),
        }.items():
            self.menus[key].setTitle(text)
        self.actions.retranslate()
        self._selection_changed()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.canvas.cancel_pending()
        self._later.stop()
        self.folder.stop()
        self.session.stop()
        for hook in (self.sync_hook, self.usb_hook):
            if hook is not None:
                hook.stop()
        self.runner.shutdown()
        self.db_runner.shutdown()
        super().closeEvent(event)
