"""Quality control on the server: supervisor stations, their records, and the figures.

A supervisor station is an enrolled device with an Ed25519 key (``add_supervisor``); the
signed project pack lists it, so PCs trust its rework returns. Reviews, gold answers, gold
scores and agreements arrive in its bundles and are stored once by uuid, after the same
checks as on the station (``labeler.quality.records``): a record from a device that is not a
supervisor, or naming another station than the one that sent it, is rejected in the receipt.
A station's own gold answers arrive sealed (``gold_sealed``) and are opened with the project's
gold key before those checks; an older station's clear ``gold`` is still taken.
``quality_report`` is what the admin (progress, the console) reads: per centre and per worker
and day or week, from the stored facts only.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Connection, exists, select

from labeler.errors import LabelerError
from labeler.quality.records import RECORD_TYPES, STATION_KINDS, parse_record
from labeler.quality.reports import Facts, WorkerPeriod, summarize
from sync import gold_seal
from sync.server import storage as db
from sync.server.errors import NotFoundError, ServerError
from sync.server.records import RecordRejected
from sync.server.storage import Storage, utcnow
from sync.signing import canonical, generate_private_key, public_key_of

TABLES = {
    "review": db.reviews,
    "gold": db.gold,
    "gold_score": db.gold_scores,
    "agreement": db.agreements,
    "flag": db.flags,
}


# ---------------------------------------------------------------- supervisors
def add_supervisor(storage: Storage, device_id: str, project_id: str, name: str) -> str:
    """Give an enrolled device the supervisor role; returns its new private key (base64),
    which goes into its enrollment file only."""
    private = generate_private_key()
    with storage.write() as conn:
        conn.execute(
            db.supervisors.insert().values(
                device_id=device_id,
                project_id=project_id,
                name=name.strip() or "supervisor",
                public_key=public_key_of(private),
                created_at=utcnow(),
            )
        )
    return private


def supervisors(storage: Storage, project_id: str) -> list[dict[str, str]]:
    """The pack's list: device id, name, centre and public key of each active station."""
    s, d = db.supervisors, db.devices
    query = (
        select(s.c.device_id, s.c.name, d.c.centre, s.c.public_key)
        .select_from(s.join(d, d.c.id == s.c.device_id))
        .where(s.c.project_id == project_id, d.c.revoked_at.is_(None))
        .order_by(s.c.created_at, s.c.device_id)
    )
    with storage.read() as conn:
        return [dict(r._mapping) for r in conn.execute(query)]


def supervisor(storage: Storage, device_id: str) -> Any:
    with storage.read() as conn:
        return conn.execute(
            select(db.supervisors).where(db.supervisors.c.device_id == device_id)
        ).first()


# ---------------------------------------------------------------- records in bundles
@dataclass(frozen=True)
class QualityRow:
    kind: str
    uuid: str
    values: dict[str, Any]


def prepare(
    quality: dict[str, list[dict[str, Any]]],
    device_id: str,
    is_supervisor: bool,
    project_id: str = "",
    gold_key: Callable[[str], bytes] | None = None,
) -> tuple[list[QualityRow], list[dict[str, str]]]:
    """(rows to store, rejected [{uuid, reason}]) for a bundle's quality records.

    ``gold_sealed`` records (a station's own gold answers, sealed under the project's gold
    key, which ``gold_key(project_id)`` gives) are opened here and then checked and stored as ``gold``;
    one that does not open is rejected alone, with the reason."""
    rows: list[QualityRow] = []
    rejected: list[dict[str, str]] = []
    seen: set[str] = set()
    key: list[bytes] = []  # derived once per bundle, when it has sealed gold
    for wire_kind, records in quality.items():
        kind = "gold" if wire_kind == "gold_sealed" else wire_kind
        for rec in records:
            uuid = rec.get("uuid") if isinstance(rec.get("uuid"), str) else ""
            try:
                if not is_supervisor and kind in STATION_KINDS:
                    raise RecordRejected(f"only a supervisor station sends {kind} records")
                if wire_kind == "gold_sealed":
                    if not key and gold_key is not None:
                        key.append(gold_key(project_id))
                    rec = _opened(rec, project_id, key[0] if key else None)
                parsed = parse_record(kind, rec)
                if kind in STATION_KINDS and parsed.device_id != device_id:
                    raise RecordRejected(f"the {kind} names another station than its sender")
            except (RecordRejected, LabelerError) as exc:
                rejected.append({"uuid": uuid, "reason": str(exc)})
                continue
            if parsed.uuid in seen:
                continue
            seen.add(parsed.uuid)
            rows.append(QualityRow(kind, parsed.uuid, _columns(kind, parsed)))
    return rows, rejected


