"""The admin's answers to workers' label proposals, and how they travel back to the PCs.

An answer is stored once per proposal (``storage.proposal_answers``); its row id only grows,
so the largest id of a project is the pack's ``answers_version``. The signed project pack
carries the newest ``MAX_ANSWERS_IN_PACK`` answers of the project (PROTOCOL.md, "Project
pack"): a PC matches them to its own proposals by uuid, by network or from a USB drive.
"""

from __future__ import annotations

from typing import Any, Literal

from sqlalchemy import Connection, func, select

from sync.server import storage as db
from sync.server.storage import Storage, utcnow

Decision = Literal["added", "renamed", "merged", "declined"]
DECISIONS: tuple[str, ...] = ("added", "renamed", "merged", "declined")
MAX_ANSWERS_IN_PACK = 1000
MAX_REPLY_CHARS = 500


def record(
    conn: Connection,
    project_id: str,
    proposal_uuids: list[str],
    decision: Decision,
    *,
    label_id: str | None,
    taxonomy_version: int | None,
    reply: str,
) -> int:
    """Answer every proposal in ``proposal_uuids`` not answered yet; returns how many."""
    a = db.proposal_answers
    done = set(
        conn.execute(select(a.c.proposal_uuid).where(a.c.proposal_uuid.in_(proposal_uuids)))
        .scalars()
        .all()
    )
    stamp = utcnow()
    rows = [
        {
            "proposal_uuid": u,
            "project_id": project_id,
            "decision": decision,
            "label_id": label_id,
            "taxonomy_version": taxonomy_version,
            "reply": reply[:MAX_REPLY_CHARS],
            "answered_at": stamp,
        }
        for u in dict.fromkeys(proposal_uuids)
        if u not in done
    ]
    if rows:
        conn.execute(a.insert(), rows)
    return len(rows)


def version(storage: Storage, project_id: str) -> int:
    """The project's answers version: 0 before the first answer, then only ever larger."""
    a = db.proposal_answers
    with storage.read() as conn:
        top = conn.execute(select(func.max(a.c.id)).where(a.c.project_id == project_id)).scalar()
    return int(top or 0)


def for_pack(storage: Storage, project_id: str) -> list[dict[str, Any]]:
    """The newest answers of a project, oldest first, as the pack carries them."""
    a = db.proposal_answers
    query = (
        select(a)
        .where(a.c.project_id == project_id)
        .order_by(a.c.id.desc())
        .limit(MAX_ANSWERS_IN_PACK)
    )
    with storage.read() as conn:
        rows = conn.execute(query).mappings().all()
    return [
        {
            "proposal": r["proposal_uuid"],
            "decision": r["decision"],
            "label": r["label_id"],
            "taxonomy_version": r["taxonomy_version"],
            "reply": r["reply"],
            "answered_at": r["answered_at"],
        }
        for r in reversed(rows)
    ]


def answered(storage: Storage, uuids: list[str]) -> dict[str, dict[str, Any]]:
    """The answer of each proposal in ``uuids`` that has one."""
    a = db.proposal_answers
    out: dict[str, dict[str, Any]] = {}
    with storage.read() as conn:
        for i in range(0, len(uuids), 500):
            rows = conn.execute(select(a).where(a.c.proposal_uuid.in_(uuids[i : i + 500])))
            for r in rows.mappings():
                out[r["proposal_uuid"]] = dict(r)
    return out
