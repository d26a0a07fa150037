"""Admin (and relay) reading: progress per centre and device, proposals, exports."""

from __future__ import annotations

from fastapi import APIRouter, Query

from sync.server import reports
from sync.server.deps import AdminDep, AdminOrRelayDep, StateDep
from sync.server.schemas import (
    Alert,
    CentreProgress,
    DeviceProgress,
    ErrorBody,
    Progress,
    ProposalOut,
)

router = APIRouter(tags=["admin"])
SKIPPED_HEADER = "X-HITL-Skipped-Records"
"""How many stored records the export could not write (named by `labeler-server export`)."""
_ERRORS = {code: {"model": ErrorBody} for code in (400, 401, 403, 404)}


@router.get("/progress", response_model=Progress, responses=_ERRORS)
def get_progress(
    caller: AdminOrRelayDep, state: StateDep, project: str | None = Query(None)
) -> Progress:
    """Per centre and device: bundles, submissions, proposals, last seen; admin alerts."""
    project_id = caller.project_id or (state.registry.project(project).id if project else None)
    devices = reports.progress(state.storage, project_id)
    centres: dict[str, CentreProgress] = {}
    for d in devices:
        c = centres.setdefault(
            d["centre"],
            CentreProgress(
                centre=d["centre"], devices=0, bundles=0, submissions=0, proposals=0, last_seen=None
            ),
        )
        c.devices += 1
        c.bundles += d["bundles"]
        c.submissions += d["submissions"]
        c.proposals += d["proposals"]
        if d["last_seen"] and (c.last_seen is None or d["last_seen"] > c.last_seen):
            c.last_seen = d["last_seen"]
    return Progress(
        centres=list(centres.values()),
        devices=[DeviceProgress(**d) for d in devices],
        alerts=[Alert(**a) for a in reports.alerts(state.storage, project_id)],
    )


@router.get("/proposals", response_model=list[ProposalOut], responses=_ERRORS)
def get_proposals(
    _admin: AdminDep, state: StateDep, project: str | None = Query(None)
) -> list[ProposalOut]:
    """Label proposals ("none of these fit") received from workers, oldest first."""
    project_id = state.registry.project(project).id if project else None
    return [ProposalOut(**p) for p in reports.proposals(state.storage, project_id)]