def _opened(sealed: dict[str, Any], project_id: str, key: bytes | None) -> dict[str, Any]:
    """The gold answer a station sealed (``sync.gold_seal.open_record``); ``RecordRejected``
    with the reason when it does not open."""
    if key is None:
        raise RecordRejected("sealed gold answers are not opened here")
    try:
        return gold_seal.open_record(key, project_id, sealed)
    except gold_seal.GoldSealError as exc:
        if exc.kind == "wrong_key":
            raise RecordRejected(
                "the gold answer is sealed under another gold key than this project's (the"
                " station holds another server's or project's key): sync the station with"
                " the server once or enroll it again, then import the gold file again"
            ) from None
        raise RecordRejected(
            "the sealed gold answer does not open with this project's gold key (damaged or"
            " changed): import the gold file on the station again"
        ) from None


def _columns(kind: str, r: Any) -> dict[str, Any]:
    base = {"uuid": r.uuid, "image_sha256": r.image_sha256, "record": r.to_json()}
    if kind == "review":
        return {
            **base,
            "submission_uuid": r.submission_uuid,
            "worker": r.worker,
            "worker_device_id": r.worker_device_id,
            "reviewer": r.reviewer,
            "decision": r.decision,
            "reason": r.reason,
            "reviewed_at": r.reviewed_at,
        }
    if kind == "gold":
        return {**base, "source": r.source}
    if kind == "flag":  # a worker's flag: the PC's own id, like a submission's device_id
        return {**base, "worker": r.worker, "note": r.note}
    if kind == "gold_score":
        return {
            **base,
            "submission_uuid": r.submission_uuid,
            "worker": r.worker,
            "worker_device_id": r.worker_device_id,
            "passed": int(r.passed),
        }
    return {
        **base,
        "submission_a": r.submission_a,
        "submission_b": r.submission_b,
        "worker_a": r.worker_a,
        "worker_b": r.worker_b,
        "f1": repr(r.f1),
        "agree": int(r.agree),
    }


def store(conn: Connection, rows: list[QualityRow], common: dict[str, Any]) -> None:
    """Insert ``rows`` (the ones not stored before: ingest has looked), kind by kind."""
    for kind, table in TABLES.items():
        mine = [{**r.values, **common} for r in rows if r.kind == kind]
        if mine:
            conn.execute(table.insert(), mine)


def is_gold(project_id: str, image_sha256: Any) -> Any:
    """SQL: the image (a column or value) is gold in the project: imported at a centre, or
    marked by the admin (both looked up by index)."""
    g, m = db.gold, db.gold_marks
    return exists().where(g.c.project_id == project_id, g.c.image_sha256 == image_sha256) | (
        exists().where(m.c.project_id == project_id, m.c.image_sha256 == image_sha256)
    )


def is_accepted(project_id: str, submission_uuid: Any) -> Any:
    """SQL: a supervisor accepted this revision as it was."""
    r = db.reviews
    return exists().where(
        r.c.project_id == project_id,
        r.c.submission_uuid == submission_uuid,
        r.c.decision == "accept",
    )


# ---------------------------------------------------------------- station messages
def add_message(storage: Storage, station_id: str, project_id: str, document: Any) -> int:
    """Keep a station's signed message for its PC; the same (station, seq) again is a no-op.
    The server checks the signature with the station's key too: it trusts nothing."""
    from sync.signing import verify_json

    body = document.get("message") if isinstance(document, dict) else None
    row = supervisor(storage, station_id)
    if row is None:
        raise ServerError("only a supervisor station sends messages to PCs", "forbidden")
    if not isinstance(body, dict) or not verify_json(
        body, str(document.get("signature", "")), row.public_key
    ):
        raise ServerError("the message is not signed by this station's key", "signature")
    if body.get("station_id") != station_id or body.get("project_id") != project_id:
        raise ServerError("the message names another station or project", "forbidden")
    seq, device = body.get("seq"), body.get("device_id")
    if not isinstance(seq, int) or not isinstance(device, str):
        raise ServerError("the message has no seq or device", "malformed")
    m = db.station_messages
    with storage.write() as conn:
        target = conn.execute(select(db.devices).where(db.devices.c.id == device)).first()
        if target is None or target.project_id != project_id:
            raise NotFoundError(f"no PC {device!r} in this project")
        known = conn.execute(
            select(m.c.id).where(m.c.station_id == station_id, m.c.seq == seq)
        ).scalar()
        if known is not None:
            return int(known)
        return int(
            conn.execute(
                m.insert().values(
                    project_id=project_id,
                    station_id=station_id,
                    device_id=device,
                    seq=seq,
                    document=canonical(document).decode("utf-8"),
                    received_at=utcnow(),
                )
            ).inserted_primary_key[0]
        )


