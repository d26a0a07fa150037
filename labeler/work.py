"""A worker's actions on an image: drafts, submit, skip; "none of these fit" and "ask the
supervisor" through ``labeler.proposals`` and ``labeler.flagging``.

Every action is one SQLite transaction: when a call returns, the change is on disk. A draft is
saved on every edit, so reopening resumes the same image with the same shapes. Submitting
writes an immutable ``Submission``; a later correction is a new revision that supersedes it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from labeler import annotations as ann
from labeler import flagging, validation
from labeler import proposals as _proposals
from labeler.annotations import Shape
from labeler.errors import LabelerError, NotFoundError
from labeler.proposals import Proposal
from labeler.quality import worker_side
from labeler.store import new_uuid, now

if TYPE_CHECKING:
    from labeler.project import Project


@dataclass(frozen=True)
class Submission:
    """The immutable record of one finished image, as it travels in bundles."""

    uuid: str
    image_sha256: str
    image_path: str
    width: int
    height: int
    shapes: tuple[Shape, ...]
    taxonomy_version: int
    worker: str
    device_id: str
    started_at: str | None
    submitted_at: str
    duration_ms: int | None
    revision: int
    supersedes: str | None
    source: str = "labeled"

    def to_dict(self) -> dict[str, Any]:
        d = {k: getattr(self, k) for k in self.__dataclass_fields__}
        d["shapes"] = [s.to_dict() for s in self.shapes]
        return d

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Submission:
        fields = {k: row[k] for k in cls.__dataclass_fields__ if k != "shapes"}
        return cls(shapes=tuple(ann.loads(row["shapes"])), **fields)


@dataclass(frozen=True)
class Unreadable:
    """A stored record that could not be read back as a ``Submission`` (a row written before
    records were checked); exports skip it and name it instead of failing."""

    uuid: str
    reason: str


def read_record(uuid: Any, build: Callable[[], Submission]) -> Submission | Unreadable:
    """``build()``, or an ``Unreadable`` saying why not: what a source of submissions for an
    export (the PC's store, the server's database) yields for each stored row."""
    try:
        return build()
    except (LabelerError, ValueError, TypeError, KeyError, ArithmeticError, RecursionError) as exc:
        return Unreadable(str(uuid), plain_reason(exc))


def plain_reason(exc: BaseException) -> str:
    """An exception's message as a report line: printable, valid UTF-8, at most 300 long."""
    return str(exc).encode("utf-8", "backslashreplace").decode("utf-8")[:300]


_SUBMISSION_COLS = ", ".join(Submission.__dataclass_fields__)


