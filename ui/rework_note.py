"""The supervisor's reason for sending an image back, shown above the worker's canvas.

One indexed read of the project file per image shown (``labeler.quality.worker_side``); the
note disappears once the worker submits her fix (a new revision).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from labeler.project import Project
from labeler.quality.worker_side import open_rework
from labeler.queue import ImageRecord
from ui.station.reason_dialog import reason_text


def rework_message(project: Project, rec: ImageRecord | None) -> str | None:
    """The sentence to show for ``rec``, or None when it was not sent back."""
    item = open_rework(project, rec.sha256 if rec is not None else None)
    if item is None:
        return None
    reason = reason_text(item.reason).split(" (")[0]
    text = QCoreApplication.translate("ReworkNote", "{name} sent this image back: {reason}.")
    text = text.format(name=item.reviewer, reason=reason)
    return f"{text} {item.note}" if item.note else text
