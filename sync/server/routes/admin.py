"""Admin (and relay) reading: progress per centre and device, proposals, exports."""

from __future__ import annotations

import secrets
import shutil
from pathlib import Path

from fastapi import APIRouter, Query
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse
from starlette.background import BackgroundTask

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


@router.get(
    "/export",
    response_class=FileResponse,
    responses={200: {"content": {"application/octet-stream": {}}}, **_ERRORS},
)
async def get_export(
    _admin: AdminDep,
    state: StateDep,
    format: str = Query("coco", description="coco, yolo, voc, cvat, labelstudio, labelme, csv"),
    project: str | None = Query(None, description="name or id; optional with one project"),
) -> FileResponse:
    """Everything received (latest revision of each image) as one file; folders come zipped."""
    info = await run_in_threadpool(state.registry.default_project, project)
    work = state.settings.exports_dir / secrets.token_hex(8)
    work.mkdir(parents=True)
    try:
        result = await run_in_threadpool(reports.export, state.storage, info, format, work)
        path = result.path
        if path.is_dir():
            path = Path(await run_in_threadpool(shutil.make_archive, str(path), "zip", path))
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return FileResponse(
        path,
        filename=path.name,
        media_type="application/octet-stream",
        headers={SKIPPED_HEADER: str(len(result.skipped))},
        background=BackgroundTask(shutil.rmtree, work, ignore_errors=True),
    )
