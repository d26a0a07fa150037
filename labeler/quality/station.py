"""The supervisor station's core: who may review, the review queue, and the decisions.

A station is a project file on the supervisor's PC, over the centre's images, that holds the
centre's collected work (``collect``) beside its own. The role comes from the signed project
pack (the server lists the stations that may review; ``sync`` writes it to ``META_ROLE``) or,
for a standalone project, from its owner (``grant_supervisor``). Decisions are immutable
``Review`` records in the station's store; a correction is a new revision by the supervisor
in ``submissions`` (so the station's outbox carries it like any work), and a rejection puts a
rework item in ``station_returns`` for the worker's PC. A worker never reviews her own work.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from labeler import annotations as ann
from labeler.annotations import Shape
from labeler.errors import LabelerError, NotFoundError
from labeler.quality import gold as gold_rules
from labeler.quality.agreement import per_label
from labeler.quality.collect import CollectedSubmission, CollectedWork
from labeler.quality.matching import match_shapes
from labeler.quality.records import (
    REASONS,
    AgreementRecord,
    GoldAnswer,
    GoldScore,
    Review,
    SelfReviewError,
)
from labeler.quality.reports import Facts
from labeler.quality.sampling import DEFAULT_SHARE, Candidate, draw, spot_checks
from labeler.store import new_uuid, now

if TYPE_CHECKING:
    from labeler.project import Project

META_ROLE = "station_role"  # "supervisor" when this project may review
META_ROLE_SOURCE = "station_role_source"  # "pack" (the server granted it) or "owner"
META_SETTINGS = "quality_settings"
META_SYNC_DEVICE = "sync_device_id"  # written by enrollment (sync.identity)


class NotASupervisorError(LabelerError):
    """This project has not been given the supervisor role."""


@dataclass
class QualitySettings:
    """What the supervisor (or the admin) can tune; kept in the project file."""

    spot_share: float = DEFAULT_SHARE  # share of each worker's submissions per day
    gold_rate: float = 0.05  # one gold image per 20 images on a worker's list
    overlap_share: float = 0.05  # share of images a second worker labels too
    gold_per_visit: int = 5  # at most this many new gold images per PC per drive visit
    seed: str = ""  # made once per station; makes the samples reproducible

    def check(self) -> None:
        for name in ("spot_share", "gold_rate", "overlap_share"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise LabelerError(f"{name} must be between 0 and 1 (it is {value})")
        if not 0 <= self.gold_per_visit <= 1000:
            raise LabelerError("gold_per_visit must be between 0 and 1000")


def is_supervisor(project: Project) -> bool:
    return project.store.get_meta(META_ROLE) == "supervisor"


def grant_supervisor(project: Project) -> None:
    """The owner of a standalone project makes this PC a station. An enrolled project gets
    its role from the server's signed pack only."""
    if project.store.get_meta(META_SYNC_DEVICE):
        raise LabelerError(
            "this project is joined to a server: the admin grants the supervisor role there"
            " (labeler-server enroll-device --supervisor NAME)"
        )
    project.store.set_meta(META_ROLE, "supervisor")
    project.store.set_meta(META_ROLE_SOURCE, "owner")


def station_device_id(project: Project) -> str:
    """The id this station's records carry: its enrolled device id, else the project's."""
    return project.store.get_meta(META_SYNC_DEVICE) or project.device_id


class QueueItem:
    """One revision waiting for the supervisor, and why it is there. What the list shows is
    read with the queue; the work itself (shapes), and the proposals, the second opinion or
    the gold answer beside it, are read when first asked for: a big centre's queue holds
    thousands of items and the supervisor looks at one at a time."""

    def __init__(self, station: Station, row: dict[str, Any], origin: str, other: str | None):
        self._station = station
        self.uuid: str = row["uuid"]
        self.worker: str = row["worker"]
        self.image_sha256: str = row["image_sha256"]
        self.image_path: str = row["image_path"]
        self.origin = origin
        self._other_uuid = other

    @cached_property
    def work(self) -> CollectedSubmission:
        found = self._station.collected.submission(self.uuid)
        if found is None:  # collected rows are never deleted
            raise NotFoundError(f"no collected work {self.uuid}")
        return found

    @cached_property
    def proposals(self) -> list[dict[str, Any]]:
        if self.origin != "proposed":
            return []
        return self._station.store.query(
            "SELECT uuid, name, reason, worker, created_at FROM collected_proposals"
            " WHERE image_sha256 = ? ORDER BY created_at",
            (self.image_sha256,),
        )

    @cached_property
    def other(self) -> CollectedSubmission | None:
        """The second worker's work on this image (overlap)."""
        return self._station.collected.submission(self._other_uuid) if self._other_uuid else None

    @cached_property
    def gold(self) -> GoldAnswer | None:
        return self._station.gold_answer(self.image_sha256) if self.origin == "gold" else None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, QueueItem) and (self.uuid, self.origin) == (
            other.uuid,
            other.origin,
        )

    def __hash__(self) -> int:
        return hash((self.uuid, self.origin))

    def __repr__(self) -> str:
        return f"QueueItem({self.uuid!r}, {self.origin!r}, worker={self.worker!r})"


