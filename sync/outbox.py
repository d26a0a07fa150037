"""The outbox: finished work packed into signed bundle files, and their delivery state.

Undelivered submissions and proposals are packed into bundles (``sync.bundle``) of at most
``PackPolicy.target_bytes``, numbered 1, 2, 3 … per device and chained by ``prev_sha256``.
Each file is written durably (temp, fsync, rename) into ``<project>.bundles/`` beside the
project file, and its state is data in the store: the ``bundles`` table (pending → sent →
delivered, or rejected with a reason) and the ``delivery`` table (which bundle carries each
record, when it was delivered, why it was rejected). A bundle is immutable once written; a
corrected submission (a new revision) is a new record and goes in a later bundle.

Transports (``sync.client`` over HTTP, ``sync.usb`` by drive) use only this API:
``pack()``/``maybe_pack()``, ``undelivered()``, ``read_bytes()``, ``mark_sent()``,
``mark_rejected()``, ``note_error()`` and ``apply_receipt()``; they never touch the tables.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from labeler import proposal_pictures
from labeler.models.outcomes import Feedback
from labeler.project import Project
from labeler.proposals import Proposal
from labeler.store import now
from labeler.work import Submission
from sync.bundle import (
    BUNDLE_SUFFIX,
    DEFAULT_TARGET_BYTES,
    BundleLimits,
    bundle_sha256,
    encode_bundle,
    write_bundle,
)
from sync.enrollment import server_taxonomy_version
from sync.errors import ReceiptError, SyncError
from sync.identity import SyncIdentity, load_identity
from sync.receipt import Receipt, verify_receipt
from sync.station import bundle_gold

BUNDLE_STATES = ("pending", "sent", "delivered", "rejected")
_SUB_COLS = ", ".join(Submission.__dataclass_fields__)
_PROP_COLS = ", ".join(Proposal.__dataclass_fields__)
_FEEDBACK_COLS = ", ".join(Feedback.__dataclass_fields__)
_KINDS = {
    "submission": ("submissions", Submission, _SUB_COLS),
    "proposal": ("proposals", Proposal, _PROP_COLS),
    "feedback": ("feedback", Feedback, _FEEDBACK_COLS),  # model feedback (issue 15)
}
QUALITY_TABLES = {"review": "reviews", "gold": "gold", "gold_score": "gold_scores",
                  "agreement": "agreements", "flag": "flags"}  # fmt: skip
"""Quality records (issue 12): kind -> table; each row keeps its wire JSON in ``record``.
A station packs its reviews, gold answers and scores and agreements; a worker PC packs only
the flags its workers raised, so a PC with no flags writes the bundles it always did. A
station's gold answers go out sealed (``gold_sealed``), or wait while it holds no gold key."""


class BundleFileLost(SyncError):
    """A bundle file is missing or damaged on disk (``Outbox.abandon`` repacks its records)."""


class _PackedElsewhere(Exception):
    """Another process packed these records first; pack again from the new state."""


@dataclass(frozen=True)
class PackPolicy:
    """When and how big to pack. Defaults: after 100 records or 10 minutes; 64 KiB bundles."""

    every_records: int = 100
    every_minutes: float = 10.0
    target_bytes: int = DEFAULT_TARGET_BYTES
    max_records: int = 2000

    def __post_init__(self) -> None:
        hard = BundleLimits()
        if self.target_bytes > hard.max_file_bytes or self.max_records > hard.max_records:
            raise ValueError("the outbox must write bundles every reader accepts (BundleLimits)")


@dataclass(frozen=True)
class OutboxBundle:
    """One bundle file of the outbox and its delivery state."""

    id: int  # local number (what ``delivery.bundle_seq`` names)
    device_id: str
    seq: int
    path: Path
    sha256: str
    size: int
    prev_sha256: str | None
    submissions: int
    proposals: int
    created_at: str
    state: str
    sent_at: str | None
    delivered_at: str | None
    last_error: str | None
    receipt: dict[str, Any] | None

    @property
    def name(self) -> str:
        return self.path.name


@dataclass(frozen=True)
class OutboxCounts:
    """Records and bundles by state, for status lines and the status bar."""

    unbundled: int  # records not yet in any bundle
    pending: int  # records not yet delivered (bundled or not), not rejected
    delivered: int
    rejected: int
    bundles: dict[str, int]  # state -> number of bundles


