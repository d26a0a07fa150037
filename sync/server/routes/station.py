"""The supervisor station's API: the centre's work, rework returns to PCs, quality figures.

``GET /v1/station/work`` (supervisor station): the work of the PCs of its centre, bundle by
bundle, for a station with a link. ``POST /v1/station/messages`` (supervisor station): a
signed message for one PC (rework, tasks); ``GET /v1/station/messages`` (any device): the
messages for the caller. ``GET /v1/quality`` (admin, relay): reviews, gold and agreement per
centre and per worker and day or week.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Body, Query
from sqlalchemy import Connection, Table, select

from labeler.annotations import loads as load_shapes
from sync.server import quality
from sync.server import storage as db
from sync.server.deps import AdminOrRelayDep, DeviceDep, StateDep
from sync.server.errors import ForbiddenError
from sync.server.schemas import ErrorBody

router = APIRouter(tags=["station"])
_ERRORS = {code: {"model": ErrorBody} for code in (400, 401, 403, 404)}
MAX_WORK_BUNDLES = 50


@router.get("/station/work", responses=_ERRORS)
def get_centre_work(
    caller: DeviceDep, state: StateDep, after: int = Query(0, ge=0)
) -> dict[str, Any]:
    """Up to 50 bundles (as the records they stored) of the caller's centre after ``after``
    (the server's bundle number): what a station with a link collects."""
    if quality.supervisor(state.storage, caller.id) is None:
        raise ForbiddenError("only a supervisor station reads the centre's work")
    b, d, s, p, f = db.bundles, db.devices, db.submissions, db.proposals, db.flags
    m = db.model_feedback
    with state.storage.read() as conn:
        centre = conn.execute(select(d.c.centre).where(d.c.id == caller.id)).scalar()
        rows = conn.execute(
            select(b.c.id, b.c.device_id, b.c.seq, b.c.sha256, b.c.prev_sha256)
            .select_from(b.join(d, d.c.id == b.c.device_id))
            .where(
                b.c.id > after,
                b.c.project_id == caller.project_id,
                d.c.centre == centre,
                b.c.device_id != caller.id,
            )
            .order_by(b.c.id)
            .limit(MAX_WORK_BUNDLES)
        ).all()
        ids = [r.id for r in rows]  # each kind of record of all of them in one query
        subs, props, flags, feedback = (_by_bundle(conn, t, ids) for t in (s, p, f, m))
        out = [
            {
                "id": r.id,
                "device_id": r.device_id,
                "seq": r.seq,
                "sha256": r.sha256,
                "prev_sha256": r.prev_sha256,
                "submissions": [_submission(x) for x in subs[r.id]],
                "proposals": [_proposal(x) for x in props[r.id]],
                "flags": [json.loads(x["record"]) for x in flags[r.id]],  # a worker's (issue 12)
                "feedback": [_feedback(x) for x in feedback[r.id]],  # for the model report
            }
            for r in rows
        ]
    return {"bundles": out, "more": len(out) == MAX_WORK_BUNDLES}


def _by_bundle(conn: Connection, table: Table, ids: list[int]) -> dict[int, list[Any]]:
    """The rows of ``table`` that bundles ``ids`` stored, by bundle (one query for all)."""
    found: dict[int, list[Any]] = {i: [] for i in ids}
    if ids:
        for row in conn.execute(select(table).where(table.c.bundle_id.in_(ids))).mappings():
            found[row["bundle_id"]].append(row)
    return found


def _submission(r: Any) -> dict[str, Any]:
    return {
        "uuid": r["uuid"],
        "image_sha256": r["image_sha256"],
        "image_path": r["image_path"],
        "width": r["width"],
        "height": r["height"],
        "shapes": [x.to_dict() for x in load_shapes(r["shapes"])],
        "taxonomy_version": r["taxonomy_version"],
        "worker": r["worker"],
        "device_id": r["record_device_id"],
        "started_at": r["started_at"],
        "submitted_at": r["submitted_at"],
        "duration_ms": r["duration_ms"],
        "revision": r["revision"],
        "supersedes": r["supersedes"],
        "source": r["source"],
    }


def _feedback(r: Any) -> dict[str, Any]:
    keys = ("uuid", "submission_uuid", "image_sha256", "model_sha256", "worker", "created_at")
    return {k: r[k] for k in keys} | {
        "outcomes": json.loads(r["outcomes"]),
        "device_id": r["record_device_id"],
    }


def _proposal(r: Any) -> dict[str, Any]:
    return {
        k: r[k]
        for k in ("uuid", "image_sha256", "image_path", "name", "reason", "worker", "created_at")
    } | {"region": json.loads(r["region"]) if r["region"] else None}


@router.post("/station/messages", responses=_ERRORS)
def post_message(
    caller: DeviceDep, state: StateDep, document: dict[str, Any] = Body(...)
) -> dict[str, int]:
    """Keep a signed message of this station for one of the project's PCs."""
    return {"id": quality.add_message(state.storage, caller.id, caller.project_id or "", document)}


@router.get("/station/messages", responses=_ERRORS)
def get_messages(caller: DeviceDep, state: StateDep, after: int = Query(0, ge=0)) -> dict[str, Any]:
    """The signed messages of supervisor stations for the calling PC, after ``after``."""
    return {"messages": quality.messages_for(state.storage, caller.id, after)}


@router.get("/quality", responses=_ERRORS)
def get_quality(
    caller: AdminOrRelayDep,
    state: StateDep,
    project: str | None = Query(None),
    period: str = Query("week", description="day or week"),
) -> dict[str, Any]:
    """Reviews, gold accuracy and agreement per centre and per worker (stored facts only)."""
    info = state.registry.default_project(caller.project_id or project)
    return quality.quality_report(state.storage, info.id, period)
