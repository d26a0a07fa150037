"""The station's automatic checks, run after each collection: new work on gold images is
scored against the answer, and each image two workers labeled is compared (agreement)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from labeler.quality import gold as gold_rules
from labeler.quality.agreement import per_label
from labeler.quality.matching import match_shapes
from labeler.quality.records import AgreementRecord, GoldAnswer, GoldScore
from labeler.store import new_uuid, now

if TYPE_CHECKING:
    from labeler.quality.collect import CollectedSubmission
    from labeler.quality.station import Station


def score_gold(station: Station, device: str) -> int:
    """Score each collected submission on a gold image not scored yet; returns how many."""
    rows = station.store.query(
        "SELECT c.uuid FROM collected c JOIN gold g ON g.image_sha256 = c.image_sha256"
        " WHERE NOT EXISTS (SELECT 1 FROM gold_scores s WHERE s.submission_uuid = c.uuid)"
    )
    scores = []
    answers: dict[str, GoldAnswer | None] = {}
    for work in station.collected.many([r["uuid"] for r in rows]).values():
        sub = work.submission
        if sub.image_sha256 not in answers:
            answers[sub.image_sha256] = station.gold_answer(sub.image_sha256)
        answer = answers[sub.image_sha256]
        assert answer is not None
        out = gold_rules.score(sub.shapes, answer.shapes, sub.width, sub.height)
        scores.append(
            GoldScore(
                uuid=new_uuid(),
                image_sha256=sub.image_sha256,
                submission_uuid=sub.uuid,
                worker=sub.worker,
                worker_device_id=work.device_id,
                device_id=device,
                matched=out.matched,
                missed=out.missed,
                extra=out.extra,
                wrong_label=out.wrong_label,
                mean_iou=None if out.mean_iou is None else round(out.mean_iou, 6),
                f1=round(out.f1, 6),
                passed=out.passed,
                scored_at=now(),
            )
        )
    with station.store.write() as db:
        db.conn.executemany(
            "INSERT OR IGNORE INTO gold_scores (uuid, submission_uuid, image_sha256, worker,"
            " passed, scored_at, record) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    s.uuid,
                    s.submission_uuid,
                    s.image_sha256,
                    s.worker,
                    int(s.passed),
                    s.scored_at,
                    s.to_json(),
                )
                for s in scores
            ],
        )
    return len(scores)


def compare_overlaps(station: Station, device: str) -> int:
    """Each image labeled by two or more workers: compare each worker's latest revision
    with each other's once."""
    shas = [
        r["image_sha256"]
        for r in station.store.query(
            "SELECT image_sha256 FROM collected GROUP BY image_sha256"
            " HAVING count(DISTINCT worker) > 1"
        )
    ]
    made = []
    for sha in shas:
        latest: dict[str, CollectedSubmission] = {}
        for w in station.collected.for_image(sha):
            if w.submission.source == "corrected":
                continue
            latest[w.submission.worker] = w  # ordered by revision: the last one stays
        workers = sorted(latest)
        for i, wa in enumerate(workers):
            for wb in workers[i + 1 :]:
                a, b = latest[wa], latest[wb]
                if station.store.scalar(
                    "SELECT 1 FROM agreements WHERE submission_a = ? AND submission_b = ?",
                    (a.uuid, b.uuid),
                ):
                    continue
                made.append(compare(a, b, device))
    with station.store.write() as db:
        db.conn.executemany(
            "INSERT OR IGNORE INTO agreements (uuid, submission_a, submission_b, image_sha256,"
            " worker_a, worker_b, agree, computed_at, record)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    r.uuid,
                    r.submission_a,
                    r.submission_b,
                    r.image_sha256,
                    r.worker_a,
                    r.worker_b,
                    int(r.agree),
                    r.computed_at,
                    r.to_json(),
                )
                for r in made
            ],
        )
    return len(made)


def compare(a: CollectedSubmission, b: CollectedSubmission, device: str) -> AgreementRecord:
    """The agreement record of two workers' work on one image."""
    sa, sb = a.submission, b.submission
    m = match_shapes(sa.shapes, sb.shapes, sa.width, sa.height)
    labels = per_label(m, [s.label for s in sa.shapes], [s.label for s in sb.shapes])
    f1 = m.f1()
    return AgreementRecord(
        uuid=new_uuid(),
        image_sha256=sa.image_sha256,
        submission_a=sa.uuid,
        submission_b=sb.uuid,
        worker_a=sa.worker,
        worker_b=sb.worker,
        device_id=device,
        labels={k: v.to_dict() for k, v in sorted(labels.items())},
        tags_a=tuple(sorted(m.tags_a)),
        tags_b=tuple(sorted(m.tags_b)),
        f1=round(f1, 6),
        mean_iou=None if m.mean_iou is None else round(m.mean_iou, 6),
        agree=f1 >= 1.0 and not m.wrong_label,
        computed_at=now(),
    )