def messages_for(storage: Storage, device_id: str, after: int, limit: int = 50) -> list[dict]:
    m = db.station_messages
    with storage.read() as conn:
        rows = conn.execute(
            select(m.c.id, m.c.document)
            .where(m.c.device_id == device_id, m.c.id > after)
            .order_by(m.c.id)
            .limit(limit)
        ).all()
    return [{"id": r.id, "document": json.loads(r.document)} for r in rows]


# ---------------------------------------------------------------- figures
def _work(conn: Connection, project_id: str, devices: list[str]) -> list[tuple]:
    """(uuid, worker, submitted_at, duration_ms) of the devices' own work (not corrections)."""
    s = db.submissions
    query = select(s.c.uuid, s.c.worker, s.c.submitted_at, s.c.duration_ms).where(
        s.c.project_id == project_id,
        s.c.source.not_in(("corrected",)),
        s.c.device_id.in_(devices),
    )
    return [tuple(r) for r in conn.execute(query)]


def _records(conn: Connection, project_id: str) -> Facts:
    """The stations' records of a project (no work): read once, whatever work they judge."""
    r, g, a = db.reviews, db.gold_scores, db.agreements
    return Facts(
        work=[],
        reviews=[
            tuple(x)
            for x in conn.execute(
                select(r.c.submission_uuid, r.c.decision).where(r.c.project_id == project_id)
            )
        ],
        gold=[
            (u, bool(p))
            for u, p in conn.execute(
                select(g.c.submission_uuid, g.c.passed).where(g.c.project_id == project_id)
            )
        ],
        agreements=[
            (x, y, float(f))
            for x, y, f in conn.execute(
                select(a.c.submission_a, a.c.submission_b, a.c.f1).where(
                    a.c.project_id == project_id
                )
            )
        ],
    )


def _totals(rows: list[WorkerPeriod]) -> dict[str, Any]:
    reviewed = sum(w.reviewed for w in rows)
    scored = sum(w.gold_scored for w in rows)
    f1s = [f for w in rows for f in w.agreement_f1]
    return {
        "images": sum(w.images for w in rows),
        "reviewed": reviewed,
        "accepted": sum(w.accepted for w in rows),
        "corrected": sum(w.corrected for w in rows),
        "rejected": sum(w.rejected for w in rows),
        "acceptance": round(sum(w.accepted for w in rows) / reviewed, 4) if reviewed else None,
        "gold_scored": scored,
        "gold_accuracy": round(sum(w.gold_passed for w in rows) / scored, 4) if scored else None,
        "agreement_pairs": len(f1s),
        "agreement_f1": round(sum(f1s) / len(f1s), 4) if f1s else None,
    }


def by_centre(
    storage: Storage, project_id: str, period: str = "week"
) -> list[tuple[str, list[WorkerPeriod]]]:
    """Per centre (by name): each worker's figures per ``period`` (day or week)."""
    if period not in ("day", "week"):
        raise ServerError("period must be day or week", "bad_request")
    d = db.devices
    with storage.read() as conn:
        centres: dict[str, list[str]] = {}
        for dev, centre in conn.execute(
            select(d.c.id, d.c.centre).where(d.c.project_id == project_id).order_by(d.c.centre)
        ):
            centres.setdefault(centre, []).append(dev)
        records = _records(conn, project_id)
        return [
            (centre, summarize(replace(records, work=_work(conn, project_id, devs)), period))
            for centre, devs in centres.items()
        ]


def quality_report(storage: Storage, project_id: str, period: str = "week") -> dict[str, Any]:
    """Per centre: totals and per-worker rows by ``period`` (day or week); ``GET
    /v1/quality`` answers this. Numbers only from stored facts."""
    out = [
        {"centre": centre, **_totals(rows), "workers": [w.as_row() for w in rows]}
        for centre, rows in by_centre(storage, project_id, period)
    ]
    return {"project_id": project_id, "period": period, "centres": out}


assert set(TABLES) == set(RECORD_TYPES)