class Outbox:
    """The outbox of one enrolled project (``identity`` defaults to what enrollment stored)."""

    def __init__(
        self,
        project: Project,
        *,
        identity: SyncIdentity | None = None,
        policy: PackPolicy | None = None,
    ) -> None:
        self.project = project
        self.store = project.store
        self.policy = policy or PackPolicy()
        self._identity = identity
        self._pack_lock = threading.Lock()
        self._bytes_per_record: float | None = None
        p = Path(project.path)
        self.folder = p.with_name(p.stem + ".bundles")

    @property
    def identity(self) -> SyncIdentity:
        """Loaded on first use, so an outbox can be made (and counted) before enrollment."""
        if self._identity is None:
            self._identity = load_identity(self.project)
        return self._identity

    # ---------------------------------------------------------------- packing
    def _unbundled(self, kind: str, limit: int) -> list[dict[str, Any]]:
        if kind in QUALITY_TABLES:
            key = None
            if kind == "gold":  # a station's own gold leaves only sealed (bundle_gold)
                key = bundle_gold.gold_key_of(self.identity.device_id)
                if key is None:
                    return []  # kept back until the station holds the gold key
            rows = self.store.query(
                f"SELECT record FROM {QUALITY_TABLES[kind]} r WHERE NOT EXISTS (SELECT 1"
                f" FROM delivery d WHERE d.record_type = ? AND d.record_uuid = r.uuid"
                f" AND (d.bundle_seq IS NOT NULL OR d.delivered_at IS NOT NULL))"
                f" ORDER BY r.rowid LIMIT ?",
                (kind, limit),
            )
            out = [json.loads(r["record"]) for r in rows]
            return bundle_gold.sealed(key, self.identity.project_id, out) if key else out
        table, cls, cols = _KINDS[kind]
        # a proposal waits until its picture is cut or given up (labeler.proposal_pictures)
        ready = " AND r.crop_state IS NOT 'pending'" if kind == "proposal" else ""
        rows = self.store.query(
            f"SELECT {cols} FROM {table} r WHERE NOT EXISTS (SELECT 1 FROM delivery d"
            f" WHERE d.record_type = ? AND d.record_uuid = r.uuid"
            f" AND (d.bundle_seq IS NOT NULL OR d.delivered_at IS NOT NULL)){ready}"
            f" ORDER BY r.rowid LIMIT ?",
            (kind, limit),
        )
        to_server = server_taxonomy_version(self.project)
        out = []
        for r in rows:
            rec = cls.from_row(r).to_dict()
            if "taxonomy_version" in rec:  # feedback records name none
                rec["taxonomy_version"] = to_server(rec["taxonomy_version"])  # PROTOCOL.md
            out.append(rec)
        return out

    def unbundled_count(self) -> int:
        return int(
            self.store.scalar(
                "SELECT "
                + " + ".join(
                    f"(SELECT count(*) FROM {table} r WHERE NOT EXISTS"
                    f" (SELECT 1 FROM delivery d WHERE d.record_type = '{kind}'"
                    " AND d.record_uuid = r.uuid"
                    " AND (d.bundle_seq IS NOT NULL OR d.delivered_at IS NOT NULL)))"
                    for kind, table in (
                        *((k, t) for k, (t, _, _) in _KINDS.items()),
                        *QUALITY_TABLES.items(),
                    )
                )
            )
        )

    def due(self) -> bool:
        """True when enough work waits (``every_records``) or the oldest waits too long."""
        count = self.unbundled_count()
        if count == 0:
            return False
        if count >= self.policy.every_records:
            return True
        oldest = (
            self._unbundled("submission", 1)
            or self._unbundled("proposal", 1)
            or self._unbundled("feedback", 1)
        )
        if not oldest:  # only a station's quality records wait: pack them now
            return True
        stamp = oldest[0].get("submitted_at") or oldest[0].get("created_at")
        try:
            t = datetime.fromisoformat(str(stamp).replace("Z", "+00:00"))
        except ValueError:
            return True
        return (datetime.now(UTC) - t).total_seconds() >= self.policy.every_minutes * 60

    def maybe_pack(self) -> list[OutboxBundle]:
        """Pack if ``due()``; what the app calls after each submit and on a timer."""
        return self.pack() if self.due() else []

    def pack(self) -> list[OutboxBundle]:
        """Pack every record not yet in a bundle; returns the new bundles (maybe none).

        Proposals whose picture is still pending (the app was closed or killed before it
        was cut) get it cut here first, so none waits for ever and none goes out before
        its picture is made or given up."""
        made: list[OutboxBundle] = []
        with self._pack_lock:
            self._sweep_temp_files()
            proposal_pictures.settle(self.project)
            while True:
                try:
                    b = self._pack_one()
                except _PackedElsewhere:
                    continue
                if b is None:
                    return made
                made.append(b)

    def _sweep_temp_files(self, older_than_s: float = 3600) -> None:
        """Remove half-written files a killed program left (old enough not to be in use)."""
        if not self.folder.is_dir():
            return
        limit = time.time() - older_than_s
        for p in self.folder.glob(".*"):
            with contextlib.suppress(OSError):
                if p.name.startswith((".packing-", ".tmp-")) and p.stat().st_mtime < limit:
                    p.unlink()

    def _last(self, device_id: str) -> tuple[int, str | None]:
        rows = self.store.query(
            "SELECT seq, sha256 FROM bundles WHERE device_id = ? ORDER BY seq DESC LIMIT 1",
            (device_id,),
        )
        return (rows[0]["seq"], rows[0]["sha256"]) if rows else (0, None)

    def _pack_one(self) -> OutboxBundle | None:
        ident = self.identity
        cap = self.policy.max_records
        if self._bytes_per_record:  # read only about as many records as will fit
            cap = min(cap, int(1.1 * self.policy.target_bytes / self._bytes_per_record) + 1)
        items: list[tuple[str, dict[str, Any]]] = [
            ("proposal", r) for r in self._unbundled("proposal", cap)
        ]
        for kind in ("submission", *QUALITY_TABLES, "feedback"):
            items += [(kind, r) for r in self._unbundled(kind, max(0, cap - len(items)))]
        if not items:
            return None
        last_seq, last_sha = self._last(ident.device_id)
        fields = {
            "project_id": ident.project_id,
            "device_id": ident.device_id,
            "seq": last_seq + 1,
            "prev_sha256": last_sha,
        }
        n = len(items)
        if self._bytes_per_record:  # start near the right size: usually one encode per bundle
            n = min(n, max(1, int(0.95 * self.policy.target_bytes / self._bytes_per_record)))
        while True:  # shrink the batch until the file fits the target size
            by_kind: dict[str, list[dict[str, Any]]] = {}
            for kind, r in items[:n]:
                by_kind.setdefault("gold_sealed" if kind == "gold" else kind, []).append(r)
            subs, props = by_kind.pop("submission", []), by_kind.pop("proposal", [])
            fbs = by_kind.pop("feedback", [])
            data = encode_bundle(fields, subs, props, ident.secret, feedback=fbs, quality=by_kind)
            self._bytes_per_record = len(data) / n
            if len(data) <= self.policy.target_bytes or n <= 1:
                break
            n = max(1, int(n * 0.9 * self.policy.target_bytes / len(data)))
        n_s, n_p = len(subs), len(props)
        records = [(kind, r["uuid"]) for kind, r in items[:n]]
        self.folder.mkdir(parents=True, exist_ok=True)
        safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in ident.device_id)
        final = self.folder / f"{safe}-{last_seq + 1:06d}{BUNDLE_SUFFIX}"
        temp = write_bundle(self.folder / f".packing-{os.getpid()}-{threading.get_ident()}", data)
        sha, stamp = bundle_sha256(data), now()
        try:
            with self.store.write() as db:
                # take the write lock first, then check that no other process packed meanwhile
                db.execute("UPDATE bundles SET state = state WHERE 0")
                row = db.execute(
                    "SELECT max(seq) FROM bundles WHERE device_id = ?", (ident.device_id,)
                ).fetchone()
                taken = db.execute(
                    "SELECT count(*) FROM delivery WHERE bundle_seq IS NOT NULL AND"
                    " record_uuid IN (SELECT value FROM json_each(?))",
                    (json.dumps([u for _, u in records]),),
                ).fetchone()[0]
                if (row[0] or 0) != last_seq or taken:
                    raise _PackedElsewhere
                os.replace(temp, final)
                cur = db.execute(
                    "INSERT INTO bundles (device_id, seq, file, sha256, size, prev_sha256,"
                    " submissions, proposals, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        ident.device_id,
                        last_seq + 1,
                        final.name,
                        sha,
                        len(data),
                        last_sha,
                        n_s,
                        n_p,
                        stamp,
                    ),
                )
                db.conn.executemany(
                    "INSERT INTO delivery (record_type, record_uuid, bundle_seq) VALUES (?, ?, ?)"
                    " ON CONFLICT (record_type, record_uuid) DO UPDATE SET"
                    " bundle_seq = excluded.bundle_seq",
                    [(kind, uuid, cur.lastrowid) for kind, uuid in records],
                )
        finally:
            with contextlib.suppress(FileNotFoundError):
                temp.unlink()
        return self.bundle(ident.device_id, last_seq + 1)

    # ---------------------------------------------------------------- reading
    def _from_row(self, r: dict[str, Any]) -> OutboxBundle:
        return OutboxBundle(
            id=r["id"],
            device_id=r["device_id"],
            seq=r["seq"],
            path=self.folder / r["file"],
            sha256=r["sha256"],
            size=r["size"],
            prev_sha256=r["prev_sha256"],
            submissions=r["submissions"],
            proposals=r["proposals"],
            created_at=r["created_at"],
            state=r["state"],
            sent_at=r["sent_at"],
            delivered_at=r["delivered_at"],
            last_error=r["last_error"],
            receipt=json.loads(r["receipt"]) if r["receipt"] else None,
        )

    def bundles(self, states: tuple[str, ...] = BUNDLE_STATES) -> list[OutboxBundle]:
        """Bundles in the given states, in the order they were packed."""
        marks = ", ".join("?" * len(states))
        rows = self.store.query(
            f"SELECT * FROM bundles WHERE state IN ({marks}) ORDER BY id", tuple(states)
        )
        return [self._from_row(r) for r in rows]

    def state_of(self, b: OutboxBundle) -> str | None:
        """The bundle's state now (None if its number was taken out of the chain)."""
        return self.store.scalar(
            "SELECT state FROM bundles WHERE id = ? AND seq = ?", (b.id, b.seq)
        )

    def undelivered(self) -> list[OutboxBundle]:
        """What a transport should carry, oldest first (pending and sent, not rejected)."""
        return self.bundles(("pending", "sent"))

    def bundle(self, device_id: str, seq: int) -> OutboxBundle:
        rows = self.store.query(
            "SELECT * FROM bundles WHERE device_id = ? AND seq = ?", (device_id, seq)
        )
        if not rows:
            raise SyncError(f"this PC has no bundle {seq} of device {device_id}")
        return self._from_row(rows[0])

    def read_bytes(self, b: OutboxBundle) -> bytes:
        """The bundle file's bytes, checked against the SHA-256 recorded when it was packed."""
        try:
            data = b.path.read_bytes()
        except FileNotFoundError as exc:
            raise BundleFileLost(
                f"{b.path}: the bundle file is missing; restore the {self.folder.name} folder"
                " from a copy (its work cannot be sent without it)"
            ) from exc
        if bundle_sha256(data) != b.sha256:
            raise BundleFileLost(f"{b.path}: the bundle file was changed or damaged on disk")
        return data

    def gold_waiting_for_key(self) -> int:
        """Gold answers this station keeps back because it holds no gold key (0 with one)."""
        if bundle_gold.gold_key_of(self.identity.device_id) is not None:
            return 0
        return int(
            self.store.scalar(
                "SELECT count(*) FROM gold r WHERE NOT EXISTS (SELECT 1 FROM delivery d"
                " WHERE d.record_type = 'gold' AND d.record_uuid = r.uuid"
                " AND (d.bundle_seq IS NOT NULL OR d.delivered_at IS NOT NULL))"
            )
        )

    def counts(self) -> OutboxCounts:
        row = self.store.query(
            "SELECT"
            " (SELECT count(*) FROM submissions) + (SELECT count(*) FROM proposals)"
            " + (SELECT count(*) FROM feedback) + (SELECT count(*) FROM reviews)"
            " + (SELECT count(*) FROM gold) + (SELECT count(*) FROM gold_scores)"
            " + (SELECT count(*) FROM agreements) + (SELECT count(*) FROM flags) AS total,"
            " (SELECT count(*) FROM delivery WHERE delivered_at IS NOT NULL) AS delivered,"
            " (SELECT count(*) FROM delivery WHERE delivered_at IS NULL"
            "  AND rejected_reason IS NOT NULL) AS rejected"
        )[0]
        by_state = {s: 0 for s in BUNDLE_STATES}
        for r in self.store.query(
            "SELECT state, count(*) AS n FROM bundles WHERE seq > 0 GROUP BY state"  # not set aside
        ):
            by_state[r["state"]] = r["n"]
        return OutboxCounts(
            unbundled=self.unbundled_count(),
            pending=row["total"] - row["delivered"] - row["rejected"],
            delivered=row["delivered"],
            rejected=row["rejected"],
            bundles=by_state,
        )

    # ---------------------------------------------------------------- state changes
    def mark_sent(self, b: OutboxBundle) -> None:
        """The bundle left this PC (uploaded without receipt yet, or copied to a drive)."""
        with self.store.write() as db:
            db.execute(
                "UPDATE bundles SET state = 'sent', sent_at = ? WHERE id = ? AND state = 'pending'",
                (now(), b.id),
            )

    def note_error(self, b: OutboxBundle, message: str) -> None:
        """Remember why the last attempt failed (shown to the user); the bundle stays queued."""
        with self.store.write() as db:
            db.execute("UPDATE bundles SET last_error = ? WHERE id = ?", (message, b.id))

    def mark_rejected(self, b: OutboxBundle, kind: str, message: str) -> None:
        """The server refused the whole bundle: keep the file, show the reason, stop sending it."""
        with self.store.write() as db:
            db.execute(
                "UPDATE bundles SET state = 'rejected', last_error = ? WHERE id = ?",
                (f"{kind}: {message}", b.id),
            )

    def abandon(self, b: OutboxBundle, reason: str) -> None:
        """Give up a bundle whose file is lost or damaged: mark it rejected with ``reason`` and
        put its undelivered records back in the outbox, for a later bundle. Safe even if the
        lost file reaches the server after all: the server stores each record once."""
        with self.store.write() as db:
            db.execute(
                "UPDATE bundles SET state = 'rejected', last_error = ? WHERE id = ?",
                (reason, b.id),
            )
            db.execute(
                "UPDATE delivery SET bundle_seq = NULL WHERE bundle_seq = ?"
                " AND delivered_at IS NULL",
                (b.id,),
            )

    def apply_receipt(self, document: Any) -> Receipt:
        """Verify a receipt (signature, device, project, bundle hash) and mark its records.

        Records the receipt stores become delivered; records it rejects keep their reason;
        records it does not name go back to the outbox for a later bundle. Applying the same
        receipt again changes nothing. Raises ``ReceiptError`` and changes nothing otherwise.
        """
        ident = self.identity
        rec = verify_receipt(
            document,
            ident.server_public_key,
            device_id=ident.device_id,
            project_id=ident.project_id,
        )
        b = self.bundle(rec.device_id, rec.seq)
        if b.sha256 != rec.bundle_sha256:
            raise ReceiptError(
                f"the receipt for bundle {rec.seq} names other bytes than this PC sent;"
                " the bundle stays pending (ask the admin: the server reports a conflict)"
            )
        if b.state == "delivered":
            return rec
        stamp = now()
        with self.store.write() as db:
            db.execute(
                "UPDATE bundles SET state = 'delivered', delivered_at = ?, receipt = ?,"
                " last_error = NULL WHERE id = ?",
                (stamp, json.dumps(document, ensure_ascii=False), b.id),
            )
            db.execute(
                "UPDATE delivery SET delivered_at = ?, rejected_reason = NULL"
                " WHERE bundle_seq = ? AND record_uuid IN (SELECT value FROM json_each(?))",
                (stamp, b.id, json.dumps(sorted(rec.stored))),
            )
            db.conn.executemany(
                "UPDATE delivery SET rejected_reason = ? WHERE bundle_seq = ? AND record_uuid = ?"
                " AND delivered_at IS NULL",
                [(reason or "rejected", b.id, uuid) for uuid, reason in rec.rejected],
            )
            db.execute(
                "UPDATE delivery SET bundle_seq = NULL WHERE bundle_seq = ?"
                " AND delivered_at IS NULL AND rejected_reason IS NULL",
                (b.id,),
            )
        return rec
