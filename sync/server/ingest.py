"""Verify a bundle, then store its effects in one transaction, exactly once.

A bundle is keyed by (device, seq) and the SHA-256 of its bytes. The same bytes again get
the original signed receipt and store nothing; two copies at the same instant race on the
unique (device, seq) constraint and the loser re-reads the winner's receipt. Different
bytes under a stored (device, seq) are a conflict: kept for the admin in the database,
never applied. Submissions and proposals are keyed by uuid, so one
that travels in two bundles is stored once.
"""

from __future__ import annotations

import hashlib
import json
import random
import time
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from sqlalchemy import ARRAY, Connection, String, any_, bindparam, func, or_, select
from sqlalchemy.exc import DBAPIError, IntegrityError

from labeler.annotations import AnnotationKind
from labeler.validation import RecordRules
from sync.bundle import BundleLimits, decode_secret, read_bundle
from sync.errors import BundleError
from sync.server import quality
from sync.server import storage as db
from sync.server.errors import BundleRejected, ConflictError, ForbiddenError, NotFoundError
from sync.server.records import (
    RecordRejected,
    crop_row,
    feedback_row,
    proposal_row,
    submission_row,
    uuid_of,
)
from sync.server.registry import Principal, Registry
from sync.server.storage import Storage, is_transient, utcnow
from sync.signing import canonical, sign_json

_RETRIES = 8
# Statements of every upload, built once: building one costs more than running it on SQLite.
_BUNDLE_BY_SHA = select(db.bundles).where(db.bundles.c.sha256 == bindparam("sha"))
_BUNDLE_AT = select(db.bundles).where(
    db.bundles.c.device_id == bindparam("device"), db.bundles.c.seq == bindparam("seq")
)
_NEIGHBOURS = select(db.bundles.c.seq, db.bundles.c.sha256, db.bundles.c.prev_sha256).where(
    db.bundles.c.device_id == bindparam("device"),
    or_(db.bundles.c.seq == bindparam("before"), db.bundles.c.seq == bindparam("after")),
)
_SEEN = (
    db.devices.update()
    .where(db.devices.c.id == bindparam("device"))
    .values(last_seen_at=bindparam("stamp"))
)
MAX_CONFLICTS_KEPT = 100  # per device
_Rows = tuple[list[dict], list[dict], list[dict], list[dict], list, list[dict]]
_IN_CHUNK = 500


@dataclass(frozen=True)
class Verified:
    """What ingest needs from a bundle that passed every check of ``read_bundle``."""

    project_id: str
    device_id: str
    seq: int
    prev_sha256: str | None
    sha256: str
    size: int
    submissions: list[dict[str, Any]]
    proposals: list[dict[str, Any]]
    data: bytes = field(repr=False, default=b"")
    feedback: list[dict[str, Any]] = field(default_factory=list)
    quality: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


