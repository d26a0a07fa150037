"""A proposal's picture, cut after the proposal itself is safe on disk.

``Work.propose`` commits the proposal at once with ``crop_state = 'pending'`` (a power cut
right after "propose" keeps it). The picture (``labeler.crops.make_crop``: the image decoded
once more, up to ~0.2 s for a 12 MP JPEG) is cut afterwards by ``make`` — the app runs it on
a background thread, the CLI and tests straight after proposing — and set on the row once:
``'made'`` with the JPEG in ``crop``, or ``'none'`` when it could not be made (the image file
missing, changed since it was hashed, or unreadable). The schema lets only a pending picture
be set, and only once.

The outbox never packs a pending proposal: ``settle`` cuts every pending picture first, so a
proposal whose app was killed before its picture was made goes out with one cut at the next
pack (or without one, if its image file has gone by then). Whoever cuts first wins; a second
cut of the same picture changes nothing.
"""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING

from labeler.annotations import Shape
from labeler.crops import make_crop

if TYPE_CHECKING:
    from labeler.project import Project

PENDING, MADE, NONE = "pending", "made", "none"
log = logging.getLogger(__name__)


def pending(project: Project) -> list[str]:
    """The uuids of proposals whose picture is still to be cut, oldest first."""
    rows = project.store.query(
        "SELECT uuid FROM proposals WHERE crop_state = ? ORDER BY rowid", (PENDING,)
    )
    return [r["uuid"] for r in rows]


def make(project: Project, uuid: str) -> bytes | None:
    """Cut and store the picture of proposal ``uuid`` if it is still pending; returns the
    proposal's picture as stored afterwards (None when it has none).

    Never raises for a bad image: a picture that cannot be made is given up (``'none'``),
    so a pending picture can never hold the proposal back from the outbox.
    """
    rows = project.store.query(
        "SELECT p.crop, p.crop_state, p.image_sha256, p.image_path, p.region,"
        " i.path, i.width, i.height FROM proposals p LEFT JOIN images i ON i.id = p.image_id"
        " WHERE p.uuid = ?",
        (uuid,),
    )
    if not rows:
        return None
    row = rows[0]
    if row["crop_state"] != PENDING:
        return bytes(row["crop"]) if row["crop"] else None
    data: bytes | None = None
    try:
        if row["path"] is not None:
            region = Shape.from_dict(json.loads(row["region"])) if row["region"] else None
            data = make_crop(
                project.index.abspath(row["path"]),
                row["image_sha256"],
                row["width"] or 0,
                row["height"] or 0,
                region,
            )
    except Exception:  # a bug or an odd file costs the picture, never the proposal
        log.exception("the picture of proposal %s could not be made", uuid)
        data = None
    with project.store.write() as db:
        db.execute(
            "UPDATE proposals SET crop = ?, crop_state = ? WHERE uuid = ? AND crop_state = ?",
            (data, MADE if data else NONE, uuid, PENDING),
        )
        stored = db.execute("SELECT crop FROM proposals WHERE uuid = ?", (uuid,)).fetchone()
    return bytes(stored[0]) if stored and stored[0] else None


def settle(project: Project) -> int:
    """Cut every pending picture (what the outbox does before packing); returns how many."""
    uuids = pending(project)
    for uuid in uuids:
        make(project, uuid)
    return len(uuids)
