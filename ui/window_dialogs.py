"""The main window's dialogs: skip, "none of these fit", ask the supervisor, nothing marked,
keys, settings.

Kept apart from the window's assembly; each opens a dialog and hands the answer to the
session. The dialogs themselves live in ``ui/dialogs``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QMessageBox

from labeler.errors import LabelerError
from ui.dialogs.cheat_sheet import CheatSheet
from ui.dialogs.empty_dialog import EmptyImageDialog
from ui.dialogs.flag_dialog import FlagDialog
from ui.dialogs.propose_dialog import ProposeDialog
from ui.dialogs.skip_dialog import SkipDialog

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class WindowDialogs(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def skip(self) -> None:
        w = self.window
        rec = w.session.current
        if rec is None:
            return
        reason = w.session.problem_of(rec.id)
        if reason is None:
            dialog = SkipDialog(w)
            if not dialog.exec():
                return
            reason = dialog.reason
        w.session.skip(reason)

    def propose(self) -> None:
        w = self.window
        rec = w.session.current
        if rec is None:
            return
        shapes = [s for s in w.model.shapes() if s.type.value != "tag"]
        if shapes and not w.session.read_only and not self._drop_shapes(len(shapes)):
            return
        hit = w.prefetcher.get(rec.id)
        dialog = ProposeDialog(hit[0] if hit else None, (rec.width or 1, rec.height or 1), w)
        if dialog.exec():
            w.session.propose(dialog.name, dialog.reason, dialog.region)

    def flag(self) -> None:
        """Ask the supervisor about the image on screen (a reason and/or her words)."""
        w = self.window
        if w.session.current is None:
            return
        dialog = FlagDialog(w)
        asked = dialog.exec()
        note = dialog.note
        dialog.deleteLater()  # a closed dialog kept alive can stay the "active window"
        if asked:
            w.session.flag(note)

    def _drop_shapes(self, n: int) -> bool:
        """ "None of these fit" on an image with shapes: they would stay an unsent draft."""
        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("None of these fit"))
        box.setText(
            self.tr(
                "%n shapes are drawn on this image. They are not sent with a new label"
                " proposal: they stay here as unfinished work.",
                "",
                n,
            )
        )
        box.setInformativeText(self.tr("Propose a new label anyway?"))
        go = box.addButton(self.tr("Propose a new label"), QMessageBox.ButtonRole.AcceptRole)
        back = box.addButton(self.tr("Go back to the image"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(back)
        box.setEscapeButton(back)
        box.exec()
        return box.clickedButton() is go

    def ask_empty(self) -> None:
        """Enter on an image with nothing marked: submit it empty only on a deliberate yes."""
        dialog = EmptyImageDialog(self.window)
        dialog.exec()
        if dialog.submit_empty:
            self.window.session.submit(allow_empty=True)

    def nothing_here(self) -> None:
        """Shift+Enter: submit the image empty on purpose (only if nothing is marked)."""
        w = self.window
        if w.model.shapes():
            w.show_message(
                self.tr("This image has shapes: Enter submits them, or delete them first.")
            )
            return
        w.session.submit(allow_empty=True)

    def show_keys(self) -> None:
        w = self.window
        labels = [
            (w.palette.keys.get(lab.id, ""), lab.name(w.palette.language), lab.description)
            for lab in w.project.taxonomy.active
        ]
        rows = w.actions.cheat_rows()
        if w.suggest_hook is not None:  # the model's suggestion keys, when there is a model
            rows = [*rows, *w.suggest_hook.cheat_sheet()]
        CheatSheet(rows, labels, w).exec()

    def open_settings(self) -> None:
        from ui.settings_dialog import SettingsDialog

        w = self.window
        if w.settings is None:
            return
        dialog = SettingsDialog(w.settings, w)
        if dialog.exec():
            self.apply_settings(dialog.settings)

    def apply_settings(self, settings: Any) -> None:
        """Language, text size and contrast, live; saved for this worker."""
        from ui.settings_dialog import apply_settings

        w = self.window
        w.settings = w.session.settings = settings
        apply_settings(QApplication.instance(), settings)  # type: ignore[arg-type]
        w.palette.set_language(settings.language)
        w.canvas.refresh_names()
        try:
            settings.save(w.project, w.worker)
        except LabelerError as exc:
            w.show_error(exc)
