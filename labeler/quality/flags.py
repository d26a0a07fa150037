"""Workers' flags at the station: which flagged images still wait, and deciding one that has
no work yet.

A worker flags an image on her PC ("look at this one", or "none of these fit"); the flag
(``records.Flag``) travels in her bundles and the station keeps it in ``collected_flags``.
Every flagged image comes into the review queue with her note: beside her work on it when
there is some, else alone. A flag is settled once a review names it, or once the image's work
was reviewed from the queue as flagged or proposed. Deciding a flag alone writes a ``Review``
of revision 0 whose ``submission_uuid`` is the flag's uuid: *accept* agrees with the flag
(the image stays set aside), *reject* sends the image back to the worker to label, with the
reason; there is nothing to correct.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from labeler.errors import LabelerError, NotFoundError
from labeler.quality.records import REASONS, Review, SelfReviewError
from labeler.quality.review_rows import store_review
from labeler.store import Store, new_uuid, now

if TYPE_CHECKING:
    from labeler.quality.station import Station

_COLS = "uuid, device_id, image_sha256, image_path, worker, note, flagged_at"


def open_flags(store: Store, reviewer: str) -> list[dict[str, Any]]:
    """Flags not yet settled, of other workers than ``reviewer``, oldest first."""
    return store.query(
        f"SELECT {_COLS} FROM collected_flags f WHERE f.worker != ?"
        " AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.submission_uuid = f.uuid)"
        " AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.image_sha256 = f.image_sha256"
        "  AND json_extract(r.record, '$.origin') IN ('flagged', 'proposed'))"
        " ORDER BY f.flagged_at, f.uuid",
        (reviewer,),
    )


def flags_of(store: Store, image_sha256: str) -> list[dict[str, Any]]:
    """Every flag collected on one image (what the review page shows), oldest first."""
    return store.query(
        f"SELECT {_COLS} FROM collected_flags WHERE image_sha256 = ? ORDER BY flagged_at, uuid",
        (image_sha256,),
    )


def flag(store: Store, uuid: str) -> dict[str, Any] | None:
    rows = store.query(f"SELECT {_COLS} FROM collected_flags WHERE uuid = ?", (uuid,))
    return rows[0] if rows else None


def decide_flag(
    station: Station,
    flag_row: dict[str, Any],
    reviewer: str,
    decision: str,
    *,
    reason: str | None,
    note: str | None,
    device: str,
    duration_ms: int | None,
) -> Review:
    """Settle a flag on an image with no work yet (see the module docstring)."""
    if decision == "correct":
        raise LabelerError(
            f"{flag_row['image_path']}: nothing to correct, the worker has not labeled it;"
            " accept the flag or send the image back to be labeled"
        )
    if flag_row["worker"] == reviewer:
        raise SelfReviewError(f"{reviewer} flagged this image; another supervisor must decide")
    if reason is not None and reason not in REASONS:
        raise LabelerError(f"unknown reason {reason!r}; use one of {', '.join(REASONS)}")
    stamp = now()
    review = Review.from_dict(
        {
            "uuid": new_uuid(),
            "image_sha256": flag_row["image_sha256"],
            "image_path": flag_row["image_path"],
            "submission_uuid": flag_row["uuid"],
            "revision": 0,
            "worker": flag_row["worker"],
            "worker_device_id": flag_row["device_id"],
            "reviewer": reviewer,
            "device_id": device,
            "decision": decision,
            "reason": reason,
            "note": note,
            "correction_uuid": None,
            "origin": "flagged",
            "reviewed_at": stamp,
            "duration_ms": duration_ms,
        }
    )
    with station.store.write() as db:
        if db.execute(
            "SELECT 1 FROM reviews WHERE submission_uuid = ?", (flag_row["uuid"],)
        ).fetchone():
            raise LabelerError(f"{flag_row['image_path']}: this flag was decided already")
        store_review(db, review)
    return review


def missing(uuid: str) -> NotFoundError:
    return NotFoundError(f"no collected work or flag {uuid}; collect the drive first")
