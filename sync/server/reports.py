"""What the admin and the devices read back: sequences and gaps, progress, proposals, exports.

Read-only queries over ``Storage``; the HTTP routes and the CLI both call these.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from labeler.annotations import loads as load_shapes
from labeler.exports.records import Unreadable, read_record
from labeler.work import Submission
from sync.server import quality
from sync.server import storage as db
from sync.server.storage import Storage

MAX_MISSING_LISTED = 1000


def sequence(storage: Storage, device_id: str) -> dict[str, Any]:
    """Highest unbroken sequence, the gaps below the highest received, and chain alerts."""
    b, a = db.bundles, db.alerts
    with storage.read() as conn:
        seqs = conn.execute(
            select(b.c.seq).where(b.c.device_id == device_id).order_by(b.c.seq)
        ).scalars()
        seqs = list(seqs)
        broken = conn.execute(
            select(a.c.seq)
            .where(a.c.device_id == device_id, a.c.kind == "chain_broken")
            .distinct()
            .order_by(a.c.seq)
        ).scalars()
        broken = list(broken)
    received = set(seqs)
    top = max(received, default=0)
    highest = 0
    while highest + 1 in received:
        highest += 1
    missing = []
    for n in range(highest + 1, top):
        if n not in received:
            missing.append(n)
            if len(missing) >= MAX_MISSING_LISTED:
                break
    return {
        "highest": top,
        "highest_contiguous": highest,
        "missing": missing,
        "received": len(seqs),
        "chain_broken": broken,
    }


def progress(storage: Storage, project_id: str | None = None) -> list[dict[str, Any]]:
    """One row per device: centre, bundles, submissions, proposals, last seen, gaps."""
    d, b, s, p = db.devices, db.bundles, db.submissions, db.proposals
    bcount = (
        select(b.c.device_id, func.count().label("n"), func.max(b.c.seq).label("top")).group_by(
            b.c.device_id
        )
    ).subquery()
    scount = select(s.c.device_id, func.count().label("n")).group_by(s.c.device_id).subquery()
    pcount = select(p.c.device_id, func.count().label("n")).group_by(p.c.device_id).subquery()
    query = (
        select(
            d.c.id,
            d.c.project_id,
            d.c.centre,
            d.c.last_seen_at,
            d.c.revoked_at,
            func.coalesce(bcount.c.n, 0).label("bundles"),
            func.coalesce(bcount.c.top, 0).label("top"),
            func.coalesce(scount.c.n, 0).label("submissions"),
            func.coalesce(pcount.c.n, 0).label("proposals"),
        )
        .select_from(
            d.outerjoin(bcount, bcount.c.device_id == d.c.id)
            .outerjoin(scount, scount.c.device_id == d.c.id)
            .outerjoin(pcount, pcount.c.device_id == d.c.id)
        )
        .order_by(d.c.centre, d.c.id)
    )
    if project_id:
        query = query.where(d.c.project_id == project_id)
    with storage.read() as conn:
        rows = conn.execute(query).all()
    return [
        {
            "project_id": r.project_id,
            "centre": r.centre,
            "device_id": r.id,
            "bundles": r.bundles,
            "missing_bundles": r.top - r.bundles,
            "submissions": r.submissions,
            "proposals": r.proposals,
            "last_seen": r.last_seen_at,
            "revoked": r.revoked_at is not None,
        }
        for r in rows
    ]


CROP_KEPT, CROP_DROPPED, CROP_NONE = "kept", "dropped", "none"


def proposals(storage: Storage, project_id: str | None = None) -> list[dict[str, Any]]:
    """Proposals received, oldest first, each saying whether its picture was kept
    (``crop``: kept, dropped with ``crop_problem`` saying why, or none sent)."""
    p, c = db.proposals, db.proposal_crops
    query = (
        select(
            p,
            c.c.width.label("crop_width"),
            c.c.height.label("crop_height"),
            c.c.problem.label("crop_problem"),
            c.c.uuid.label("crop_uuid"),
        )
        .select_from(p.outerjoin(c, c.c.uuid == p.c.uuid))
        .order_by(p.c.created_at, p.c.uuid)
    )
    if project_id:
        query = query.where(p.c.project_id == project_id)
    with storage.read() as conn:
        rows = conn.execute(query).mappings().all()
    return [
        {
            "uuid": r["uuid"],
            "project_id": r["project_id"],
            "device_id": r["device_id"],
            "image_sha256": r["image_sha256"],
            "image_path": r["image_path"],
            "name": r["name"],
            "reason": r["reason"],
            "region": json.loads(r["region"]) if r["region"] else None,
            "taxonomy_version": r["taxonomy_version"],
            "worker": r["worker"],
            "created_at": r["created_at"],
            "received_at": r["received_at"],
            **_crop_state(r),
        }
        for r in rows
    ]


def _crop_state(r: Any) -> dict[str, Any]:
    if r["crop_uuid"] is None:
        return {"crop": CROP_NONE, "crop_width": None, "crop_height": None, "crop_problem": None}
    if r["crop_problem"] is not None:
        return {
            "crop": CROP_DROPPED,
            "crop_width": None,
            "crop_height": None,
            "crop_problem": r["crop_problem"],
        }
    return {
        "crop": CROP_KEPT,
        "crop_width": r["crop_width"],
        "crop_height": r["crop_height"],
        "crop_problem": None,
    }


def alerts(storage: Storage, project_id: str | None = None) -> list[dict[str, Any]]:
    a = db.alerts
    query = select(a).order_by(a.c.id)
    if project_id:
        query = query.where(a.c.project_id == project_id)
    with storage.read() as conn:
        return [dict(r) for r in conn.execute(query).mappings()]


def write_conflicts(storage: Storage, folder: Path) -> int:
    """Each kept conflicting bundle as ``<device>-<seq>-<sha256[:12]>.hitlb``; returns how many."""
    from labeler.atomic_file import write_atomic

    c = db.conflict_bundles
    folder.mkdir(parents=True, exist_ok=True)
    n = 0
    with storage.read() as conn:
        for row in conn.execute(select(c).order_by(c.c.created_at)):
            name = f"{row.device_id}-{row.seq:08d}-{row.sha256[:12]}.hitlb"
            write_atomic(folder / name, bytes(row.data))
            n += 1
    return n


NOT_WORK = ("gold", "overlap")
"""Sources of work that is never exported: answers on gold images, second opinions."""


def _latest_rows(project_id: str) -> Any:
    """Rows of the latest revision of each image; of two equal revisions (two PCs), the
    one with the first image path, then submission time, then uuid. Ranked in the database
    (a window function), so nothing needs remembering row by row here."""
    s = db.submissions
    ranked = (
        select(
            s,
            func.row_number()
            .over(
                partition_by=s.c.image_sha256,
                order_by=(s.c.revision.desc(), s.c.image_path, s.c.submitted_at, s.c.uuid),
            )
            .label("rank"),
        )
        .where(s.c.project_id == project_id, s.c.source.not_in(NOT_WORK))
        .subquery()
    )
    return ranked, select(ranked).where(ranked.c.rank == 1)


def latest_submissions(
    storage: Storage, project_id: str, *, reviewed_only: bool = False
) -> Iterator[Submission | Unreadable]:
    """The latest revision of each image of a project (a correction supersedes), streamed
    from a server-side cursor in batches. A row that cannot be read back (stored before
    records were checked) comes as ``Unreadable``, which the export skips and names.

    Gold images and second opinions are never work (issue 12): left out. With
    ``reviewed_only`` an image is exported only when its latest revision was accepted by a
    supervisor or is a supervisor's correction."""
    ranked, query = _latest_rows(project_id)
    # the filters run in the database (issue 12): nothing per gold image or per review is
    # held here, so memory stays flat however many there are
    query = query.where(~quality.is_gold(project_id, ranked.c.image_sha256))
    if reviewed_only:
        query = query.where(
            (ranked.c.source == "corrected") | quality.is_accepted(project_id, ranked.c.uuid)
        )
    query = query.order_by(ranked.c.image_path, ranked.c.image_sha256, ranked.c.uuid)
    with storage.read() as conn:
        result = conn.execution_options(stream_results=True, yield_per=1000).execute(query)
        for r in result.mappings():
            yield read_record(
                r["uuid"],
                lambda r=r: Submission(
                    uuid=r["uuid"],
                    image_sha256=r["image_sha256"],
                    image_path=r["image_path"],
                    width=r["width"],
                    height=r["height"],
                    shapes=tuple(load_shapes(r["shapes"])),
                    taxonomy_version=r["taxonomy_version"],
                    worker=r["worker"],
                    device_id=r["device_id"],
                    started_at=r["started_at"],
                    submitted_at=r["submitted_at"],
                    duration_ms=r["duration_ms"],
                    revision=r["revision"],
                    supersedes=r["supersedes"],
                    source=r["source"],
                ),
            )


def count_latest(storage: Storage, project_id: str) -> int:
    """How many images ``latest_submissions`` yields (an export's total)."""
    s = db.submissions
    query = select(func.count(func.distinct(s.c.image_sha256))).where(s.c.project_id == project_id)
    with storage.read() as conn:
        return int(conn.execute(query).scalar_one())


def count_submissions(storage: Storage, project_id: str | None = None) -> int:
    s = db.submissions
    query = select(func.count()).select_from(s)
    if project_id:
        query = query.where(s.c.project_id == project_id)
    with storage.read() as conn:
        return int(conn.execute(query).scalar_one())


def safe_name(name: str) -> str:
    keep = "".join(c if c.isalnum() or c in "-_" else "_" for c in name).strip("_")
    return keep or "annotations"
