"""Quality figures per centre, worker and week: review acceptance, gold accuracy, agreement.

They come from the supervisor stations' records (reviews, gold scores, agreements) as the
server stores them, through ``sync.server.quality.quality_report`` — the same figures as
``GET /v1/quality`` and the station's own reports. A project with no quality record yet
shows none (the page says so plainly): never a number the server has not got.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from sync.server import quality
from sync.server import storage as db
from sync.server.storage import Storage


@dataclass(frozen=True)
class QualityRow:
    centre: str
    week: str  # ISO week, YYYY-Www
    worker: str
    images: int
    median_seconds: float | None
    reviewed: int
    accepted: int
    gold_scored: int
    gold_correct: int
    agreement: float | None  # mean matched F1 over the worker's overlap pairs


def has_records(storage: Storage, project_id: str) -> bool:
    """Whether any station has sent a review, gold score or agreement for this project."""
    with storage.read() as conn:
        for table in (db.reviews, db.gold_scores, db.agreements):
            n = conn.execute(
                select(func.count()).select_from(table).where(table.c.project_id == project_id)
            ).scalar_one()
            if n:
                return True
    return False


def figures(storage: Storage, project_id: str) -> list[QualityRow]:
    """Rows per centre, newest week first, then worker; [] while no station has sent a
    quality record for this project."""
    if not has_records(storage, project_id):
        return []
    rows = [
        QualityRow(
            centre=centre,
            week=w.period,
            worker=w.worker,
            images=w.images,
            median_seconds=w.median_seconds,
            reviewed=w.reviewed,
            accepted=w.accepted,
            gold_scored=w.gold_scored,
            gold_correct=w.gold_passed,
            agreement=w.agreement,
        )
        for centre, workers in quality.by_centre(storage, project_id, "week")
        for w in workers
    ]
    rows.sort(key=lambda r: r.worker)
    rows.sort(key=lambda r: r.week, reverse=True)
    rows.sort(key=lambda r: r.centre)
    return rows