class Ingest:
    """The one way bundle bytes become stored work."""

    def __init__(self, storage: Storage, registry: Registry, limits: BundleLimits) -> None:
        self.storage = storage
        self.registry = registry
        self.limits = limits
        self._labels: dict[tuple[str, int], frozenset[str]] = {}
        self._kinds: dict[str, AnnotationKind] = {}

    # ---------------------------------------------------------------- public
    def ingest(self, data: bytes, caller: Principal) -> dict[str, Any]:
        """The signed receipt for ``data``; raises ``ServerError`` when the bundle is refused."""
        sha = hashlib.sha256(data).hexdigest()
        stored = self._receipt_by_sha(sha)
        if stored is not None:
            row, receipt = stored
            self._authorize(caller, row.project_id, row.device_id)
            return receipt
        bundle = self.verify(data, caller, sha)
        rows = self._prepare(bundle)
        look_first = False  # most bundles hold only new work: store it, look if refused
        for attempt in range(_RETRIES):
            try:
                return self._store(bundle, rows, caller, look_first)
            except IntegrityError:
                look_first = True  # a record stored before, or a concurrent upload: look
                continue
            except DBAPIError as exc:
                if not is_transient(exc):
                    raise
                # a deadlock or serialization failure rolled everything back: run it again
                time.sleep(random.uniform(0, 0.005 * 2**attempt))
        raise BundleRejected(
            "the server is too busy with this device's bundles; retry later", "busy"
        )

    def verify(self, data: bytes, caller: Principal, sha: str | None = None) -> Verified:
        """Every check of PROTOCOL.md, then who may upload it; ``BundleRejected`` if any fails."""

        rows: dict[str, Any] = {}  # the device row read for the signature, used again below
        if caller.device is not None:  # read moments ago to check the caller's credentials
            rows[caller.id] = caller.device
        try:
            bundle = read_bundle(
                data,
                secret_for=lambda device_id: self._secret_for(device_id, rows),
                limits=self.limits,
                expected_project=caller.project_id,
            )
        except BundleError as exc:
            raise BundleRejected(exc.message, exc.kind) from None
        manifest = bundle.manifest
        verified = Verified(
            project_id=manifest["project_id"],
            device_id=manifest["device_id"],
            seq=int(manifest["seq"]),
            prev_sha256=manifest.get("prev_sha256"),
            sha256=sha or hashlib.sha256(data).hexdigest(),
            size=len(data),
            submissions=list(bundle.submissions),
            proposals=list(bundle.proposals),
            data=data,
            feedback=list(bundle.feedback),
            quality=bundle.quality,
        )
        device = rows.get(verified.device_id) or self.registry.device(verified.device_id)
        if device.project_id != verified.project_id:
            raise BundleRejected(
                f"device {verified.device_id} belongs to another project than this bundle names",
                "wrong_project",
            )
        self._authorize(caller, verified.project_id, verified.device_id)
        return verified

    # ---------------------------------------------------------------- steps
    def _secret_for(self, device_id: str, rows: dict[str, Any]) -> bytes | None:
        if not isinstance(device_id, str):
            return None
        row = rows.get(device_id) or self.registry.device(device_id)
        if row is None:
            return None
        rows[device_id] = row
        if row.revoked_at:
            raise BundleError(
                "revoked_device",
                f"device {device_id} was revoked on {row.revoked_at}; its bundles are refused",
            )
        return decode_secret(self.registry.device_secret(row))

    @staticmethod
    def _authorize(caller: Principal, project_id: str, device_id: str) -> None:
        if caller.role == "admin":
            return
        if caller.project_id != project_id:
            raise BundleRejected(
                "this bundle belongs to another project than your credentials", "wrong_project"
            )
        if caller.role == "device" and caller.id != device_id:
            raise ForbiddenError(
                f"a PC uploads only its own bundles; this one is from device {device_id}"
            )

    def _rules_of(self, project_id: str) -> RecordRules:
        """What records of this project are checked against: its taxonomy versions (a
        version, once made, never changes, so its labels are cached) and its kind.

        A version the project does not have is looked up once per bundle, so one made by
        another process meanwhile is seen at once."""
        missing: set[int] = set()

        def labels_at(version: int) -> frozenset[str] | None:
            key = (project_id, version)
            found = self._labels.get(key)
            if found is None and version not in missing:
                try:
                    found = frozenset(self.registry.taxonomy(project_id, version).ids())
                except NotFoundError:
                    missing.add(version)
                    return None
                self._labels[key] = found
            return found

        kind = self._kinds.get(project_id)
        if kind is None:
            kind = self._kinds[project_id] = AnnotationKind.parse(
                self.registry.project(project_id).kind
            )
        return RecordRules(labels_at, kind)

    def _latest_labels(self, project_id: str) -> frozenset[str]:
        """Every label the project ever had: its newest version keeps retired ones."""
        t = db.taxonomies
        with self.storage.read() as conn:
            version = conn.execute(
                select(func.max(t.c.version)).where(t.c.project_id == project_id)
            ).scalar()
        return self._rules_of(project_id).labels_at(version) or frozenset()  # type: ignore[misc]

    def _prepare(self, b: Verified) -> _Rows:
        """(submission rows, proposal rows, rejected, feedback rows, quality rows, crop rows)
        before touching the database."""
        rules = self._rules_of(b.project_id)
        fb_labels = self._latest_labels(b.project_id) if b.feedback else frozenset()
        subs: list[dict] = []
        props: list[dict] = []
        feedback: list[dict] = []
        rejected: list[dict] = []
        crops: list[dict] = []  # proposals' pictures, checked (or dropped with the reason)
        to_row = {
            "submission": (lambda r: submission_row(r, rules), subs),
            "proposal": (lambda r: proposal_row(r, rules), props),
            "feedback": (lambda r: feedback_row(r, fb_labels), feedback),
        }
        for kind, records in (
            ("submission", b.submissions),
            ("proposal", b.proposals),
            ("feedback", b.feedback),
        ):
            make, rows = to_row[kind]
            seen: set[str] = set()
            for rec in records:
                try:
                    row = make(rec)
                except RecordRejected as exc:
                    rejected.append({"uuid": uuid_of(rec), "reason": str(exc)})
                    continue
                if row["uuid"] in seen:
                    continue  # listed twice in one bundle: stored once, reported once
                seen.add(row["uuid"])
                rows.append(row)
                if kind == "proposal" and (crop := crop_row(rec, row["uuid"])) is not None:
                    crops.append(crop)
        quality_rows: list = []
        if b.quality:  # a supervisor station's records (issue 12)
            is_station = quality.supervisor(self.storage, b.device_id) is not None
            quality_rows, refused = quality.prepare(
                b.quality, b.device_id, is_station, b.project_id, self.registry.gold_key
            )
            rejected += refused
        return subs, props, rejected, feedback, quality_rows, crops

    def _store(
        self,
        b: Verified,
        rows: _Rows,
        caller: Principal,
        look_first: bool = True,
    ) -> dict[str, Any]:
        """Store the bundle in one transaction. Without ``look_first`` its submissions are
        taken as new without asking the database (a query of every uuid, for a bundle of
        new work: nearly all of them); one stored before makes the primary key refuse the
        whole transaction (``IntegrityError``), and ``ingest`` runs it again looking first.
        Either way each submission is stored once and the receipt says which were new."""
        subs, props, rejected, feedback, quality_rows, crops = rows
        conflict: Any = None
        with self.storage.write() as conn:
            existing = conn.execute(_BUNDLE_AT, {"device": b.device_id, "seq": b.seq}).first()
            if existing is not None:
                if existing.sha256 == b.sha256:
                    return _signed(existing)
                conflict = existing
            else:
                stamp = utcnow()
                dup_subs = (
                    _existing(conn, db.submissions, [r["uuid"] for r in subs])
                    if look_first
                    else set()
                )
                dup_props = _existing(conn, db.proposals, [r["uuid"] for r in props])
                new_subs = [r for r in subs if r["uuid"] not in dup_subs]
                new_props = [r for r in props if r["uuid"] not in dup_props]
                dup_fb = _existing(conn, db.model_feedback, [r["uuid"] for r in feedback])
                new_fb = [r for r in feedback if r["uuid"] not in dup_fb]
                dup_quality = set().union(
                    *(
                        _existing(conn, table, [r.uuid for r in quality_rows if r.kind == kind])
                        for kind, table in quality.TABLES.items()
                    )
                )
                new_quality = [r for r in quality_rows if r.uuid not in dup_quality]
                receipt = {
                    "project_id": b.project_id,
                    "device_id": b.device_id,
                    "seq": b.seq,
                    "bundle_sha256": b.sha256,
                    "received_at": stamp,
                    "accepted": [r["uuid"] for r in new_subs + new_props + new_fb]
                    + [r.uuid for r in new_quality],
                    "duplicates": [r["uuid"] for r in subs if r["uuid"] in dup_subs]
                    + [r["uuid"] for r in props if r["uuid"] in dup_props]
                    + [r["uuid"] for r in feedback if r["uuid"] in dup_fb]
                    + [r.uuid for r in quality_rows if r.uuid in dup_quality],
                    "rejected": rejected,
                }
                signature = sign_json(receipt, self.registry.key.private)
                bundle_id = conn.execute(
                    db.bundles.insert().values(
                        project_id=b.project_id,
                        device_id=b.device_id,
                        seq=b.seq,
                        sha256=b.sha256,
                        prev_sha256=b.prev_sha256,
                        size=b.size,
                        submissions=len(new_subs),
                        proposals=len(new_props),
                        via="device" if caller.role == "device" else f"{caller.role}:{caller.id}",
                        received_at=stamp,
                        receipt=canonical(receipt).decode("utf-8"),
                        signature=signature,
                    )
                ).inserted_primary_key[0]
                common = {
                    "project_id": b.project_id,
                    "device_id": b.device_id,
                    "bundle_id": bundle_id,
                    "received_at": stamp,
                }
                # Rows go in by uuid, so two transactions holding the same records lock them
                # in the same order and never wait on each other in a cycle (PostgreSQL).
                if new_subs:
                    db.insert_rows(conn, db.submissions, _in_key_order(new_subs), common)
                if new_props:
                    db.insert_rows(conn, db.proposals, _in_key_order(new_props), common)
                    fresh = {r["uuid"] for r in new_props}
                    pictures = [
                        {**c, "project_id": b.project_id, "received_at": stamp}
                        for c in sorted(crops, key=lambda c: c["uuid"])
                        if c["uuid"] in fresh
                    ]
                    if pictures:
                        db.insert_rows(conn, db.proposal_crops, pictures)
                if new_fb:
                    db.insert_rows(conn, db.model_feedback, _in_key_order(new_fb), common)
                if new_quality:
                    quality.store(conn, new_quality, common)
                self._check_chain(conn, b, stamp)
                conn.execute(_SEEN, {"device": b.device_id, "stamp": stamp})
                return {"receipt": receipt, "signature": signature}
        self._keep_conflict(b, conflict)
        raise ConflictError(
            f"bundle {b.seq} of device {b.device_id} was already received with other content"
            f" (sha256 {conflict.sha256[:12]}…, this one {b.sha256[:12]}…); nothing of it was"
            " applied and the admin was told. The PC's outbox may have been restored from a copy."
        )

    def _check_chain(self, conn: Connection, b: Verified, stamp: str) -> None:
        """Flag a bundle whose prev_sha256 does not match its stored neighbour."""
        problems = []
        if b.seq == 1 and b.prev_sha256 is not None:
            problems.append("bundle 1 names a previous bundle; the chain must start at bundle 1")
        neighbours = conn.execute(
            _NEIGHBOURS, {"device": b.device_id, "before": b.seq - 1, "after": b.seq + 1}
        ).all()
        for seq, sha, prev in neighbours:
            if seq == b.seq - 1 and sha != b.prev_sha256:
                problems.append(
                    f"bundle {b.seq} names a previous bundle other than the stored bundle {seq}"
                )
            if seq == b.seq + 1 and prev != b.sha256:
                problems.append(f"the stored bundle {seq} names a previous bundle other than this")
        for message in problems:
            conn.execute(
                db.alerts.insert().values(
                    project_id=b.project_id,
                    device_id=b.device_id,
                    seq=b.seq,
                    kind="chain_broken",
                    message=message + " (a cloned disk, or a bundle withheld or rewritten)",
                    sha256=b.sha256,
                    created_at=stamp,
                )
            )

    def _keep_conflict(self, b: Verified, stored: Any) -> None:
        """Keep conflicting bytes once, in the database, and tell the admin."""
        a, c = db.alerts, db.conflict_bundles
        with self.storage.read() as conn:
            known = conn.execute(
                select(a.c.id).where(a.c.kind == "conflict", a.c.sha256 == b.sha256)
            ).first()
            kept = conn.execute(
                select(func.count()).select_from(c).where(c.c.device_id == b.device_id)
            ).scalar_one()
        if known is not None:
            return
        keep_bytes = kept < MAX_CONFLICTS_KEPT  # a misbehaving PC cannot fill the disk
        stamp = utcnow()
        try:
            with self.storage.write() as conn:
                if keep_bytes:
                    conn.execute(
                        c.insert().values(
                            sha256=b.sha256,
                            project_id=b.project_id,
                            device_id=b.device_id,
                            seq=b.seq,
                            data=b.data,
                            created_at=stamp,
                        )
                    )
                conn.execute(
                    a.insert().values(
                        project_id=b.project_id,
                        device_id=b.device_id,
                        seq=b.seq,
                        kind="conflict",
                        message=f"bundle {b.seq} arrived again with other content"
                        f" (stored sha256 {stored.sha256}); not applied; "
                        + (
                            "its bytes are kept (`labeler-server conflicts --out DIR`)"
                            if keep_bytes
                            else "too many kept: bytes dropped"
                        ),
                        sha256=b.sha256,
                        created_at=stamp,
                    )
                )
        except IntegrityError:
            pass  # the same conflict, kept by a concurrent request

    def _receipt_by_sha(self, sha: str) -> tuple[Any, dict[str, Any]] | None:
        with self.storage.lookup() as conn:
            row = conn.execute(_BUNDLE_BY_SHA, {"sha": sha}).first()
        return None if row is None else (row, _signed(row))


def _signed(row: Any) -> dict[str, Any]:
    return {"receipt": json.loads(row.receipt), "signature": row.signature}


def _in_key_order(rows: list[dict]) -> list[dict]:
    return sorted(rows, key=itemgetter("uuid"))


def _existing(conn: Connection, table: Any, uuids: list[str]) -> set[str]:
    """The uuids of ``uuids`` already stored in ``table``. On PostgreSQL one array
    parameter (``= ANY``) rather than an ``IN`` of hundreds: cheaper to send and plan."""
    if not uuids:
        return set()
    if conn.dialect.name == "postgresql":
        wanted = bindparam("uuids", uuids, type_=ARRAY(String))
        return set(conn.execute(select(table.c.uuid).where(table.c.uuid == any_(wanted))).scalars())
    found: set[str] = set()
    for i in range(0, len(uuids), _IN_CHUNK):
        chunk = uuids[i : i + _IN_CHUNK]
        found.update(conn.execute(select(table.c.uuid).where(table.c.uuid.in_(chunk))).scalars())
    return found
