"""Quality figures per centre, worker and week: review acceptance, gold accuracy, agreement.

They come from the supervisor stations' records (reviews, gold scores, agreements) as the
server stores them, through ``sync.server.quality.quality_report`` — the same figures as
``GET /v1/quality`` and the station's own reports. A project with no quality record yet
shows none (the page says so plainly): never a number the server has not got.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import func, select

from labeler.quality.agreement import image_class_kappa, pair_agreements
from labeler.quality.records import AgreementRecord
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


@dataclass(frozen=True)
class PairRow:
    """Two workers over the images both labeled: F1 and mean IoU of their shapes, Cohen's
    kappa of their image classes (``labeler.quality.agreement``)."""

    worker_a: str
    worker_b: str
    images: int
    differed: int
    f1: float | None
    mean_iou: float | None
    kappa: float | None


def pairs(storage: Storage, project_id: str) -> list[PairRow]:
    """Agreement per pair of workers from the agreements the stations sent."""
    a = db.agreements
    with storage.read() as conn:
        records = conn.execute(
            select(a.c.record).where(a.c.project_id == project_id).order_by(a.c.uuid)
        ).scalars()
        parsed = [AgreementRecord.from_dict(json.loads(r)) for r in records]
    return [
        PairRow(
            p.worker_a,
            p.worker_b,
            p.images,
            p.disagreements,
            p.f1,
            p.mean_iou,
            image_class_kappa(p),
        )
        for p in pair_agreements(parsed)
    ]


def gold_marked(storage: Storage, project_id: str, limit: int = 50) -> list[dict]:
    """The newest gold images the admin marked (``sync.server.gold``): path, SHA-256, shapes."""
    g = db.gold_marks
    with storage.read() as conn:
        records = conn.execute(
            select(g.c.record).where(g.c.project_id == project_id).order_by(g.c.id.desc())
            .limit(limit)
        ).scalars()  # fmt: skip
        return [json.loads(r) for r in records]


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
