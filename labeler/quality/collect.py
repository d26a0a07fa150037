"""The centre's work as a station holds it: what the PCs' bundles carried, stored once.

A station reads bundles from a drive or the server (``sync.station``) and hands the records
here. Each bundle is kept by (device, seq) with its SHA-256 and the previous bundle's, so the
station can say which PCs' chains are whole; each submission and proposal is stored once by
uuid, however many times it is collected. These rows are *not* the station's own work: they
live apart from ``submissions`` so the station's outbox never sends them again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from labeler.annotations import Shape
from labeler.errors import LabelerError
from labeler.quality.records import Flag, RecordError
from labeler.store import Store, now
from labeler.validation import check_feedback
from labeler.work import Submission

_COLS = (
    "uuid, device_id, image_sha256, image_path, width, height, shapes, taxonomy_version,"
    " worker, record_device_id, started_at, submitted_at, duration_ms, revision, supersedes,"
    " source"
)


@dataclass
class CollectReport:
    """What one collection found, for the plain-words drive view and the details toggle."""

    bundles_new: int = 0
    bundles_known: int = 0
    submissions_new: int = 0
    proposals_new: int = 0
    devices: set[str] = field(default_factory=set)
    refused: list[str] = field(default_factory=list)  # "<device> bundle <seq>: why"
    chain_gaps: dict[str, list[int]] = field(default_factory=dict)  # device -> missing seqs

    def merge(self, other: CollectReport) -> None:
        self.bundles_new += other.bundles_new
        self.bundles_known += other.bundles_known
        self.submissions_new += other.submissions_new
        self.proposals_new += other.proposals_new
        self.devices |= other.devices
        self.refused += other.refused
        for device, gaps in other.chain_gaps.items():
            self.chain_gaps[device] = gaps


class BundleConflict(Exception):
    """Other bytes under a (device, seq) this station already collected."""


def store_bundle(
    store: Store,
    *,
    device_id: str,
    seq: int,
    sha256: str,
    prev_sha256: str | None,
    via: str,
    submissions: list[dict[str, Any]],
    proposals: list[dict[str, Any]],
    flags: list[dict[str, Any]] = (),  # type: ignore[assignment]
    feedback: list[dict[str, Any]] = (),  # type: ignore[assignment]
) -> tuple[int, int]:
    """Keep one checked bundle's records; returns (new submissions, new proposals). A flag
    or a model feedback record that fails its checks (``records.Flag``,
    ``validation.check_feedback``) is skipped: the server refuses it too.

    The bundle row and its records commit together, so a collection cut short leaves either
    the whole bundle or nothing of it."""
    stamp = now()
    with store.write() as db:
        have = db.execute(
            "SELECT sha256 FROM collected_bundles WHERE device_id = ? AND seq = ?",
            (device_id, seq),
        ).fetchone()
        if have is not None:
            if have[0] != sha256:
                raise BundleConflict(f"{device_id} bundle {seq}")
            return 0, 0
        db.execute(
            "INSERT INTO collected_bundles (device_id, seq, sha256, prev_sha256, via,"
            " collected_at, submissions, proposals) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (device_id, seq, sha256, prev_sha256, via, stamp, len(submissions), len(proposals)),
        )
        before = db.conn.total_changes
        db.conn.executemany(
            f"INSERT OR IGNORE INTO collected ({_COLS}, bundle_seq) VALUES ({', '.join('?' * 17)})",
            [_submission_row(device_id, s, seq) for s in submissions],
        )
        new_subs = db.conn.total_changes - before
        before = db.conn.total_changes
        db.conn.executemany(
            "INSERT OR IGNORE INTO collected_proposals (uuid, device_id, image_sha256,"
            " image_path, name, reason, worker, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    p["uuid"],
                    device_id,
                    p["image_sha256"],
                    p["image_path"],
                    p["name"],
                    p["reason"],
                    p["worker"],
                    p["created_at"],
                )
                for p in proposals
            ],
        )
        new_props = db.conn.total_changes - before
        db.conn.executemany(
            "INSERT OR IGNORE INTO collected_flags (uuid, device_id, image_sha256, image_path,"
            " worker, note, flagged_at, bundle_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    f.uuid,
                    device_id,
                    f.image_sha256,
                    f.image_path,
                    f.worker,
                    f.note,
                    f.flagged_at,
                    seq,
                )
                for f in _checked_flags(flags)
            ],
        )
        db.conn.executemany(
            "INSERT OR IGNORE INTO collected_feedback (uuid, device_id, submission_uuid,"
            " image_sha256, model_sha256, outcomes, worker, created_at, bundle_seq)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (f["uuid"], device_id, f["submission_uuid"], f["image_sha256"],
                 f["model_sha256"], json.dumps(f["outcomes"], ensure_ascii=False),
                 f["worker"], f["created_at"], seq)
                for f in _checked_feedback(feedback)
            ],
        )  # fmt: skip
        return new_subs, new_props


def _checked_feedback(records: Any) -> list[dict[str, Any]]:
    out = []
    for d in records:
        try:
            out.append(check_feedback(d, None))
        except LabelerError:
            continue
    return out


def _checked_flags(flags: Any) -> list[Flag]:
    out = []
    for d in flags:
        try:
            out.append(Flag.from_dict(d))
        except RecordError:
            continue
    return out


def _submission_row(device_id: str, s: dict[str, Any], seq: int) -> tuple:
    return (
        s["uuid"],
        device_id,
        s["image_sha256"],
        s["image_path"],
        int(s["width"]),
        int(s["height"]),
        json.dumps(s.get("shapes", []), ensure_ascii=False, separators=(",", ":")),
        int(s["taxonomy_version"]),
        s["worker"],
        s["device_id"],
        s.get("started_at"),
        s["submitted_at"],
        s.get("duration_ms"),
        int(s["revision"]),
        s.get("supersedes"),
        s.get("source") or "labeled",
        seq,
    )


def chain_gaps(store: Store, device_id: str | None = None) -> dict[str, list[int]]:
    """Per device: sequence numbers missing below the highest collected, and those whose
    ``prev_sha256`` does not match the collected neighbour (negative numbers)."""
    rows = store.query(
        "SELECT device_id, seq, sha256, prev_sha256 FROM collected_bundles"
        + (" WHERE device_id = ?" if device_id else "")
        + " ORDER BY device_id, seq",
        (device_id,) if device_id else (),
    )
    by_device: dict[str, dict[int, tuple[str, str | None]]] = {}
    for r in rows:
        by_device.setdefault(r["device_id"], {})[r["seq"]] = (r["sha256"], r["prev_sha256"])
    out: dict[str, list[int]] = {}
    for dev, seqs in by_device.items():
        problems = [n for n in range(1, max(seqs)) if n not in seqs]
        for n, (_sha, prev) in seqs.items():
            before = seqs.get(n - 1)
            if before is not None and prev != before[0]:
                problems.append(-n)
        if problems:
            out[dev] = problems
    return out


class CollectedWork:
    """Read access to the centre's collected submissions."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def submission(self, uuid: str) -> CollectedSubmission | None:
        rows = self.store.query(f"SELECT {_COLS} FROM collected WHERE uuid = ?", (uuid,))
        return CollectedSubmission.from_row(rows[0]) if rows else None

    def many(self, uuids: list[str]) -> dict[str, CollectedSubmission]:
        """uuid -> collected submission, read in a few queries (the queue of a big centre)."""
        out: dict[str, CollectedSubmission] = {}
        for i in range(0, len(uuids), 500):
            chunk = uuids[i : i + 500]
            rows = self.store.query(
                f"SELECT {_COLS} FROM collected WHERE uuid IN ({', '.join('?' * len(chunk))})",
                tuple(chunk),
            )
            out.update((r["uuid"], CollectedSubmission.from_row(r)) for r in rows)
        return out

    def count(self) -> int:
        return int(self.store.scalar("SELECT count(*) FROM collected") or 0)

    def for_image(self, image_sha256: str) -> list[CollectedSubmission]:
        rows = self.store.query(
            f"SELECT {_COLS} FROM collected WHERE image_sha256 = ? ORDER BY revision, submitted_at",
            (image_sha256,),
        )
        return [CollectedSubmission.from_row(r) for r in rows]

    def devices(self) -> list[dict[str, Any]]:
        """Per PC: bundles, submissions, workers, last submission."""
        return self.store.query(
            "SELECT b.device_id, b.bundles, b.top, coalesce(c.n, 0) AS submissions,"
            " c.workers, c.last FROM (SELECT device_id, count(*) AS bundles, max(seq) AS top"
            " FROM collected_bundles GROUP BY device_id) b LEFT JOIN (SELECT device_id,"
            " count(*) AS n, group_concat(DISTINCT worker) AS workers,"
            " max(submitted_at) AS last FROM collected GROUP BY device_id) c"
            " ON c.device_id = b.device_id ORDER BY b.device_id"
        )


@dataclass(frozen=True)
class CollectedSubmission:
    """A submission from one of the centre's PCs, and which PC's bundle carried it."""

    submission: Submission
    device_id: str  # the enrolled device whose bundle carried it

    @property
    def uuid(self) -> str:
        return self.submission.uuid

    @classmethod
    def from_row(cls, r: dict[str, Any]) -> CollectedSubmission:
        sub = Submission(
            uuid=r["uuid"],
            image_sha256=r["image_sha256"],
            image_path=r["image_path"],
            width=r["width"],
            height=r["height"],
            shapes=tuple(Shape.from_dict(d) for d in json.loads(r["shapes"])),
            taxonomy_version=r["taxonomy_version"],
            worker=r["worker"],
            device_id=r["record_device_id"],
            started_at=r["started_at"],
            submitted_at=r["submitted_at"],
            duration_ms=r["duration_ms"],
            revision=r["revision"],
            supersedes=r["supersedes"],
            source=r["source"],
        )
        return cls(sub, r["device_id"])
