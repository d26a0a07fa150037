"""The supervisor station's core: who may review, its settings, and the decisions.

A station is a project file on the supervisor's PC, over the centre's images, that holds the
centre's collected work (``collect``) beside its own. The role comes from the signed project
pack (the server lists the stations that may review; ``sync`` writes it to ``META_ROLE``) or,
for a standalone project, from its owner (``grant_supervisor``). Decisions are immutable
``Review`` records in the station's store; a correction is a new revision by the supervisor
in ``submissions`` (so the station's outbox carries it like any work), and a rejection puts a
rework item in ``station_returns`` for the worker's PC. A worker never reviews her own work.
The queue is built in ``review_queue``; the gold and overlap checks run in ``auto_checks``.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from labeler import annotations as ann
from labeler.annotations import Shape
from labeler.errors import LabelerError
from labeler.quality import auto_checks, flags
from labeler.quality.collect import CollectedSubmission, CollectedWork
from labeler.quality.records import (
    REASONS,
    AgreementRecord,
    GoldAnswer,
    GoldScore,
    Review,
    SelfReviewError,
)
from labeler.quality.reports import Facts
from labeler.quality.review_queue import QueueItem, build_queue
from labeler.quality.review_rows import store_review
from labeler.quality.sampling import DEFAULT_SHARE, draw
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
        """What waits for ``reviewer`` (``review_queue.build_queue``)."""
        return build_queue(self, reviewer, limit=limit)

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
            flag_row = flags.flag(self.store, submission_uuid)
            if flag_row is None:
                raise flags.missing(submission_uuid)
            return flags.decide_flag(
                self,
                flag_row,
                reviewer,
                decision,
                reason=reason,
                note=(note or "").strip() or None,
                device=station_device_id(self.project),
                duration_ms=duration_ms,
            )
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
            store_review(db, review)
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
        device = station_device_id(self.project)
        return auto_checks.score_gold(self, device), auto_checks.compare_overlaps(self, device)

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