_ORIGIN_ORDER = {"proposed": 0, "overlap": 1, "gold": 2, "spot": 3}


class Station:
    """Review, gold and agreement on one station project."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.store = project.store
        self.collected = CollectedWork(project.store)

    # ---------------------------------------------------------------- settings
    @property
    def settings(self) -> QualitySettings:
        text = self.store.get_meta(META_SETTINGS)
        settings = QualitySettings(**json.loads(text)) if text else QualitySettings()
        if not settings.seed:
            settings.seed = secrets.token_hex(16)
            self.save_settings(settings)
        return settings

    def save_settings(self, settings: QualitySettings) -> None:
        settings.check()
        self.store.set_meta(META_SETTINGS, json.dumps(asdict(settings)))

    def require_role(self) -> None:
        if not is_supervisor(self.project):
            raise NotASupervisorError(
                f"{self.project.path}: this project may not review work. The admin lists"
                " supervisor stations in the project (labeler-server enroll-device"
                " --supervisor NAME); a standalone project's owner runs"
                " `labeler station grant`"
            )

    # ---------------------------------------------------------------- queue
    def queue(self, reviewer: str, *, limit: int | None = None) -> list[QueueItem]:
        """What waits for ``reviewer``: the spot-check sample, everything flagged or proposed,
        overlap disagreements and failed gold images; never her own work, never a revision
        that was reviewed or superseded since. Ordered proposed, overlap, gold, spot; then by
        time."""
        settings = self.settings
        gold = self.gold_shas()
        # one pass over the collected work (a big centre: 100,000 rows, read as tuples). The
        # sample is drawn over all of each worker's day, reviewed or not, so reviewing it
        # never pulls the next-lowest submission of that day in; ``open``: not reviewed, not
        # superseded since.
        everyone = (
            self.store.reader()
            .execute(
                "SELECT c.uuid, c.worker, c.image_sha256, c.image_path, c.submitted_at,"
                " NOT EXISTS (SELECT 1 FROM reviews r WHERE r.submission_uuid = c.uuid)"
                " AND NOT EXISTS (SELECT 1 FROM collected n WHERE n.supersedes = c.uuid)"
                " AND NOT EXISTS (SELECT 1 FROM submissions s WHERE s.supersedes = c.uuid)"
                " FROM collected c WHERE c.worker != ?",
                (reviewer,),
            )
            .fetchall()
        )
        candidates = (Candidate(r[0], r[1], r[4][:10]) for r in everyone if r[2] not in gold)
        sample = spot_checks(candidates, settings.spot_share, settings.seed)
        proposed = {
            r["image_sha256"]
            for r in self.store.query("SELECT DISTINCT image_sha256 FROM collected_proposals")
        }
        disagree = {
            r["submission_a"]: r["submission_b"]
            for r in self.store.query(
                "SELECT submission_a, submission_b FROM agreements WHERE agree = 0"
            )
        }
        disagree.update({b: a for a, b in list(disagree.items())})
        failed = {
            r["submission_uuid"]
            for r in self.store.query("SELECT submission_uuid FROM gold_scores WHERE passed = 0")
        }
        chosen: list[tuple[int, str, tuple]] = []
        for r in everyone:
            if not r[5]:
                continue
            if r[2] in proposed:
                origin = "proposed"
            elif r[0] in disagree:
                origin = "overlap"
            elif r[0] in failed:
                origin = "gold"
            elif r[0] in sample:
                origin = "spot"
            else:
                continue
            chosen.append((_ORIGIN_ORDER[origin], origin, r))
        del everyone
        chosen.sort(key=lambda c: (c[0], c[2][4], c[2][0]))
        if limit is not None:
            chosen = chosen[:limit]
        keys = ("uuid", "worker", "image_sha256", "image_path", "submitted_at")
        return [
            QueueItem(self, dict(zip(keys, r[:5], strict=True)), origin, disagree.get(r[0]))
            for _o, origin, r in chosen
        ]

    def queue_size(self, reviewer: str) -> int:
        return len(self.queue(reviewer))

    # ---------------------------------------------------------------- decisions
    def decide(
        self,
        submission_uuid: str,
        reviewer: str,
        decision: str,
        *,
        reason: str | None = None,
        note: str | None = None,
        shapes: Sequence[Shape] | None = None,
        origin: str = "chosen",
        duration_ms: int | None = None,
    ) -> Review:
        """Record a decision on one revision: ``accept``, ``reject`` (with a reason code; the
        image goes back to the worker's PC) or ``correct`` (``shapes`` become a new revision
        by the supervisor that supersedes the reviewed one)."""
        self.require_role()
        reviewer = " ".join(reviewer.split())
        if not reviewer:
            raise LabelerError("say who is reviewing (the supervisor's name)")
        work = self.collected.submission(submission_uuid)
        if work is None:
            raise NotFoundError(f"no collected work {submission_uuid}; collect the drive first")
        sub = work.submission
        if sub.worker == reviewer:
            raise SelfReviewError(
                f"{reviewer} labeled this image; a worker never reviews her own work."
                " Another supervisor must review it"
            )
        if reason is not None and reason not in REASONS:
            raise LabelerError(f"unknown reason {reason!r}; use one of {', '.join(REASONS)}")
        note = (note or "").strip() or None
        correction: str | None = None
        stamp = now()
        device = station_device_id(self.project)
        review = Review.from_dict(
            {
                "uuid": new_uuid(),
                "image_sha256": sub.image_sha256,
                "image_path": sub.image_path,
                "submission_uuid": sub.uuid,
                "revision": sub.revision,
                "worker": sub.worker,
                "worker_device_id": work.device_id,
                "reviewer": reviewer,
                "device_id": device,
                "decision": decision,
                "reason": reason,
                "note": note,
                "correction_uuid": new_uuid() if decision == "correct" else None,  # set below
                "origin": origin,
                "reviewed_at": stamp,
                "duration_ms": duration_ms,
            }
        )  # checks decision, reason and note before anything is written
        with self.store.write() as db:
            if db.execute(
                "SELECT 1 FROM reviews WHERE submission_uuid = ?", (sub.uuid,)
            ).fetchone():
                raise LabelerError(f"{sub.image_path}: this revision was reviewed already")
            if decision == "correct":
                if shapes is None:
                    raise LabelerError("a correction needs the corrected shapes")
                correction = self._write_correction(db, work, list(shapes), reviewer, stamp)
            review = Review(**{**review.__dict__, "correction_uuid": correction})
            db.execute(
                "INSERT INTO reviews (uuid, submission_uuid, image_sha256, worker, reviewer,"
                " decision, reason, reviewed_at, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    review.uuid,
                    sub.uuid,
                    sub.image_sha256,
                    sub.worker,
                    reviewer,
                    decision,
                    reason,
                    stamp,
                    review.to_json(),
                ),
            )
            if decision == "reject":
                body = {
                    "review_uuid": review.uuid,
                    "image_sha256": sub.image_sha256,
                    "image_path": sub.image_path,
                    "submission_uuid": sub.uuid,
                    "worker": sub.worker,
                    "reason": reason,
                    "note": note,
                    "reviewer": reviewer,
                }
                db.execute(
                    "INSERT INTO station_returns (uuid, device_id, kind, image_sha256, body,"
                    " created_at) VALUES (?, ?, 'rework', ?, ?, ?)",
                    (review.uuid, work.device_id, sub.image_sha256, json.dumps(body), stamp),
                )
        return review

    def _write_correction(
        self, db: Any, work: CollectedSubmission, shapes: list[Shape], reviewer: str, stamp: str
    ) -> str:
        """The supervisor's new revision. The reviewed revision is copied into
        ``submissions`` first (marked delivered: the station never sends it), so the
        correction can name it as the revision it supersedes."""
        sub = work.submission
        ann.validate(
            shapes,
            sub.width,
            sub.height,
            self.project.kind,
            {lab.id for lab in self.project.taxonomy.labels},
        )
        image = db.execute(
            "SELECT id FROM images WHERE sha256 = ? AND duplicate_of IS NULL LIMIT 1",
            (sub.image_sha256,),
        ).fetchone()
        image_id = image[0] if image else None
        version = self.project.taxonomy_version
        base = {**sub.to_dict(), "taxonomy_version": version, "shapes": ann.dumps(sub.shapes)}
        base["supersedes"] = None  # its own predecessor may not be on this station
        cols = ", ".join(base)
        db.execute(
            f"INSERT OR IGNORE INTO submissions (image_id, {cols})"
            f" VALUES (?, {', '.join('?' * len(base))})",
            (image_id, *base.values()),
        )
        db.execute(
            "INSERT OR IGNORE INTO delivery (record_type, record_uuid, delivered_at)"
            " VALUES ('submission', ?, ?)",
            (sub.uuid, stamp),
        )
        new = {
            **base,
            "uuid": new_uuid(),
            "shapes": ann.dumps(shapes),
            "worker": reviewer,
            "device_id": self.project.device_id,
            "started_at": None,
            "submitted_at": stamp,
            "duration_ms": None,
            "revision": sub.revision + 1,
            "supersedes": sub.uuid,
            "source": "corrected",
        }
        db.execute(
            "INSERT OR IGNORE INTO workers (name, created_at) VALUES (?, ?)", (reviewer, stamp)
        )
        db.execute(
            f"INSERT INTO submissions (image_id, {cols}) VALUES (?, {', '.join('?' * len(new))})",
            (image_id, *new.values()),
        )
        return new["uuid"]

    def reviews(self) -> list[Review]:
        rows = self.store.query("SELECT record FROM reviews ORDER BY reviewed_at, uuid")
        return [Review.from_dict(json.loads(r["record"])) for r in rows]

    # ---------------------------------------------------------------- gold
    def add_gold(self, answers: Sequence[GoldAnswer]) -> int:
        """Keep gold answers (the first answer for an image stays); returns how many are new."""
        with self.store.write() as db:
            before = db.conn.total_changes
            db.conn.executemany(
                "INSERT OR IGNORE INTO gold (uuid, image_sha256, created_at, record)"
                " VALUES (?, ?, ?, ?)",
                [(a.uuid, a.image_sha256, a.created_at, a.to_json()) for a in answers],
            )
            return db.conn.total_changes - before

    def gold_shas(self) -> set[str]:
        return {r["image_sha256"] for r in self.store.query("SELECT image_sha256 FROM gold")}

    def gold_answer(self, sha: str) -> GoldAnswer | None:
        text = self.store.scalar("SELECT record FROM gold WHERE image_sha256 = ?", (sha,))
        return GoldAnswer.from_dict(json.loads(text)) if text else None

    def gold_answers(self) -> list[GoldAnswer]:
        rows = self.store.query("SELECT record FROM gold ORDER BY created_at, uuid")
        return [GoldAnswer.from_dict(json.loads(r["record"])) for r in rows]

    # ---------------------------------------------------------------- automatic checks
    def refresh(self) -> tuple[int, int]:
        """Score new work on gold images and compare new overlap pairs; returns
        (gold scores made, agreements made). Run after each collection."""
        return self._score_gold(), self._compare_overlaps()

    def _score_gold(self) -> int:
        device = station_device_id(self.project)
        rows = self.store.query(
            "SELECT c.uuid FROM collected c JOIN gold g ON g.image_sha256 = c.image_sha256"
            " WHERE NOT EXISTS (SELECT 1 FROM gold_scores s WHERE s.submission_uuid = c.uuid)"
        )
        scores = []
        answers: dict[str, GoldAnswer | None] = {}
        for work in self.collected.many([r["uuid"] for r in rows]).values():
            sub = work.submission
            if sub.image_sha256 not in answers:
                answers[sub.image_sha256] = self.gold_answer(sub.image_sha256)
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
        with self.store.write() as db:
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

    def _compare_overlaps(self) -> int:
        """Each image labeled by two or more workers: compare each worker's latest revision
        with each other's once."""
        device = station_device_id(self.project)
        shas = [
            r["image_sha256"]
            for r in self.store.query(
                "SELECT image_sha256 FROM collected GROUP BY image_sha256"
                " HAVING count(DISTINCT worker) > 1"
            )
        ]
        made = []
        for sha in shas:
            latest: dict[str, CollectedSubmission] = {}
            for w in self.collected.for_image(sha):
                if w.submission.source == "corrected":
                    continue
                latest[w.submission.worker] = w  # ordered by revision: the last one stays
            workers = sorted(latest)
            for i, wa in enumerate(workers):
                for wb in workers[i + 1 :]:
                    a, b = latest[wa], latest[wb]
                    if self.store.scalar(
                        "SELECT 1 FROM agreements WHERE submission_a = ? AND submission_b = ?",
                        (a.uuid, b.uuid),
                    ):
                        continue
                    made.append(compare(a, b, device))
        with self.store.write() as db:
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

    def agreements(self) -> list[AgreementRecord]:
        rows = self.store.query("SELECT record FROM agreements ORDER BY computed_at, uuid")
        return [AgreementRecord.from_dict(json.loads(r["record"])) for r in rows]

    def gold_scores(self) -> list[GoldScore]:
        rows = self.store.query("SELECT record FROM gold_scores ORDER BY scored_at, uuid")
        return [GoldScore.from_dict(json.loads(r["record"])) for r in rows]

    def facts(self) -> Facts:
        """The recorded facts the worker reports are made of (``reports.summarize``)."""
        q = self.store.reader().execute
        return Facts(
            work=q("SELECT uuid, worker, submitted_at, duration_ms FROM collected").fetchall(),
            reviews=q("SELECT submission_uuid, decision FROM reviews").fetchall(),
            gold=[(u, bool(p)) for u, p in q("SELECT submission_uuid, passed FROM gold_scores")],
            agreements=[
                (a, b, json.loads(rec)["f1"])
                for a, b, rec in q("SELECT submission_a, submission_b, record FROM agreements")
            ],
        )

    # ---------------------------------------------------------------- what goes back to PCs
    def plan_tasks(self, devices: Sequence[str]) -> int:
        """Choose the gold and overlap images each PC gets on its next visit; returns how many
        were added. Only images this station has (it carries their files) can be sent."""
        settings = self.settings
        have = {
            r["sha256"]: r["path"]
            for r in self.store.query(
                "SELECT sha256, path FROM images WHERE sha256 IS NOT NULL AND problem IS NULL"
                " AND missing = 0 AND duplicate_of IS NULL"
            )
        }
        sent = {
            (r["device_id"], r["image_sha256"])
            for r in self.store.query("SELECT device_id, image_sha256 FROM station_returns")
        }
        labeled_on: dict[str, set[str]] = {}
        for r in self.store.query("SELECT DISTINCT image_sha256, device_id FROM collected"):
            labeled_on.setdefault(r["image_sha256"], set()).add(r["device_id"])
        rows: list[tuple[str, str, str, str, str, str]] = []
        stamp = now()
        answers = self.gold_answers()
        gold = [a for a in answers if a.image_sha256 in have]
        for device in devices:
            fresh = [
                a
                for a in gold
                if (device, a.image_sha256) not in sent
                and device not in labeled_on.get(a.image_sha256, set())
            ]
            fresh.sort(key=lambda a: draw(settings.seed, f"gold:{device}:{a.image_sha256}"))
            for a in fresh[: settings.gold_per_visit]:
                rows.append(self._task_row(device, "gold", a.image_sha256, have, stamp))
        order = sorted(devices)
        gold_set = {a.image_sha256 for a in answers}
        for sha, on in sorted(labeled_on.items()):
            if sha in gold_set or sha not in have or len(on) != 1:
                continue
            if draw(settings.seed, f"overlap:{sha}") >= settings.overlap_share:
                continue
            others = [d for d in order if d not in on]
            if not others or any((d, sha) in sent for d in order):
                continue
            target = others[int(draw(settings.seed, f"pick:{sha}") * len(others))]
            rows.append(self._task_row(target, "overlap", sha, have, stamp))
        with self.store.write() as db:
            db.conn.executemany(
                "INSERT INTO station_returns (uuid, device_id, kind, image_sha256, body,"
                " created_at) VALUES (?, ?, ?, ?, ?, ?)",
                rows,
            )
        return len(rows)

    def _task_row(
        self, device: str, kind: str, sha: str, have: dict[str, str], stamp: str
    ) -> tuple[str, str, str, str, str, str]:
        body = {"image_sha256": sha, "name": have[sha].replace("\\", "/").rsplit("/", 1)[-1]}
        return (new_uuid(), device, kind, sha, json.dumps(body), stamp)

    def returns_waiting(self, device_id: str | None = None) -> list[dict[str, Any]]:
        """Rework and tasks not yet put into a message for their PC."""
        rows = self.store.query(
            "SELECT uuid, device_id, kind, image_sha256, body, created_at FROM station_returns"
            " WHERE sent_in IS NULL"
            + (" AND device_id = ?" if device_id else "")
            + " ORDER BY created_at, uuid",
            (device_id,) if device_id else (),
        )
        for r in rows:
            r["body"] = json.loads(r["body"])
        return rows

    def mark_returns_sent(self, uuids: Sequence[str], message_seq: int) -> None:
        with self.store.write() as db:
            db.conn.executemany(
                "UPDATE station_returns SET sent_in = ? WHERE uuid = ? AND sent_in IS NULL",
                [(message_seq, u) for u in uuids],
            )


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