class Work:
    """Drafts, submissions, skips and proposals of one project."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.store = project.store
        self._known_workers: set[str] = set()  # in the workers table (rows are never deleted)

    # ---------------------------------------------------------------- drafts
    def save_draft(self, image_id: int, shapes: list[Shape], worker: str | None = None) -> None:
        """Keep the shapes in progress; the image becomes "in progress" (not submitted)."""
        stamp = now()
        with self.store.write() as db:
            db.execute(
                "INSERT INTO drafts (image_id, worker, shapes, started_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT(image_id) DO UPDATE SET"
                " shapes = excluded.shapes, updated_at = excluded.updated_at,"
                " worker = coalesce(excluded.worker, drafts.worker)",
                (image_id, worker, ann.dumps(shapes), stamp, stamp),
            )
            db.execute(
                "UPDATE images SET status = 'in_progress' WHERE id = ? AND status = 'todo'",
                (image_id,),
            )

    def draft(self, image_id: int) -> list[Shape] | None:
        text = self.store.scalar("SELECT shapes FROM drafts WHERE image_id = ?", (image_id,))
        return None if text is None else ann.loads(text)

    def discard_draft(self, image_id: int) -> None:
        with self.store.write() as db:
            db.execute("DELETE FROM drafts WHERE image_id = ?", (image_id,))
            db.execute(
                "UPDATE images SET status = 'todo' WHERE id = ? AND status = 'in_progress'",
                (image_id,),
            )

    def current_shapes(self, image_id: int) -> list[Shape]:
        """What to show when the image opens: its draft, else its latest submission, else none."""
        draft = self.draft(image_id)
        if draft is not None:
            return draft
        latest = self.latest_for_image(image_id)
        return list(latest.shapes) if latest else []

    # ---------------------------------------------------------------- submit
    def submit(
        self,
        image_id: int,
        shapes: list[Shape],
        worker: str,
        *,
        duration_ms: int | None = None,
        started_at: str | None = None,
        source: str = "labeled",
        submitted_at: str | None = None,
    ) -> Submission:
        """Validate and commit an immutable submission; the image leaves the to-do list."""
        rec = self.project.queue.get(image_id)
        if rec.problem:
            raise LabelerError(f"{rec.path}: cannot be labeled ({rec.problem})")
        if rec.width is None or rec.height is None:
            raise LabelerError(f"{rec.path}: image size unknown; rescan the folder")
        version = self.project.taxonomy_version
        taxonomy = self.project.taxonomy_at(version)
        kind = self.project.kind  # read once: the check below and the record's rules use it
        shapes = validation.check_shapes(
            shapes, rec.width, rec.height, kind, self.project.label_ids_at(version)
        )
        retired = [s.label for s in shapes if (lab := taxonomy.get(s.label)) and lab.retired]
        if retired:
            raise LabelerError(f"label {retired[0]!r} is retired; choose a current label")
        sha = rec.sha256 or self.project.index.ensure_hash(image_id)
        stamp = submitted_at or now()
        with self.store.write() as db:
            draft_started, prev_uuid, prev_revision = db.execute(  # one read: the hot path
                "SELECT (SELECT started_at FROM drafts WHERE image_id = ?), p.uuid, p.revision"
                " FROM (SELECT 1) LEFT JOIN (SELECT uuid, revision FROM submissions"
                " WHERE image_sha256 = ? ORDER BY revision DESC LIMIT 1) AS p",
                (image_id, sha),
            ).fetchone()
            started = started_at or draft_started
            if duration_ms is None and started:
                duration_ms = _ms_between(started, stamp)
            if duration_ms is not None:  # a draft left for a month is not 2**31 ms of work
                duration_ms = min(max(0, duration_ms), validation.MAX_INT32)
            new_id = new_uuid()
            source = worker_side.on_submit(db, sha, new_id, source)  # rework fixed; task source
            sub = Submission(
                uuid=new_id,
                image_sha256=sha,
                image_path=rec.path,
                width=rec.width,
                height=rec.height,
                shapes=tuple(shapes),
                taxonomy_version=version,
                worker=worker,
                device_id=self.project.device_id,
                started_at=started,
                submitted_at=stamp,
                duration_ms=duration_ms,
                revision=(prev_revision + 1) if prev_uuid else 1,
                supersedes=prev_uuid,
                source=source,
            )
            row = sub.to_dict()
            # the same check the server makes at ingest: what this PC stores, it can deliver
            validation.check_submission(row, self.project.record_rules(kind), shapes_checked=True)
            if worker not in self._known_workers:
                db.execute(
                    "INSERT OR IGNORE INTO workers (name, created_at) VALUES (?, ?)",
                    (worker, stamp),
                )
            row["shapes"] = ann.dumps_dicts(row["shapes"])
            db.execute(
                f"INSERT INTO submissions (image_id, {_SUBMISSION_COLS})"
                f" VALUES (?, {', '.join('?' * len(row))})",
                (image_id, *row.values()),
            )
            db.execute("DELETE FROM drafts WHERE image_id = ?", (image_id,))
            db.execute(
                "UPDATE images SET status = 'submitted', status_note = NULL WHERE id = ?",
                (image_id,),
            )
        self._known_workers.add(worker)  # only once committed: a rollback takes the row too
        return sub

    def skip(self, image_id: int, reason: str, worker: str | None = None) -> None:
        """Put an image aside with a reason (blurred, empty, ...); it can be labeled later."""
        with self.store.write() as db:
            cur = db.execute(
                "UPDATE images SET status = 'skipped', status_note = ? WHERE id = ?",
                (reason.strip() or "skipped", image_id),
            )
            if cur.rowcount == 0:
                raise NotFoundError(f"image {image_id} is not in this project")

    def reopen(self, image_id: int) -> None:
        """Bring a skipped or flagged image back to the to-do list."""
        with self.store.write() as db:
            db.execute(
                "UPDATE images SET status = CASE WHEN EXISTS"
                " (SELECT 1 FROM drafts WHERE image_id = images.id) THEN 'in_progress'"
                " ELSE 'todo' END, status_note = NULL"
                " WHERE id = ? AND status IN ('skipped', 'flagged')",
                (image_id,),
            )

    # ---------------------------------------------------------------- set aside
    def propose(
        self,
        image_id: int,
        name: str,
        reason: str,
        worker: str,
        region: Shape | None = None,
        *,
        picture_later: bool = False,
    ) -> Proposal:
        """Propose a label: "none of these fit" (``labeler.proposals.propose``)."""
        return _proposals.propose(
            self.project, image_id, name, reason, worker, region, picture_later=picture_later
        )

    def flag(self, image_id: int, note: str, worker: str) -> None:
        """Ask the supervisor about an image (``labeler.flagging.flag``)."""
        flagging.flag(self.project, image_id, note, worker)

    def proposals(self) -> list[Proposal]:
        """Every proposal, oldest first (``labeler.proposals.proposals``)."""
        return _proposals.proposals(self.project)

    # ---------------------------------------------------------------- reading
    def submission(self, uuid: str) -> Submission:
        rows = self.store.query(
            f"SELECT {_SUBMISSION_COLS} FROM submissions WHERE uuid = ?", (uuid,)
        )
        if not rows:
            raise NotFoundError(f"no submission {uuid}")
        return Submission.from_row(rows[0])

    def latest_for_image(self, image_id: int) -> Submission | None:
        rec = self.project.queue.get(image_id)
        if rec.sha256 is None:
            rows = self.store.query(
                f"SELECT {_SUBMISSION_COLS} FROM submissions WHERE image_id = ?"
                " ORDER BY revision DESC LIMIT 1",
                (image_id,),
            )
        else:
            rows = self.store.query(
                f"SELECT {_SUBMISSION_COLS} FROM submissions WHERE image_sha256 = ?"
                " ORDER BY revision DESC LIMIT 1",
                (rec.sha256,),
            )
        return Submission.from_row(rows[0]) if rows else None

    def submissions(self) -> Iterator[Submission]:
        """Every submission, oldest first (all revisions)."""
        cur = self.store.reader().execute(
            f"SELECT {_SUBMISSION_COLS} FROM submissions ORDER BY submitted_at, rowid"
        )
        cols = [d[0] for d in cur.description]
        for row in cur:
            yield Submission.from_row(dict(zip(cols, row, strict=True)))

    def latest_submissions(self) -> Iterator[Submission | Unreadable]:
        """The latest revision of each image's work, in queue order: what exports contain.

        A row that cannot be read back comes as ``Unreadable`` (exports skip and name it)."""
        cur = self.store.reader().execute(
            f"""
            SELECT {", ".join("s." + c for c in Submission.__dataclass_fields__)}
            FROM submissions s
            LEFT JOIN images i ON i.id = s.image_id
            WHERE s.revision = (SELECT max(revision) FROM submissions t
                                WHERE t.image_sha256 = s.image_sha256)
            ORDER BY coalesce(i.seq, 0), s.image_path
            """
        )
        cols = [d[0] for d in cur.description]
        for values in cur:
            row = dict(zip(cols, values, strict=True))
            yield read_record(row["uuid"], lambda row=row: Submission.from_row(row))

    def count_submitted_today(self, worker: str | None = None) -> int:
        """Images first submitted today (by ``worker``, or by anyone): a correction of an
        image already submitted does not count again, so the day's figure means new work."""
        today = now()[:10]
        who = "" if worker is None else " AND p.worker = :worker"
        return int(
            self.store.scalar(
                "SELECT count(DISTINCT s.image_sha256) FROM submissions s"
                " WHERE s.submitted_at >= :today"
                + ("" if worker is None else " AND s.worker = :worker")
                + " AND NOT EXISTS (SELECT 1 FROM submissions p"
                " WHERE p.image_sha256 = s.image_sha256 AND p.submitted_at < :today" + who + ")",
                {"today": today, "worker": worker},
            )
        )


def _ms_between(a: str, b: str) -> int | None:
    try:
        fa = datetime.fromisoformat(a.replace("Z", "+00:00"))
        fb = datetime.fromisoformat(b.replace("Z", "+00:00"))
    except ValueError:
        return None
    return max(0, int((fb - fa).total_seconds() * 1000))


def monotonic_ms() -> int:
    return int(time.monotonic() * 1000)
