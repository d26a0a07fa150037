"""A proposal's picture, cut in the background after the proposal is committed.

Cutting it decodes the image once more (up to ~0.2 s for a 12 MP JPEG, more on a weak PC), so
"None of these fit" commits the proposal at once (``Work.propose(picture_later=True)``) and
hands the picture to one Python thread here (``python_threads``: it reads and writes the
store). Closing the window drops what has not started; those pictures stay pending and the
outbox cuts them before it packs (``labeler.proposal_pictures``), so none is lost and no
proposal leaves without its picture made or given up.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject

from labeler import proposal_pictures
from labeler.project import Project
from ui.tasks import TaskRunner

log = logging.getLogger(__name__)


class PictureCutter(QObject):
    """One background thread that cuts proposals' pictures, one after another."""

    def __init__(self, project: Project, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.runner = TaskRunner(1, self, python_threads=True)

    def cut(self, uuid: str) -> None:
        """Cut the picture of proposal ``uuid`` off the UI thread."""
        self.runner.submit(
            proposal_pictures.make,
            self.project,
            uuid,
            on_error=lambda exc: log.warning("picture of proposal %s: %s", uuid, exc),
        )

    def busy(self) -> bool:
        return self.runner.busy()

    def stop(self) -> None:
        """The window closes: wait for the picture being cut, leave the rest pending."""
        self.runner.shutdown()
