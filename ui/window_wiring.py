"""What each action, button and signal of the main window does (wired once, at start)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ui.canvas import Tool

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def wire(w: MainWindow) -> None:
    """Every action and signal of the window to what it does."""
    a, s, c, d = w.actions, w.session, w.canvas, w.dialogs
    a["submit"].triggered.connect(s.submit)
    a["nothing_here"].triggered.connect(d.nothing_here)
    a["next"].triggered.connect(s.next)
    a["previous"].triggered.connect(s.previous)
    a["skip"].triggered.connect(d.skip)
    a["propose"].triggered.connect(d.propose)
    a["flag"].triggered.connect(d.flag)
    a["correct"].triggered.connect(s.start_correction)
    a["cancel_correction"].triggered.connect(s.cancel_correction)
    a["undo"].triggered.connect(w.model.group.undo)
    a["redo"].triggered.connect(w.model.group.redo)
    a["delete"].triggered.connect(lambda: w.model.remove(list(c.selected)) if c.selected else None)
    for t in Tool:
        a[f"tool_{t}"].triggered.connect(lambda _=False, t=t: c.set_tool(t))
    c.toolChanged.connect(w._tool_changed)
    a["zoom_in"].triggered.connect(lambda: c.zoom_by(1.25))
    a["zoom_out"].triggered.connect(lambda: c.zoom_by(0.8))
    a["fit"].triggered.connect(c.fit)
    a["one_to_one"].triggered.connect(c.one_to_one)
    c.zoomChanged.connect(w.zoom_label.show_zoom)
    a["reopen"].triggered.connect(s.reopen)
    a["find_label"].triggered.connect(lambda: w.palette.filter.setFocus())
    a["tag_mode"].toggled.connect(w._tag_mode)
    a["keys"].triggered.connect(d.show_keys)
    a["settings"].triggered.connect(d.open_settings)
    a["switch_worker"].triggered.connect(w.switchWorkerRequested)
    a["open_project"].triggered.connect(w.openProjectRequested)
    a["transfer"].triggered.connect(lambda: w.transfer.show_page())
    a["quit"].triggered.connect(w.close)
    w.palette.labelChosen.connect(s.choose_label)
    w.palette.labelChosen.connect(lambda _: c.setFocus())
    w.queue_panel.imagePressed.connect(s.expect)
    w.queue_panel.imageActivated.connect(s.go_to)
    w.queue_panel.imageActivated.connect(lambda _: c.setFocus())
    w.queue_panel.filterChanged.connect(s.follow_filter)
    w.queue_panel.filterChanged.connect(lambda _: w._later.start())
    w.problem_panel.skipRequested.connect(d.skip)
    w.correction_bar.correctRequested.connect(s.start_correction)
    w.correction_bar.cancelRequested.connect(s.cancel_correction)
    s.imageChanged.connect(w._image_changed)
    s.modeChanged.connect(w._mode_changed)
    s.problem.connect(w._problem)
    s.statusChanged.connect(w._later.start)
    s.submitted.connect(w._submitted)
    s.emptyAsked.connect(d.ask_empty)
    w.folder.changed.connect(w._later.start)
    s.error.connect(w.show_error)
    w.model.error.connect(w.show_error)
    w.model.refused.connect(w._edit_refused)
    c.editRefused.connect(w._edit_refused)
    for signal in (w.model.reset, w.model.changed, w.model.added, w.model.removed):
        signal.connect(w._selection_changed)
    c.selectionChanged.connect(w._selection_changed)
    c.currentLabelChanged.connect(w._selection_changed)
