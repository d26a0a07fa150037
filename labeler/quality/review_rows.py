"""A decision in the station's store: the review's row and, for a rejection, the rework
return that goes back to the worker's PC (``station_returns``, signed when sent).

One writer for both kinds of review: of a revision (``Station.decide``) and of a flag on an
image with no work (``labeler.quality.flags``). Runs inside the caller's transaction."""

from __future__ import annotations

import json
from typing import Any

from labeler.quality.records import Review


def store_review(db: Any, review: Review) -> None:
    db.execute(
        "INSERT INTO reviews (uuid, submission_uuid, image_sha256, worker, reviewer,"
        " decision, reason, reviewed_at, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            review.uuid,
            review.submission_uuid,
            review.image_sha256,
            review.worker,
            review.reviewer,
            review.decision,
            review.reason,
            review.reviewed_at,
            review.to_json(),
        ),
    )
    if review.decision != "reject":
        return
    body = {
        "review_uuid": review.uuid,
        "image_sha256": review.image_sha256,
        "image_path": review.image_path,
        "submission_uuid": review.submission_uuid,
        "worker": review.worker,
        "reason": review.reason,
        "note": review.note,
        "reviewer": review.reviewer,
    }
    db.execute(
        "INSERT INTO station_returns (uuid, device_id, kind, image_sha256, body, created_at)"
        " VALUES (?, ?, 'rework', ?, ?, ?)",
        (
            review.uuid,
            review.worker_device_id,
            review.image_sha256,
            json.dumps(body),
            review.reviewed_at,
        ),
    )
