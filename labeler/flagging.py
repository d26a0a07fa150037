"""A worker's "ask the supervisor": flagging an image with a note.

A flag sets the image aside and records an immutable ``Flag`` (``labeler.quality.records``)
that travels in the PC's bundles to the station's review queue. "None of these fit"
(``labeler.proposals``) sets its image aside the same way, through ``set_aside``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from labeler.errors import LabelerError
from labeler.quality import worker_side

if TYPE_CHECKING:
    from labeler.project import Project
    from labeler.queue import ImageRecord


def flag(project: Project, image_id: int, note: str, worker: str) -> None:
    """Flag an image for the supervisor ("look at this one") with a note; the flag
    travels in the PC's bundles to the station's review queue.

    An image not done yet is set aside (status ``flagged``, off the to-do list, until
    ``Work.reopen``); a submitted one stays submitted - her work was sent and is reviewed
    beside the flag - and only carries the note."""
    note = note.strip()
    if not note:
        raise LabelerError("write why you flag this image")
    rec = project.queue.get(image_id)
    sha = rec.sha256 or project.index.ensure_hash(image_id)
    with project.store.write() as db:
        set_aside(db, project, rec, sha, note, note, worker)


def set_aside(
    db: Any,
    project: Project,
    rec: ImageRecord,
    sha: str,
    status_note: str,
    note: str,
    worker: str,
) -> None:
    """Inside the caller's transaction: set the image aside (a submitted one stays
    submitted) with ``status_note`` and record the flag, with ``note``, that travels to
    the station."""
    db.execute(
        "UPDATE images SET status = CASE status WHEN 'submitted' THEN 'submitted'"
        " ELSE 'flagged' END, status_note = ? WHERE id = ?",
        (status_note, rec.id),
    )
    worker_side.record_flag(db, project, rec, sha, note, worker)
