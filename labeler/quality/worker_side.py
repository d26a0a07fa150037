"""On a worker's PC: what the supervisor's station sent back, once its signature checked out.

*Rework*: an image the supervisor rejected goes back to the to-do list with the reason, which
the canvas shows; the worker's fix is an ordinary new revision (``Work.submit``), after which
the rework item is marked fixed. *Tasks*: gold and overlap images arrive as files; each is
copied into the image folder under an ordinary name, indexed, and placed among the images
still to do at the configured spacing, so it looks like any other image. What the worker
then submits on it carries ``source`` ``gold`` or ``overlap`` (never shown to her), so the
server keeps it out of the exported work. Verifying the signature is ``sync``'s job; this
module trusts its caller.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from labeler.errors import LabelerError
from labeler.images import sha256_file
from labeler.store import now

if TYPE_CHECKING:
    from labeler.project import Project

REASON_TEXT = {
    "wrong_label": "wrong label",
    "missed_object": "missed object",
    "loose_box": "loose box",
    "not_labelable": "not labelable",
    "other": "other",
}


@dataclass(frozen=True)
class OpenRework:
    """A rework item not fixed yet: what the canvas shows above the image."""

    uuid: str
    reason: str
    note: str | None
    reviewer: str


def apply_rework(project: Project, station_id: str, items: list[dict[str, Any]]) -> int:
    """Put rejected images back on the list with their reason; returns how many are new."""
    stamp = now()
    new = 0
    with project.store.write() as db:
        for it in items:
            cur = db.execute(
                "INSERT OR IGNORE INTO rework (uuid, image_sha256, submission_uuid, reason,"
                " note, reviewer, station_id, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    it["review_uuid"],
                    it["image_sha256"],
                    it["submission_uuid"],
                    it["reason"],
                    it.get("note"),
                    it["reviewer"],
                    station_id,
                    stamp,
                ),
            )
            if cur.rowcount:
                new += 1
                db.execute(
                    "UPDATE images SET status = 'todo', status_note = ? WHERE sha256 = ?"
                    " AND duplicate_of IS NULL AND status IN ('submitted', 'flagged')",
                    (f"rework: {REASON_TEXT.get(it['reason'], it['reason'])}", it["image_sha256"]),
                )
    return new


def open_rework(project: Project, image_sha256: str | None) -> OpenRework | None:
    """The latest unfixed rework of an image, or None."""
    if not image_sha256:
        return None
    rows = project.store.query(
        "SELECT uuid, reason, note, reviewer FROM rework WHERE image_sha256 = ?"
        " AND fixed_by IS NULL ORDER BY received_at DESC LIMIT 1",
        (image_sha256,),
    )
    return OpenRework(**rows[0]) if rows else None


def rework_waiting(project: Project) -> int:
    return int(project.store.scalar("SELECT count(*) FROM rework WHERE fixed_by IS NULL") or 0)


def on_submit(db: Any, image_sha256: str, submission_uuid: str, source: str) -> str:
    """Called inside ``Work.submit``'s transaction: marks rework fixed, and returns the
    submission's source (``gold``/``overlap`` for a task image)."""
    task, rework_open = db.execute(  # one read on the labeling hot path; nearly always (None, 0)
        "SELECT (SELECT kind FROM quality_tasks WHERE image_sha256 = :sha),"
        " EXISTS (SELECT 1 FROM rework WHERE image_sha256 = :sha AND fixed_by IS NULL)",
        {"sha": image_sha256},
    ).fetchone()
    if rework_open:
        db.execute(
            "UPDATE rework SET fixed_by = ? WHERE image_sha256 = ? AND fixed_by IS NULL",
            (submission_uuid, image_sha256),
        )
    return task if task is not None and source == "labeled" else source


def add_task_image(
    project: Project, station_id: str, kind: str, sha256: str, source: Path, name: str, every: int
) -> bool:
    """Copy one gold or overlap image into the image folder and mix it into the list to do.
    Returns False when this PC had the task already. Raises ``LabelerError`` when the file
    is not the image the signed message names."""
    if kind not in ("gold", "overlap"):
        raise LabelerError(f"unknown task kind {kind!r}")
    if project.store.scalar("SELECT 1 FROM quality_tasks WHERE image_sha256 = ?", (sha256,)):
        return False
    if sha256_file(source) != sha256:  # in chunks: an image is not read whole into memory
        raise LabelerError(f"{source}: not the image the station named (damaged on the drive?)")
    existing = project.store.scalar(
        "SELECT id FROM images WHERE sha256 = ? AND missing = 0 AND problem IS NULL", (sha256,)
    )
    image_id = existing
    if image_id is None:
        safe = "".join(c for c in Path(name).name if c.isalnum() or c in "._- ") or "image.jpg"
        target = project.image_root / safe
        if target.exists():
            target = target.with_name(f"{target.stem}-{sha256[:8]}{target.suffix}")
        tmp = target.with_name(f".{target.name}.tmp")
        shutil.copyfile(source, tmp)
        tmp.replace(target)
        image_id = project.index.add_file(target)
        if image_id is None:
            raise LabelerError(f"{name}: the station sent a file that is not an image")
        project.index.ensure_hash(image_id)
    with project.store.write() as db:
        db.execute(
            "INSERT OR IGNORE INTO quality_tasks (image_sha256, kind, station_id, received_at)"
            " VALUES (?, ?, ?, ?)",
            (sha256, kind, station_id, now()),
        )
        if existing is None:
            _mix_in(db, image_id, every)
    return True


def _mix_in(db: Any, image_id: int, every: int) -> None:
    """Give a new task image a place among the images to do: after the ``every``-th open
    image that has no task right before it (so tasks spread out), or at the end. The
    others keep their order; the place is a number between two neighbours' ``seq``."""
    rows = db.execute(
        "SELECT seq, EXISTS (SELECT 1 FROM quality_tasks t JOIN images g"
        " ON g.sha256 = t.image_sha256 WHERE g.id = images.id) FROM images"
        " WHERE status IN ('todo', 'in_progress') AND id != ? AND problem IS NULL"
        " AND duplicate_of IS NULL AND missing = 0 ORDER BY seq",
        (image_id,),
    ).fetchall()
    every = max(1, every)
    run = 0
    for i, (seq, is_task) in enumerate(rows):
        run = 0 if is_task else run + 1
        if run >= every and i + 1 < len(rows) and not rows[i + 1][1]:
            db.execute(
                "UPDATE images SET seq = ? WHERE id = ?", ((seq + rows[i + 1][0]) / 2, image_id)
            )
            return


def record_flag(db: Any, project: Project, rec: Any, sha: str, note: str, worker: str) -> None:
    """Keep a worker's flag on an image as an immutable record (``records.Flag``) for the
    outbox, inside the caller's transaction: the station's queue shows it with her note."""
    from labeler.quality.records import Flag
    from labeler.store import new_uuid

    stamp = now()
    flag = Flag.from_dict(
        {
            "uuid": new_uuid(),
            "image_sha256": sha,
            "image_path": rec.path,
            "note": note[:2000],
            "worker": worker,
            "device_id": project.device_id,
            "flagged_at": stamp,
        }
    )
    db.execute(
        "INSERT INTO flags (uuid, image_id, image_sha256, created_at, record)"
        " VALUES (?, ?, ?, ?, ?)",
        (flag.uuid, rec.id, sha, stamp, flag.to_json()),
    )
