"""The admin's answers to workers' label proposals, on the PC.

They arrive in the signed project pack (by network or USB; ``sync.enrollment.apply_pack``
stores them here) and are matched to this project's own proposals by uuid. The app shows a
worker the answers to her proposals she has not seen yet, then marks them seen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from labeler.project import Project
from labeler.store import now

DECISIONS = ("added", "renamed", "merged", "declined")


@dataclass(frozen=True)
class ProposalAnswer:
    proposal_uuid: str
    name: str  # what the worker proposed
    worker: str
    decision: str  # added | renamed | merged | declined
    label_id: str | None
    reply: str
    answered_at: str


def store_answers(project: Project, answers: list[Any]) -> int:
    """Keep the answers that name one of this project's proposals; returns how many are new."""
    stamp = now()
    added = 0
    with project.store.write() as db:
        for a in answers:
            if not isinstance(a, dict) or a.get("decision") not in DECISIONS:
                continue
            uuid = a.get("proposal")
            if (
                not isinstance(uuid, str)
                or not db.execute("SELECT 1 FROM proposals WHERE uuid = ?", (uuid,)).fetchone()
            ):
                continue  # another PC's proposal
            label = a.get("label")
            version = a.get("taxonomy_version")
            cur = db.execute(
                "INSERT OR IGNORE INTO proposal_answers (proposal_uuid, decision, label_id,"
                " taxonomy_version, reply, answered_at, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    uuid,
                    a["decision"],
                    label if isinstance(label, str) else None,
                    version if isinstance(version, int) else None,
                    str(a.get("reply") or "")[:500],
                    str(a.get("answered_at") or stamp),
                    stamp,
                ),
            )
            added += cur.rowcount
    return added


def unseen_answers(project: Project, worker: str) -> list[ProposalAnswer]:
    """Answers to ``worker``'s proposals she has not been shown yet, oldest first."""
    rows = project.store.query(
        "SELECT a.proposal_uuid, p.name, p.worker, a.decision, a.label_id, a.reply,"
        " a.answered_at FROM proposal_answers a JOIN proposals p ON p.uuid = a.proposal_uuid"
        " WHERE a.seen_at IS NULL AND p.worker = ? ORDER BY a.answered_at, a.proposal_uuid",
        (worker,),
    )
    return [ProposalAnswer(**r) for r in rows]


def mark_seen(project: Project, uuids: list[str]) -> None:
    stamp = now()
    with project.store.write() as db:
        for uuid in uuids:
            db.execute(
                "UPDATE proposal_answers SET seen_at = ? WHERE proposal_uuid = ? AND seen_at IS NULL",
                (stamp, uuid),
            )
