"""Quality figures per centre and worker: review acceptance, gold accuracy, agreement.

They come from the supervisor station's records (reviews, gold scores, agreement) once the
server stores them. Until a database has those tables, ``figures`` answers None and the
page says plainly that no review data has arrived: it never shows a number it has not got.
"""

from __future__ import annotations

from dataclasses import dataclass

from sync.server import storage as db
from sync.server.storage import Storage

QUALITY_TABLES = ("reviews", "gold_scores", "agreements")


@dataclass(frozen=True)
class QualityRow:
    centre: str
    worker: str
    reviewed: int
    accepted: int
    gold_scored: int
    gold_correct: int
    agreement: float | None


def figures(storage: Storage, project_id: str) -> list[QualityRow] | None:
    """Rows per centre and worker, or None while the server has no quality records at all."""
    if not any(name in db.metadata.tables for name in QUALITY_TABLES):
        return None
    return []  # filled from the station's tables when they land on the server (issue 12)
