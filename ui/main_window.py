"""The main window: assembles the queue, canvas, palette, shapes list and status bar.

It holds no labeling logic: the ``LabelingSession`` decides what submit, skip and the label
keys do; the ``AnnotationModel`` owns the shapes; the widgets draw; ``WindowDialogs`` asks.
It opens inside the screen's free area (``window_memory``) and nothing in it may widen it
past the screen. Closing the window stops the decoding threads; everything the worker did
is already in the project file.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QShortcut
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from labeler.errors import LabelerError
from labeler.project import Project
from labeler.queue import ImageRecord, Status
from ui import errors, window_memory
from ui.actions import Actions
from ui.annotation_model import AnnotationModel
from ui.canvas import CanvasView
from ui.correction_bar import CorrectionBar
from ui.decode import return_large_buffers_to_the_os
from ui.dialogs.about_dialog import add_about_action
from ui.error_label import ErrorLabel
from ui.folder_refresh import FolderRefresh
from ui.hint_line import HintLine
from ui.i18n import Retranslating
from ui.label_indicator import LabelIndicator
from ui.label_palette import LabelPalette
from ui.messages import localize
from ui.notice_bar import NoticeBar
from ui.prefetch import DEFAULT_BUDGET, Prefetcher
from ui.problem_panel import DonePanel, ProblemPanel
from ui.proposal_answers import answers_text
from ui.queue_panel import PanelState, QueuePanel, gather_state
from ui.read_only_banner import ReadOnlyBanner
from ui.rework_note import rework_message
from ui.session import LabelingSession, filter_of, in_filter
from ui.shape_list import ShapeList
from ui.status_bar import StatusBar
from ui.tasks import TaskRunner
from ui.transfer_window import TransferWindow
from ui.window_bars import bind_label_keys, build_bars_and_menus, dock, start_tool, toolbar
from ui.window_dialogs import WindowDialogs
from ui.window_wiring import wire
from ui.zoom_label import ZoomLabel


class MainWindow(Retranslating, QMainWindow):
    switchWorkerRequested = Signal()  # File › Switch worker… (the app asks who, then reopens)
    openProjectRequested = Signal()  # File › Open another project…

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
        self.runner = TaskRunner(1, self)  # decoding the image on screen
        self.ahead_runner = TaskRunner(1, self)  # decoding the images likely next
        # reads of the store (counts, positions, rescans): one Python thread, one SQLite reader
        self.db_runner = TaskRunner(1, self, python_threads=True)
        self._gathering = False
        self._stale = False
        self.prefetcher = Prefetcher(
            self.runner, cache_bytes, screen.size() if screen else None, self,
            ahead=self.ahead_runner,
        )  # fmt: skip
        self.model = AnnotationModel(project.work, worker, self)
        self.palette = LabelPalette(project.taxonomy, language)
        self.canvas = CanvasView(self.model, self._label_info)
        self.canvas.set_allowed_tools(project.kind.shapes)
        self.problem_panel = ProblemPanel()
        self.done_panel = DonePanel()
        self.message = ErrorLabel()  # a submit the core refused, and why (readable in both looks)
        self.message.setContentsMargins(8, 6, 8, 6)
        self.notice = NoticeBar()  # news for the worker (answers to her proposals): not an error
        self.correction_bar = CorrectionBar()
        self.indicator = LabelIndicator()
        self.hint = HintLine(project.kind)
        self.hint.update_for(getattr(settings, "submitted", 0))
        self.tags_line = QLabel()  # the whole image's labels (classification, multilabel)
        self.tags_line.setStyleSheet("padding: 4px; font-weight: bold;")
        self.tags_line.setWordWrap(True)
        self.tags_line.setVisible(project.kind.tags is not None)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.canvas)
        self.stack.addWidget(self.problem_panel)
        self.stack.addWidget(self.done_panel)
        centre = QWidget()
        column = QVBoxLayout(centre)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        self.read_only = ReadOnlyBanner(project.store.readonly_reason)  # viewing only
        for w in (
            self.read_only,
            self.notice,
            self.message,
            self.correction_bar,
            self.indicator,
            self.hint,
            self.tags_line,
        ):
            column.addWidget(w)
        column.addWidget(self.stack, 1)
        self.setCentralWidget(centre)
        self.queue_panel = QueuePanel(project.queue, fetch=self._read_later)
        self.shape_list = ShapeList(self.model, self.canvas, self._label_info)
        left, right = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
        self.queue_dock = dock(self, self.queue_panel, left)
        self.palette_dock = dock(self, self.palette, right)
        self.shapes_dock = dock(self, self.shape_list, right)
        self.shapes_dock.setVisible(bool(project.kind.shapes))
        self.status = StatusBar(worker)
        self.setStatusBar(self.status)
        self.transfer = TransferWindow(self)  # USB and sync: their own window, not a dock
        self.folder = FolderRefresh(project.index, self.db_runner, self)
        self.session = LabelingSession(
            project, worker, self.model, self.canvas, self.prefetcher, settings, self
        )
        self.dialogs = WindowDialogs(self)
        self.actions = Actions(self)
        self.label_shortcuts: dict[str, QShortcut] = {}
        self._later = QTimer(self)  # panel updates wait until the next image is painted
        self._later.setSingleShot(True)
        self._later.setInterval(0)
        self._later.timeout.connect(self._update_panels)
        self.toolbar = toolbar(self, "tools", Qt.ToolBarArea.TopToolBarArea)
        self.image_bar = toolbar(self, "image", Qt.ToolBarArea.BottomToolBarArea)
        self.zoom_label = ZoomLabel()
        build_bars_and_menus(self)
        self.about_action = add_about_action(self, self.menus["help"])  # Help › About
        wire(self)
        self.launcher: Any = None  # the app's ``Launcher``, when it opened this window
        self.sync_hook: Any = None  # sync and USB: menus, status bar, their own threads
        self.usb_hook: Any = None
        self.suggest_hook: Any = None  # model suggestions (issue 15), when there is a model
        if hooks:
            from ui.sync_hook import SyncHook
            from ui.usb_hook import UsbHook

            self.usb_hook = UsbHook(self)  # the transfer window's first page
            self.sync_hook = SyncHook(self)
            if project.models.active() is not None:
                from ui.suggest_hook import SuggestionHook

                self.suggest_hook = SuggestionHook(self)
        self.resize(1280, 800)
        start_tool(self)
        self.retranslate()
        self.session.start()
        self.show_proposal_answers()
        self.canvas.setFocus()
        if refresh_folder and not project.store.readonly:  # nothing to index into
            self.folder.start()

    # ---------------------------------------------------------------- assembly
    def taxonomy_changed(self) -> None:
        """A new label list arrived (sync or USB): buttons, keys and names follow at once,
        and the worker sees the answers to her label proposals."""
        taxonomy = self.project.taxonomy
        self.palette.set_taxonomy(taxonomy)
        bind_label_keys(self)
        if self.canvas.current_label not in {lab.id for lab in taxonomy.active}:
            self.canvas.current_label = taxonomy.active[0].id if taxonomy.active else ""
        self.canvas.refresh_names()
        self._selection_changed()
        self.show_proposal_answers()

    def show_proposal_answers(self) -> None:
        """Answers to this worker's proposals she has not seen yet, above the image, as
        news (not in the red line of mistakes); they stay until she closes them."""
        self.notice.add(answers_text(self.project, self.worker, self.palette.language))

    # ---------------------------------------------------------------- showing
    def present(self) -> None:
        """Show the window inside the screen's free area, as the worker left it."""
        across, down = Qt.Orientation.Horizontal, Qt.Orientation.Vertical
        docks = [
            (self.queue_dock, 0.17, across),
            (self.palette_dock, 0.2, across),
            (self.palette_dock, 0.5, down),
            (self.shapes_dock, 0.3, down),
        ]
        if window_memory.place(self, docks):
            self.showMaximized()
        else:
            self.show()

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
        note = rework_message(self.project, rec)  # the supervisor sent it back, and why
        if note:
            self.show_message(note)
        if rec is None:
            self.done_panel.set_empty_list(self.queue_panel.filter != "todo")
        self.stack.setCurrentWidget(self.canvas if rec is not None else self.done_panel)
        if rec is not None and not in_filter(rec, self.queue_panel.filter):
            self.queue_panel.set_filter(filter_of(rec))  # the list shows what the canvas shows
        self._selection_changed()
        self._later.start()

    def _mode_changed(self) -> None:
        s = self.session
        submitted = s.current is not None and s.current.status is Status.SUBMITTED
        self.correction_bar.set_state(submitted, s.correcting, s.revision)
        self.actions["correct"].setEnabled(submitted and not s.correcting)
        self.actions["cancel_correction"].setEnabled(s.correcting)

    def _edit_refused(self) -> None:
        self.show_message(
            self.tr("This image is submitted: to change it, correct it first (Ctrl+E).")
        )

    def _tool_changed(self, tool: str) -> None:
        self.actions[f"tool_{tool}"].setChecked(True)
        if self.settings is not None and hasattr(self.settings, "tool"):
            self.settings.tool = tool  # saved with the position, after the next image

    def _submitted(self, _submission: object) -> None:
        if self.settings is not None and hasattr(self.settings, "submitted"):
            self.settings.submitted += 1
            self.hint.update_for(self.settings.submitted)

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
        self.status.set_counts(state.progress)
        if self._stale:
            self._stale = False
            self._update_panels()

    def _state_failed(self, exc: BaseException) -> None:
        self._gathering = False
        if isinstance(exc, LabelerError):
            self.show_error(exc)

    def _problem(self, image_id: int, reason: str) -> None:
        rec = self.session.current
        self.problem_panel.show_problem(rec.path if rec else "", localize(reason))
        self.stack.setCurrentWidget(self.problem_panel)

    def _tag_mode(self, on: bool) -> None:
        self.session.tag_mode = on
        self._selection_changed()

    def _selection_changed(self, *_: object) -> None:
        """The palette, the indicator and the cursor show the label of the next shape."""
        tags = self.model.tags()
        if self.project.kind.tags is not None:
            names = ", ".join(self._label_info(t)[0] for t in tags) or "—"
            self.tags_line.setText(self.tr("Whole image: %1").replace("%1", names))
        current = self.canvas.current_label
        key = self.palette.keys.get(current, "")
        self.canvas.set_cursor_key(key)
        tag_mode = self.session.tag_mode
        self.palette.set_current(tags if tag_mode else [current])
        name, colour = self._label_info(current)
        self.indicator.set_state(
            name, key, colour, selected=len(self.canvas.selected), tag_mode=tag_mode
        )

    def show_message(self, text: str, detail: str = "") -> None:
        self.message.show_message(text, detail)

    def show_error(self, exc: BaseException) -> None:
        if errors.is_fixable_by_worker(exc) or not isinstance(exc, LabelerError):
            said = errors.detail(exc, lambda i: self._label_info(i)[0])
            self.show_message(f"{errors.heading(exc)}: {said.text}", said.original)
        else:
            errors.show_error(self, exc)

    # kept for callers and tests that reach the dialogs through the window
    def skip(self) -> None:
        self.dialogs.skip()

    def propose(self) -> None:
        self.dialogs.propose()

    def flag(self) -> None:
        self.dialogs.flag()

    def show_keys(self) -> None:
        self.dialogs.show_keys()

    def open_settings(self) -> None:
        self.dialogs.open_settings()

    def apply_settings(self, settings: Any) -> None:
        self.dialogs.apply_settings(settings)

    # ---------------------------------------------------------------- language, closing
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("HITL Labeler — %1").replace("%1", self.project.name))
        self.queue_dock.setWindowTitle(self.tr("Images"))
        self.palette_dock.setWindowTitle(self.tr("Labels"))
        self.shapes_dock.setWindowTitle(self.tr("Shapes"))
        self.toolbar.setWindowTitle(self.tr("Tools"))
        self.image_bar.setWindowTitle(self.tr("This image"))
        for key, text in {
            "file": self.tr("&File"),
            "edit": self.tr("&Edit"),
            "image": self.tr("&Image"),
            "view": self.tr("&View"),
            "help": self.tr("&Help"),
        }.items():
            self.menus[key].setTitle(text)
        self.actions.retranslate()
        if self.suggest_hook is not None:
            self.suggest_hook.retranslate()
        self._selection_changed()

    def closeEvent(self, event: QCloseEvent) -> None:
        window_memory.remember(self)
        self.canvas.cancel_pending()
        self._later.stop()
        self.folder.stop()
        self.session.stop()
        for hook in (self.sync_hook, self.usb_hook, self.suggest_hook):
            if hook is not None:
                hook.stop()
        self.transfer.close()
        self.runner.shutdown()
        self.ahead_runner.shutdown()
        self.db_runner.shutdown()
        super().closeEvent(event)
